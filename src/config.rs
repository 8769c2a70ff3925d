//! `jixiao.toml`: rule selection, per-rule severity, grade bands, the execution-rate
//! denominator, and per-path overrides. Unknown keys and rule names are errors that say where.

use crate::diagnostic::{Lang, Severity};
use crate::lang::{Message, tr};
use crate::lint::Options;
use crate::model::GradeBand;
use crate::rules::{self, RateDenominator};
use rust_decimal::Decimal;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

/// The name of the configuration file searched upward from the working directory.
pub const FILE_NAME: &str = "jixiao.toml";

/// A configuration error, with the file and the place (`jixiao.toml:4:1: unknown rule …`).
#[derive(Debug, thiserror::Error)]
#[error("{}", self.localized(Lang::En))]
pub struct ConfigError {
    /// The file.
    pub path: String,
    /// What is wrong.
    pub message: Message,
    /// 1-based line of the place, when known.
    pub line: Option<usize>,
    /// 1-based column (characters) of the place, when known.
    pub column: Option<usize>,
}

impl ConfigError {
    /// The error for people in `lang` (its `Display` is the English form).
    pub fn localized(&self, lang: Lang) -> String {
        let at = place(self.line, self.column);
        format!("{}{at}: {}", self.path, self.message.render(lang))
    }
}

fn place(line: Option<usize>, column: Option<usize>) -> String {
    match (line, column) {
        (Some(l), Some(c)) => format!(":{l}:{c}"),
        (Some(l), None) => format!(":{l}"),
        _ => String::new(),
    }
}

/// 1-based line and column (characters) of byte offset `at` of `text`.
fn line_col(text: &str, at: usize) -> (usize, usize) {
    let at = at.min(text.len());
    let before = text.get(..at).unwrap_or("");
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, col)
}

/// Where a rule name is written in the file: quoted (`"chang-rate"`), else a bare key at the
/// start of a line (`chang-rate = "off"`).
fn find_name(text: &str, name: &str) -> Option<usize> {
    for q in ['"', '\''] {
        let quoted = format!("{q}{name}{q}");
        if let Some(i) = text.find(&quoted) {
            return Some(i);
        }
    }
    let mut off = 0;
    for line in text.split_inclusive('\n') {
        let lead = line.len() - line.trim_start().len();
        if let Some(rest) = line.trim_start().strip_prefix(name)
            && rest.trim_start().starts_with('=')
        {
            return Some(off + lead);
        }
        off += line.len();
    }
    // a key of an inline table (`rules = { chang-rate = "off" }`)
    text.match_indices(name).map(|(i, _)| i).find(|&i| {
        let before = text[..i].chars().next_back();
        let after = text[i + name.len()..].trim_start();
        before.is_none_or(|c| c == '{' || c == ',' || c.is_whitespace()) && after.starts_with('=')
    })
}

/// A rule's configured level.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Report as an error.
    Error,
    /// Report as a warning.
    Warning,
    /// Report as info.
    Info,
    /// Do not run the rule.
    Off,
}

/// A grade band as written in the file.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct BandSpec {
    /// Grade name (优/良/中/差 or any other).
    pub grade: String,
    /// Lower bound (inclusive).
    pub min: Decimal,
    /// Upper bound.
    pub max: Decimal,
    /// True when `max` belongs to the band (default: only for the top band ending at 100).
    #[serde(default)]
    pub max_inclusive: Option<bool>,
}

/// The `[scoring]` table.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Scoring {
    /// `full-year` (全年预算数, default) or `initial` (年初预算数).
    #[serde(default)]
    pub rate_denominator: Option<String>,
    /// Grade bands used when a document states none.
    #[serde(default)]
    pub bands: Option<Vec<BandSpec>>,
}

/// Settings that a per-path override may change.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Override {
    /// Glob patterns of the paths this override applies to.
    pub paths: Vec<String>,
    /// Rules to run (replaces the top-level selection).
    #[serde(default)]
    pub select: Option<Vec<String>>,
    /// Rules to add to the ignored ones.
    #[serde(default)]
    pub ignore: Vec<String>,
    /// Per-rule levels.
    #[serde(default)]
    pub rules: BTreeMap<String, Level>,
    /// Scoring settings.
    #[serde(default)]
    pub scoring: Option<Scoring>,
}

