//! The upload page (one self-contained HTML document: style and script inline).

use super::ServeConfig;
use crate::diagnostic::Lang;
use crate::lang::{Phrase, tr};
use crate::lint;

/// The upload page. Its words are phrases rendered in `lang`; `{n}`, `{files}` and the like are
/// the page script's own holes, left for it to fill.
pub fn page(cfg: &ServeConfig, lang: Lang) -> String {
    static TITLE: Phrase = Phrase::new("绩效自评报告检查", "Self-evaluation report check");
    static HINT: Phrase = Phrase::new(
        "把报告文件拖到这里，或点击选择文件（.docx、.xlsx、.pdf、.txt，可多选）",
        "Drop report files here, or click to choose (.docx, .xlsx, .pdf, .txt; several at once)",
    );
    static CHOOSE: Phrase = Phrase::new("选择文件", "Choose files");
    static DL_HTML: Phrase = Phrase::new("下载检查结果（HTML）", "Download the report (HTML)");
    static DL_JSON: Phrase = Phrase::new("下载检查结果（JSON）", "Download the findings (JSON)");
    static BUSY: Phrase = Phrase::new("正在检查，请稍候……", "Checking…");
    static OTHER_LANG: Phrase = Phrase::new(
        "<a href=\"/?lang=en\">English</a>",
        "<a href=\"/?lang=zh\">中文</a>",
    );
    static SUMMARY: Phrase = Phrase::new(
        "共 {files} 个文件：{errors} 个错误，{warnings} 个警告，{infos} 条提示{unreadable}",
        "{files} file(s): {errors} error(s), {warnings} warning(s), {infos} info(s){unreadable}",
    );
    static UNREADABLE: Phrase = Phrase::new("，{n} 个文件无法读取", ", {n} unreadable");
    static NETWORK: Phrase = Phrase::new(
        "无法连接检查服务，请确认 jixiao-lint serve 仍在运行。",
        "cannot reach the checking service; is jixiao-lint serve still running?",
    );
    static SIZE_OPEN: Phrase = Phrase::new("（", " (");
    static SIZE_CLOSE: Phrase = Phrase::new(" MB）", " MB)");
    static LIST_SEP: Phrase = Phrase::new("，", ", ");
    static NAME_SEP: Phrase = Phrase::new("：", ": ");
    static REPORT_SUFFIX: Phrase = Phrase::new("-检查结果", "-findings");
    let too_big = tr!(
        "以下文件超过 {max} MB 的上限，没有上传：",
        "These files are over the limit of {max} MB and were not uploaded:",
        max = &lint::megabytes(cfg.max_file_bytes),
    );
    let too_big_total = tr!(
        "这些文件合计 {n} MB，超过了一次上传 {max} MB 的上限，请分批上传。",
        "these files add up to {n} MB, over the limit of {max} MB per upload; upload fewer at a time",
        max = &lint::megabytes(cfg.max_request_bytes),
    );
    let js = |v: &str| {
        serde_json::to_string(v)
            .unwrap_or_default()
            .replace("</", "<\\/")
    };
    PAGE.replace("{lang}", lang.tag())
        .replace("{title}", TITLE.get(lang))
        .replace("{hint}", HINT.get(lang))
        .replace("{choose}", CHOOSE.get(lang))
        .replace("{dl_html}", DL_HTML.get(lang))
        .replace("{dl_json}", DL_JSON.get(lang))
        .replace("{busy:json}", &js(BUSY.get(lang)))
        .replace("{too_big:json}", &js(&too_big.render(lang)))
        .replace("{summary_tpl:json}", &js(SUMMARY.get(lang)))
        .replace("{unreadable_tpl:json}", &js(UNREADABLE.get(lang)))
        .replace("{network_err:json}", &js(NETWORK.get(lang)))
        .replace("{too_big_total:json}", &js(&too_big_total.render(lang)))
        .replace("{other_lang}", OTHER_LANG.get(lang))
        .replace("{size_open:json}", &js(SIZE_OPEN.get(lang)))
        .replace("{size_close:json}", &js(SIZE_CLOSE.get(lang)))
        .replace("{list_sep:json}", &js(LIST_SEP.get(lang)))
        .replace("{name_sep:json}", &js(NAME_SEP.get(lang)))
        .replace("{report_suffix:json}", &js(REPORT_SUFFIX.get(lang)))
        .replace("{max_file}", &cfg.max_file_bytes.to_string())
        .replace("{max_request}", &cfg.max_request_bytes.to_string())
        .replace("{api_lang}", lang.code())
        .replace("{version}", env!("CARGO_PKG_VERSION"))
}

