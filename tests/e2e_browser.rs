//! End-to-end: `jixiao-lint serve` driven in a real headless Chromium through ChromeDriver
//! (Debian packages `chromium` and `chromium-driver`; `.ci/run` installs them and sets
//! `JIXIAO_E2E=1`, which makes a missing browser a failure instead of a skip).
//!
//! Uploads seed 003, sees the findings listed and highlighted, clicks one and lands on its
//! place, filters, downloads the HTML and JSON reports and checks them, opens the downloaded
//! report from disk with no server, uploads bad files, and drops a file on the page. Screenshots go to
//! `target/e2e-screenshots/`.

mod common;

use serde_json::{Value, json};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";
use common::{SEED_000, SEED_003};

struct Kill(Child);
impl Drop for Kill {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn tool(env: &str, default: &str) -> Option<PathBuf> {
    let p = std::env::var_os(env)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(default));
    p.exists().then_some(p)
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

struct Driver {
    base: String,
    session: String,
    agent: ureq::Agent,
}

impl Driver {
    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let url = format!("{}/session/{}{}", self.base, self.session, path);
        let mut resp = match (method, body) {
            ("GET", _) => self.agent.get(&url).call(),
            ("DELETE", _) => self.agent.delete(&url).call(),
            (_, b) => self
                .agent
                .post(&url)
                .header("Content-Type", "application/json")
                .send(b.unwrap_or(json!({})).to_string()),
        }
        .unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        let text = resp
            .body_mut()
            .with_config()
            .limit(64 << 20)
            .read_to_string()
            .unwrap();
        let v: Value = serde_json::from_str(&text).unwrap();
        if resp.status().as_u16() != 200 {
            panic!("{method} {path}: {}", v["value"]);
        }
        v["value"].clone()
    }

    fn js(&self, script: &str) -> Value {
        self.call(
            "POST",
            "/execute/sync",
            Some(json!({"script": script, "args": []})),
        )
    }

    fn find(&self, css: &str) -> String {
        let v = self.call(
            "POST",
            "/element",
            Some(json!({"using": "css selector", "value": css})),
        );
        v[ELEMENT].as_str().unwrap().to_string()
    }

    fn click(&self, css: &str) {
        let e = self.find(css);
        self.call("POST", &format!("/element/{e}/click"), None);
    }

    fn upload(&self, files: &[&Path]) {
        let e = self.find("#files");
        let text: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
        self.call(
            "POST",
            &format!("/element/{e}/value"),
            Some(json!({"text": text.join("\n")})),
        );
    }