/// The whole file.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Rules to run: names, codes or groups (`budget`, `scoring`, `hygiene`).
    #[serde(default)]
    pub select: Option<Vec<String>>,
    /// Rules never to run.
    #[serde(default)]
    pub ignore: Vec<String>,
    /// Message language (`zh`, `en`).
    #[serde(default)]
    pub lang: Option<Lang>,
    /// Per-rule levels: `change-rate = "warning"`, `JX302 = "off"`.
    #[serde(default)]
    pub rules: BTreeMap<String, Level>,
    /// Scoring settings.
    #[serde(default)]
    pub scoring: Scoring,
    /// Per-path overrides, applied in order.
    #[serde(default)]
    pub overrides: Vec<Override>,
    /// Where the file was read from (for relative globs).
    #[serde(skip)]
    pub root: PathBuf,
}

impl Config {
    /// Parse a file's text; `path` names it in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let at = |message: Message, offset: Option<usize>| {
            let (line, column) = match offset.map(|o| line_col(text, o)) {
                Some((l, c)) => (Some(l), Some(c)),
                None => (None, None),
            };
            ConfigError {
                path: path.display().to_string(),
                message,
                line,
                column,
            }
        };
        let err = |message: Message| at(message, None);
        // an unknown name, pointed at where it is written
        let unknown = |message: Message, name: &str| at(message, find_name(text, name));
        let mut c: Config = toml::from_str(text).map_err(|e: toml::de::Error| {
            // (toml's own message repeats the place in words and quotes the line)
            let msg = Message::verbatim(e.message().trim());
            at(msg, e.span().map(|r| r.start))
        })?;
        c.root = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let check_list = |list: &[String], key: &str| -> Result<(), ConfigError> {
            for r in list {
                if !rules::is_selector(r) {
                    let msg = tr!(
                        "`{key}` 中没有名为“{r}”的规则或规则组（见 `jixiao-lint rules`）",
                        "unknown rule or group '{r}' in `{key}` (see `jixiao-lint rules`)",
                        r = r,
                        key = key,
                    );
                    return Err(unknown(msg, r));
                }
            }
            Ok(())
        };
        check_list(c.select.as_deref().unwrap_or(&[]), "select")?;
        check_list(&c.ignore, "ignore")?;
        for k in c.rules.keys() {
            if rules::find(k).is_none() {
                let msg = tr!(
                    "[rules] 中没有名为“{k}”的规则（见 `jixiao-lint rules`）",
                    "unknown rule '{k}' in [rules] (see `jixiao-lint rules`)",
                    k = k,
                );
                return Err(unknown(msg, k));
            }
        }
        validate_scoring(&c.scoring, "[scoring]").map_err(|p| err(p.0))?;
        for (i, o) in c.overrides.iter().enumerate() {
            let key = format!("[[overrides]] #{}", i + 1);
            check_list(o.select.as_deref().unwrap_or(&[]), &format!("{key} select"))?;
            check_list(&o.ignore, &format!("{key} ignore"))?;
            for k in o.rules.keys() {
                if rules::find(k).is_none() {
                    let msg = tr!(
                        "{key} rules 中没有名为“{k}”的规则",
                        "unknown rule '{k}' in {key} rules",
                        k = k,
                        key = &key,
                    );
                    return Err(unknown(msg, k));
                }
            }
            for p in &o.paths {
                globset::Glob::new(p).map_err(|e| {
                    err(tr!(
                        "{key}：路径模式“{p}”有误：{e}",
                        "{key}: bad glob '{p}': {e}",
                        key = &key,
                        p = p,
                        e = &e,
                    ))
                })?;
            }
            if let Some(s) = &o.scoring {
                validate_scoring(s, &key).map_err(|p| err(p.0))?;
            }
        }
        Ok(c)
    }

    /// Read a file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            path: path.display().to_string(),
            message: tr!("无法读取：{e}", "cannot read: {e}", e = &e),
            line: None,
            column: None,
        })?;
        Config::parse(&text, path)
    }

    /// The configuration of one input: `jixiao.toml` in its folder (the folder itself when it
    /// names one; relative paths taken from `cwd`) or the folders above.
    pub fn find_for(file: &Path, cwd: &Path) -> Option<PathBuf> {
        let abs = cwd.join(file);
        let dir = if abs.is_dir() {
            abs.as_path()
        } else {
            abs.parent().unwrap_or(cwd)
        };
        Config::find_upward(dir)
    }

    /// Find `jixiao.toml` in `dir` or its ancestors.
    pub fn find_upward(dir: &Path) -> Option<PathBuf> {
        let mut d = Some(dir);
        while let Some(x) = d {
            let p = x.join(FILE_NAME);
            if p.is_file() {
                return Some(p);
            }
            d = x.parent();
        }
        None
    }

    /// The options for linting `path` (overrides whose globs match it applied in order), on
    /// top of `base` (command-line options win over the file for select/ignore/lang).
    pub fn options_for(&self, path: &Path, base: &Options) -> Options {
        let mut o = base.clone();
        if o.select.is_empty()
            && let Some(s) = &self.select
        {
            o.select = s.clone();
        }
        o.ignore.extend(self.ignore.iter().cloned());
        apply_levels(&mut o, &self.rules);
        apply_scoring(&mut o, &self.scoring);
        // globs match the path relative to the configuration's folder, however it was typed
        // (`drafts/x.txt`, `./drafts/x.txt`, from inside drafts/, absolute)
        let rel = project_path(&path.to_string_lossy(), &self.root);
        for ov in &self.overrides {
            let matches = ov.paths.iter().any(|g| {
                globset::Glob::new(g)
                    .map(|g| {
                        let m = g.compile_matcher();
                        m.is_match(&rel) || m.is_match(path)
                    })
                    .unwrap_or(false)
            });
            if !matches {
                continue;
            }
            if let Some(s) = &ov.select {
                o.select = s.clone();
            }
            o.ignore.extend(ov.ignore.iter().cloned());
            apply_levels(&mut o, &ov.rules);
            if let Some(s) = &ov.scoring {
                apply_scoring(&mut o, s);
            }
        }
        o
    }
}