const PAGE: &str = r##"<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
*{box-sizing:border-box}
body{margin:0;font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif;font-size:15px;color:#222;background:#eef1f5;display:flex;flex-direction:column;min-height:100vh}
header{display:flex;align-items:baseline;gap:1em;padding:.8em 1.2em;background:#24405e;color:#fff}
header h1{font-size:1.3em;margin:0;flex:1}
header a{color:#cfe0f5}
#drop{margin:1em 1.2em;padding:1.6em;border:2px dashed #7a8fa6;border-radius:6px;background:#fff;text-align:center;cursor:pointer}
#drop.over{background:#e8f2ff;border-color:#1e63b5}
#drop p{margin:.3em 0}
label.choose{display:inline-block;margin-top:.4em;padding:.35em 1.2em;background:#24405e;color:#fff;border-radius:4px;cursor:pointer;position:relative}
label.choose input{position:absolute;left:0;top:0;width:1px;height:1px;opacity:0}
label.choose:focus-within{outline:2px solid #f0c000}
#status{margin:0 1.2em;min-height:1.5em}
#message{margin:0 1.2em;padding:.6em 1em;background:#fde2e1;color:#a11;border-radius:4px;white-space:pre-line}
#message[hidden]{display:none}
#result{display:flex;flex-direction:column;flex:1;margin:0 1.2em 1em}
#result[hidden]{display:none}
.bar{display:flex;gap:1em;align-items:center;margin:.5em 0}
.bar a{padding:.3em .9em;background:#24405e;color:#fff;border-radius:4px;text-decoration:none}
#summary{flex:1;font-weight:bold}
#report{flex:1;min-height:75vh;width:100%;border:1px solid #ccd;background:#fff}
footer{color:#667;font-size:.8em;padding:.5em 1.2em}
</style>
</head>
<body>
<header><h1>{title}</h1>{other_lang}</header>
<div id="drop" tabindex="0" role="button">
<p><strong>{hint}</strong></p>
<p><label class="choose"><input id="files" name="files" type="file" multiple accept=".docx,.xlsx,.xls,.ods,.pdf,.txt,.md,.htm,.html,.text">{choose}</label></p>
</div>
<div id="status" aria-live="polite"></div>
<div id="message" role="alert" hidden></div>
<div id="result" hidden>
<div class="bar"><span id="summary"></span><a id="dl-html" download="jixiao-report.html">{dl_html}</a><a id="dl-json" download="jixiao-report.json">{dl_json}</a></div>
<iframe id="report" title="{title}" sandbox="allow-scripts allow-modals"></iframe>
</div>
<footer>jixiao-lint {version}</footer>
<script>
(function(){
  var MAX_FILE = {max_file}, MAX_REQUEST = {max_request};
  var input = document.getElementById('files'), drop = document.getElementById('drop');
  var status = document.getElementById('status'), msg = document.getElementById('message');
  var result = document.getElementById('result'), frame = document.getElementById('report');
  var urls = [], seq = 0;
  function say(text){ msg.textContent = text; msg.hidden = !text; }
  function mb(n){ return (Math.ceil(n * 10 / 1048576) / 10).toString(); }
  function upload(list){
    say('');
    result.hidden = true;
    var ok = [], big = [];
    for (var i = 0; i < list.length; i++) {
      if (list[i].size > MAX_FILE) big.push(list[i].name + {size_open:json} + mb(list[i].size) + {size_close:json}); else ok.push(list[i]);
    }
    if (big.length) say({too_big:json} + ' ' + big.join({list_sep:json}));
    if (!ok.length) return;
    var total = ok.reduce(function(n, f){ return n + f.size; }, 0);
    if (total > MAX_REQUEST) { say((big.length ? msg.textContent + '\n' : '') + {too_big_total:json}.replace('{n}', mb(total))); return; }
    var mine = ++seq;
    var fd = new FormData();
    ok.forEach(function(f){ fd.append('files', f, f.name); });
    status.textContent = {busy:json};
    fetch('/api/check?lang={api_lang}', {method:'POST', body: fd}).then(function(r){
      return r.json().catch(function(){ return {ok:false, error:'HTTP ' + r.status}; });
    }).then(function(data){
      if (mine !== seq) return; // a later upload owns the page now
      status.textContent = '';
      if (!data.ok) { say((big.length ? msg.textContent + '\n' : '') + data.error); return; }
      var s = data.summary;
      document.getElementById('summary').textContent = {summary_tpl:json}
        .replace('{files}', s.files).replace('{errors}', s.errors).replace('{warnings}', s.warnings)
        .replace('{infos}', s.infos).replace('{unreadable}', s.unreadable ? {unreadable_tpl:json}.replace('{n}', s.unreadable) : '');
      var bad = data.files.filter(function(f){ return f.error; });
      if (bad.length) say((big.length ? msg.textContent + '\n' : '') + bad.map(function(f){ return f.path + {name_sep:json} + f.error; }).join('\n'));
      urls.forEach(function(u){ URL.revokeObjectURL(u); }); urls = [];
      var html = URL.createObjectURL(new Blob([data.html], {type:'text/html;charset=utf-8'}));
      var json = URL.createObjectURL(new Blob([JSON.stringify(data.json, null, 2) + '\n'], {type:'application/json'}));
      urls.push(html, json);
      var base = ok.length === 1 ? ok[0].name.replace(/\.[^.]*$/, '') + {report_suffix:json} : 'jixiao-report';
      var a = document.getElementById('dl-html'); a.href = html; a.download = base + '.html';
      var b = document.getElementById('dl-json'); b.href = json; b.download = base + '.json';
      frame.src = html;
      result.hidden = false;
    }).catch(function(){ if (mine !== seq) return; status.textContent = ''; say({network_err:json}); });
  }
  input.addEventListener('change', function(){ if (input.files.length) upload(input.files); input.value = ''; });
  drop.addEventListener('click', function(ev){ if (ev.target === drop || ev.target.tagName === 'P' || ev.target.tagName === 'STRONG') input.click(); });
  drop.addEventListener('keydown', function(ev){ if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); input.click(); } });
  ['dragenter','dragover'].forEach(function(t){ drop.addEventListener(t, function(ev){ ev.preventDefault(); drop.classList.add('over'); }); });
  ['dragleave','drop'].forEach(function(t){ drop.addEventListener(t, function(ev){ ev.preventDefault(); drop.classList.remove('over'); }); });
  drop.addEventListener('drop', function(ev){ if (ev.dataTransfer && ev.dataTransfer.files.length) upload(ev.dataTransfer.files); });
})();
</script>
</body>
</html>
"##;