    /// Wait until the script returns true.
    fn wait(&self, what: &str, script: &str) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(30) {
            if self.js(script) == json!(true) {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("timed out waiting for {what}");
    }

    fn frame(&self, css: Option<&str>) {
        let id = match css {
            Some(c) => json!({ELEMENT: self.find(c)}),
            None => Value::Null,
        };
        self.call("POST", "/frame", Some(json!({ "id": id })));
    }

    fn screenshot(&self, dir: &Path, name: &str) {
        use base64::Engine;
        let v = self.call("GET", "/screenshot", None);
        let png = base64::engine::general_purpose::STANDARD
            .decode(v.as_str().unwrap())
            .unwrap();
        assert!(png.starts_with(b"\x89PNG"));
        std::fs::write(dir.join(name), png).unwrap();
    }
}

fn wait_for_file(dir: &Path, ext: &str) -> PathBuf {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(30) {
        if let Ok(rd) = std::fs::read_dir(dir) {
            for e in rd.flatten() {
                let p = e.path();
                if p.extension().is_some_and(|x| x == ext) {
                    return p;
                }
            }
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("no .{ext} download in {}", dir.display());
}

#[test]
fn review_page_in_headless_chromium() {
    let required = std::env::var_os("JIXIAO_E2E").is_some_and(|v| v == "1");
    let (Some(chromium), Some(chromedriver)) = (
        tool("CHROMIUM", "/usr/bin/chromium"),
        tool("CHROMEDRIVER", "/usr/bin/chromedriver"),
    ) else {
        assert!(
            !required,
            "JIXIAO_E2E=1 but chromium/chromedriver are not installed"
        );
        eprintln!(
            "SKIPPED: chromium and chromedriver not installed (apt-get install chromium chromium-driver)"
        );
        return;
    };

    let target = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .unwrap()
        .to_path_buf();
    let shots = target.join("e2e-screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let work = target
        .join("tmp")
        .join(format!("e2e-{}", std::process::id()));
    let downloads = work.join("downloads");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&downloads).unwrap();

    // inputs: the seed under a Chinese name, noise, an oversized file, a zip bomb
    let seed = work.join("2020年度部门整体支出绩效自评报告.txt");
    std::fs::write(&seed, SEED_003).unwrap();
    let noise = work.join("noise.bin");
    let mut x: u32 = 0x9e37_79b9;
    std::fs::write(
        &noise,
        (0..64 * 1024)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                (x >> 24) as u8
            })
            .collect::<Vec<u8>>(),
    )
    .unwrap();
    let big = work.join("big.txt");
    std::fs::write(&big, vec![b'a'; (1 << 20) + 100]).unwrap();
    let bomb = work.join("bomb.docx");
    std::fs::write(&bomb, common::zip_bomb_docx()).unwrap();

    // the server, on a free port, 1 MB per file
    let mut server = Command::new(env!("CARGO_BIN_EXE_jixiao-lint"))
        .args(["serve", "--port", "0", "--max-file-mb", "1"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    let mut err = BufReader::new(server.stderr.take().unwrap());
    err.read_line(&mut first).unwrap();
    // keep draining the server's standard error so it never writes into a closed pipe
    std::thread::spawn(move || std::io::copy(&mut err, &mut std::io::sink()));
    let _server = Kill(server);
    let url = first
        .find("http://")
        .and_then(|i| first[i..].split_whitespace().next())
        .unwrap_or_else(|| panic!("no URL in {first:?}"))
        .to_string();

    // the browser
    let port = free_port();
    let _driver = Kill(
        Command::new(&chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into();
    let base = format!("http://127.0.0.1:{port}");
    let start = Instant::now();
    loop {
        if let Ok(mut r) = agent.get(format!("{base}/status")).call()
            && r.body_mut()
                .read_to_string()
                .unwrap_or_default()
                .contains("\"ready\":true")
        {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "chromedriver did not start"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let profile = work.join("profile");
    let caps = json!({"capabilities": {"alwaysMatch": {
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": chromium.display().to_string(),
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                     "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync",
                     "--disable-dev-shm-usage", "--window-size=1400,1000",
                     format!("--user-data-dir={}", profile.display())],
            "prefs": {
                "download.default_directory": downloads.display().to_string(),
                "download.prompt_for_download": false,
                "safebrowsing.enabled": false
            }
        }
    }}});
    let mut r = agent
        .post(format!("{base}/session"))
        .header("Content-Type", "application/json")
        .send(caps.to_string())
        .unwrap();
    let v: Value = serde_json::from_str(&r.body_mut().read_to_string().unwrap()).unwrap();
    let session = v["value"]["sessionId"]
        .as_str()
        .unwrap_or_else(|| panic!("no session: {v}"))
        .to_string();
    let d = Driver {
        base: base.clone(),
        session,
        agent: agent.clone(),
    };

    // 1. upload seed 003: findings listed and highlighted
    d.call("POST", "/url", Some(json!({ "url": url })));
    assert_eq!(d.call("GET", "/title", None), json!("绩效自评报告检查"));
    d.upload(&[&seed]);
    d.wait(
        "the report",
        "return !document.getElementById('result').hidden",
    );
    let summary = d.js("return document.getElementById('summary').textContent");
    assert_eq!(
        summary,
        json!("共 1 个文件：1 个错误，2 个警告，0 条提示"),
        "{summary}"
    );
    d.frame(Some("#report"));
    d.wait(
        "the findings list",
        "return document.querySelectorAll('li.finding').length === 3",
    );
    let rules = d.js(
        "return Array.from(document.querySelectorAll('li.finding')).map(li => li.dataset.rule)",
    );
    assert_eq!(rules, json!(["JX105", "JX207", "JX209"]));
    let marks = d.js("return document.querySelectorAll('mark.hl.p').length");
    assert!(marks.as_u64().unwrap() >= 3, "{marks}");
    let scores = d.js("return document.querySelector('td.total').textContent + '/' + document.querySelector('td.grade').textContent");
    assert_eq!(scores, json!("98/优"));
    d.screenshot(&shots, "01-report.png");

    // 2. hover text carries the message and the arithmetic
    let title = d.js("return document.querySelector('mark.hl.p.error').title");
    let title = title.as_str().unwrap();
    assert!(title.starts_with("JX105 "), "{title}");
    assert!(title.contains("1.99") && title.contains("1.42"), "{title}");

    // 3. click the JX105 finding: land on its place
    d.js("window.scrollTo(0, 0); return true");
    d.click("li[data-rule='JX105'] a.go");
    d.wait(
        "the flashed mark",
        "return document.querySelectorAll('mark.hl.flash').length > 0",
    );
    let landed = d.js(
        "const a = document.getElementById(document.querySelector(\"li[data-rule='JX105'] a.go\").dataset.target);\
         const m = document.querySelector('mark.hl.flash');\
         const r = m.getBoundingClientRect();\
         return {inView: r.top >= 0 && r.bottom <= window.innerHeight, scrolled: window.scrollY > 0,\
                 text: m.textContent, sameLine: a.closest('.ln') === m.closest('.ln'),\
                 current: document.querySelector('li.finding.current').dataset.rule,\
                 hash: location.hash}",
    );
    assert_eq!(landed["inView"], json!(true), "{landed}");
    assert_eq!(landed["scrolled"], json!(true), "{landed}");
    assert_eq!(landed["sameLine"], json!(true), "{landed}");
    assert_eq!(landed["current"], json!("JX105"), "{landed}");
    assert!(
        landed["text"].as_str().unwrap().contains("减少"),
        "{landed}"
    );
    d.screenshot(&shots, "02-clicked.png");

    // 4. filters: hide warnings
    d.click("input[data-filter-sev='warning']");
    let visible = d.js("return document.querySelectorAll('li.finding:not(.hidden)').length");
    assert_eq!(visible, json!(1));
    let shown = d.js("return document.querySelector('#filters .shown').textContent");
    assert_eq!(shown, json!("显示 1 / 3 条"));
    let count = d.js("return document.querySelector('.findings h3 .n').textContent");
    assert_eq!(count, json!("(1 / 3)"));
    let off = d.js("return document.querySelectorAll('mark.hl.p.warning.off').length > 0");
    assert_eq!(off, json!(true));
    d.click("input[data-filter-sev='warning']");
    let visible = d.js("return document.querySelectorAll('li.finding:not(.hidden)').length");
    assert_eq!(visible, json!(3));

    // 5. downloads
    d.frame(None);
    d.click("#dl-html");
    let html_path = wait_for_file(&downloads, "html");
    let name = html_path.file_name().unwrap().to_string_lossy().to_string();
    assert_eq!(name, "2020年度部门整体支出绩效自评报告-检查结果.html");
    std::thread::sleep(Duration::from_millis(300));
    let html = std::fs::read_to_string(&html_path).unwrap();
    assert!(html.contains("<title>绩效自评报告检查结果</title>"));
    assert!(html.contains("增减方向与数字矛盾"));
    assert!(html.contains("<mark class=\"hl p error\""));
    assert!(html.contains("2020年度部门整体支出绩效自评报告.txt"));
    assert!(!html.contains("<link") && !html.contains(" src="));
    d.click("#dl-json");
    let json_path = wait_for_file(&downloads, "json");
    std::thread::sleep(Duration::from_millis(300));
    let j: Value = serde_json::from_str(&std::fs::read_to_string(&json_path).unwrap()).unwrap();
    assert_eq!(j["files"][0]["diagnostics"].as_array().unwrap().len(), 3);
    assert_eq!(j["summary"]["errors"], 1);

    // 6. the downloaded report opens from disk, with no server and no network request
    d.call(
        "POST",
        "/url",
        Some(json!({ "url": format!("file://{}", html_path.display()) })),
    );
    d.wait(
        "the offline report",
        "return document.querySelectorAll('li.finding').length === 3",
    );
    let offline = d.js(
        "return {resources: performance.getEntriesByType('resource').length,\
                 shown: document.querySelector('#filters .shown').textContent}",
    );
    assert_eq!(offline["resources"], json!(0), "{offline}");
    d.click("input[data-filter-rule='JX105']");
    let shown = d.js("return document.querySelector('#filters .shown').textContent");
    assert_eq!(shown, json!("显示 2 / 3 条"), "the script runs offline");
    d.screenshot(&shots, "03-offline.png");

    // 7. bad uploads: clear messages, and the server keeps serving
    d.call("POST", "/url", Some(json!({ "url": url })));
    let cases: [(&Path, &str); 3] = [
        (&noise, "无法识别文件内容"),
        (&bomb, "压缩炸弹"),
        (&big, "超过 1 MB 的上限，没有上传"),
    ];
    for (file, want) in cases {
        d.upload(&[file]);
        d.wait(
            want,
            &format!(
                "const m = document.getElementById('message'); return !m.hidden && m.textContent.includes({})",
                json!(want)
            ),
        );
    }
    d.screenshot(&shots, "04-bad-upload.png");
    d.upload(&[&seed]);
    d.wait(
        "the report after bad uploads",
        "return !document.getElementById('result').hidden && document.getElementById('message').hidden && document.getElementById('summary').textContent.includes('1 个错误')",
    );
    // 8. drag and drop: a file dropped on the zone is checked like a chosen one
    d.call(
        "POST",
        "/execute/sync",
        Some(json!({
            "script": "const dt = new DataTransfer();\
                       dt.items.add(new File([arguments[0]], '拖放.txt', {type: 'text/plain'}));\
                       document.getElementById('drop').dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));\
                       return true;",
            "args": [SEED_000],
        })),
    );
    d.wait(
        "the report of the dropped file",
        "return !document.getElementById('result').hidden && document.getElementById('summary').textContent === '共 1 个文件：1 个错误，0 个警告，1 条提示'",
    );
    d.frame(Some("#report"));
    d.wait(
        "the dropped file's findings",
        "return document.querySelector('article.file').dataset.path === '拖放.txt' && document.querySelectorAll('li.finding').length === 2",
    );
    d.frame(None);
    d.call("DELETE", "", None);
    eprintln!("screenshots in {}", shots.display());
}