/// What is wrong with a `[scoring]` table, if anything.
fn validate_scoring(s: &Scoring, key: &str) -> Result<(), ScoringProblem> {
    if let Some(d) = &s.rate_denominator
        && d != "full-year"
        && d != "initial"
    {
        return Err(ScoringProblem(tr!(
            "{key} 的 rate-denominator 应为 \"full-year\" 或 \"initial\"，而不是 \"{d}\"",
            "{key} rate-denominator must be \"full-year\" or \"initial\", not \"{d}\"",
            key = key,
            d = d,
        )));
    }
    if let Some(b) = &s.bands {
        for x in b {
            if x.min > x.max {
                return Err(ScoringProblem(tr!(
                    "{key} 中等级“{grade}”的下限 {min} 高于上限 {max}",
                    "{key} band '{grade}' has min {min} above max {max}",
                    key = key,
                    grade = &x.grade,
                    min = &x.min,
                    max = &x.max,
                )));
            }
        }
    }
    Ok(())
}

/// A `[scoring]` table's problem, made a [`ConfigError`] with the file's name.
struct ScoringProblem(Message);

fn apply_levels(o: &mut Options, levels: &BTreeMap<String, Level>) {
    for (k, l) in levels {
        let Some(m) = rules::find(k) else { continue };
        let sev = match l {
            Level::Error => Some(Severity::Error),
            Level::Warning => Some(Severity::Warning),
            Level::Info => Some(Severity::Info),
            Level::Off => None,
        };
        o.levels.insert(m.name, sev);
    }
}

fn apply_scoring(o: &mut Options, s: &Scoring) {
    if let Some(d) = &s.rate_denominator {
        o.settings.rate_denominator = if d == "initial" {
            RateDenominator::InitialBudget
        } else {
            RateDenominator::FullYearBudget
        };
    }
    if let Some(b) = &s.bands {
        o.settings.bands = Some(
            b.iter()
                .map(|x| GradeBand {
                    grade: x.grade.clone(),
                    lo: x.min,
                    hi: x.max,
                    hi_inclusive: x.max_inclusive.unwrap_or(x.max >= Decimal::ONE_HUNDRED),
                })
                .collect(),
        );
    }
}

/// A path without `.` and `..` components (`..` removes the component before it).
fn normal(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// `path` as the fingerprint names it: relative to `root` with `/` separators, whatever way it
/// was typed (`reports/a.txt`, `./reports/a.txt`, an absolute path, from another folder);
/// outside the root, the absolute path. Symbolic links are followed when the file exists.
pub fn project_path(path: &str, root: &Path) -> String {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let p = Path::new(path);
    let abs = std::fs::canonicalize(p).unwrap_or_else(|_| normal(&cwd.join(p)));
    let root_abs = std::fs::canonicalize(root).unwrap_or_else(|_| normal(&cwd.join(root)));
    let shown = abs.strip_prefix(&root_abs).unwrap_or(&abs);
    let parts: Vec<String> = shown
        .components()
        .filter_map(|c| match c {
            Component::Normal(x) => Some(x.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    if shown.is_absolute() {
        format!("/{}", parts.join("/"))
    } else {
        parts.join("/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> &'static Path {
        Path::new("jixiao.toml")
    }

    #[test]
    fn parses_every_key() {
        let c = Config::parse(
            r#"
select = ["budget", "JX201"]
ignore = ["stray-latin-word"]
lang = "en"
[rules]
change-rate = "warning"
JX302 = "off"
[scoring]
rate-denominator = "initial"
bands = [{ grade = "优秀", min = 85, max = 100 }, { grade = "合格", min = 0, max = 85 }]
[[overrides]]
paths = ["drafts/**"]
ignore = ["year-mismatch"]
rules = { grade-band = "info" }
"#,
            p(),
        )
        .unwrap();
        let o = c.options_for(Path::new("drafts/a.txt"), &Options::default());
        assert_eq!(o.select, vec!["budget", "JX201"]);
        assert!(o.ignore.contains(&"year-mismatch".to_string()));
        assert_eq!(o.levels.get("change-rate"), Some(&Some(Severity::Warning)));
        assert_eq!(o.levels.get("stray-latin-word"), Some(&None));
        assert_eq!(o.levels.get("grade-band"), Some(&Some(Severity::Info)));
        assert_eq!(o.settings.rate_denominator, RateDenominator::InitialBudget);
        assert_eq!(o.settings.bands.as_ref().unwrap()[0].grade, "优秀");
        let o2 = c.options_for(Path::new("final/a.txt"), &Options::default());
        assert!(!o2.ignore.contains(&"year-mismatch".to_string()));
        assert_eq!(c.lang, Some(Lang::En));
    }

    #[test]
    fn override_select_and_scoring_change_outcomes() {
        let c = Config::parse(
            r#"
[[overrides]]
paths = ["provinces/**"]
select = ["scoring"]
scoring = { rate-denominator = "initial", bands = [{ grade = "优秀", min = 85, max = 100 }, { grade = "良好", min = 0, max = 85 }] }
"#,
            p(),
        )
        .unwrap();
        let o = c.options_for(Path::new("provinces/a.txt"), &Options::default());
        assert_eq!(o.select, vec!["scoring"]);
        assert_eq!(o.settings.rate_denominator, RateDenominator::InitialBudget);
        // 执行率 = 450 / 500 (年初) = 90% holds only with the configured denominator
        let table = "资金情况(万元)\t年度资金总额\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n\t合计\t500\t600\t450\t10\t90%\t9\n";
        let with = crate::lint::lint_text("t", table, &o);
        assert!(
            with.diagnostics.iter().all(|d| d.rule != "execution-rate"),
            "{:?}",
            with.diagnostics
        );
        let without = crate::lint::lint_text("t", table, &Options::default());
        assert!(
            without
                .diagnostics
                .iter()
                .any(|d| d.rule == "execution-rate")
        );
        let other = c.options_for(Path::new("city/a.txt"), &Options::default());
        assert!(other.select.is_empty());
    }

    #[test]
    fn errors_say_where() {
        let e = Config::parse("selectt = [\"budget\"]\n", p()).unwrap_err();
        assert!(e.to_string().contains("selectt"), "{e}");
        assert!(e.to_string().starts_with("jixiao.toml:1:1: "), "{e}");
        // unknown rule names: file:line:column of where they are written
        let e = Config::parse("lang = \"zh\"\n[rules]\nno-such-rule = \"off\"\n", p()).unwrap_err();
        assert!(e.to_string().contains("no-such-rule"), "{e}");
        assert!(e.to_string().starts_with("jixiao.toml:3:1: "), "{e}");
        let e = Config::parse("ignore = [\"budget\", \"JX999\"]\n", p()).unwrap_err();
        assert!(e.to_string().contains("JX999"), "{e}");
        assert!(e.to_string().starts_with("jixiao.toml:1:21: "), "{e}");
        let e = Config::parse(
            "[[overrides]]\npaths = [\"a/**\"]\nrules = { grade-band = \"info\", chang-rate = \"off\" }\n",
            p(),
        )
        .unwrap_err();
        assert!(e.to_string().starts_with("jixiao.toml:3:32: "), "{e}");
        // a syntax error: where the parser stopped
        let e = Config::parse("lang = \"zh\"\nselect = [\"budget\"\n", p()).unwrap_err();
        assert!(e.to_string().starts_with("jixiao.toml:"), "{e}");
        assert!(e.line.is_some() && e.column.is_some(), "{e}");
        let e = Config::parse("[rules]\nchange-rate = \"loud\"\n", p()).unwrap_err();
        assert!(
            e.to_string().contains("loud") || e.to_string().contains("unknown variant"),
            "{e}"
        );
        let e = Config::parse("[scoring]\nrate-denominator = \"half\"\n", p()).unwrap_err();
        assert!(e.to_string().contains("half"), "{e}");
    }
}
