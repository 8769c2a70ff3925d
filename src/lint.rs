//! The library API: lint text, a path, or a model built in code.

use crate::diagnostic::{Diagnostic, Lang};
use crate::error::{InputError, InputErrorKind as K};
use crate::extract::extract_text;
use crate::model::Report;
use crate::rules::{self, RuleMeta, RuleSettings};
use crate::source::decode::{Format, Limits, decode_text, detect};
pub(crate) use crate::source::formats::decode_input;
use crate::source::{SourceFile, Span};
use std::path::Path;

/// Largest input read, in bytes.
///
/// ```
/// use jixiao_lint::lint::MAX_FILE_BYTES;
/// let big = vec![b' '; MAX_FILE_BYTES as usize + 1];
/// let r = jixiao_lint::lint_bytes("big.txt", &big, &Default::default());
/// assert!(r.error.is_some());
/// ```
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// What to run and how to speak.
///
/// ```
/// use jixiao_lint::{Lang, Options};
/// let opts = Options { lang: Lang::En, ..Options::default() };
/// let r = jixiao_lint::lint_text("r.txt", "当年开支 1.99 万元，比上年 1.42 万元减少 0.57 万元。", &opts);
/// assert_eq!(r.lang, Lang::En);
/// ```
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Message language.
    pub lang: Lang,
    /// Settings read by rules.
    pub settings: RuleSettings,
    /// Only these rules (names, codes or groups); all when empty.
    pub select: Vec<String>,
    /// Never these rules (names, codes or groups).
    pub ignore: Vec<String>,
    /// Per-rule severity overrides by rule name; `None` turns the rule off.
    pub levels: std::collections::BTreeMap<&'static str, Option<crate::diagnostic::Severity>>,
}

impl Options {
    /// A builder for options.
    ///
    /// ```
    /// use jixiao_lint::lint::{Options, lint_text};
    /// use jixiao_lint::{Lang, Severity};
    ///
    /// let opts = Options::builder()
    ///     .lang(Lang::En)
    ///     .ignore("stray-latin-word")
    ///     .level("change-direction", Some(Severity::Warning))
    ///     .build()
    ///     .expect("known rule names");
    /// let r = lint_text("r.txt", "当年开支 1.99 万元，比上年 1.42 万元减少 0.57 万元。", &opts);
    /// assert_eq!(r.diagnostics[0].severity, Severity::Warning);
    /// assert!(r.diagnostics[0].message.render(Lang::En).contains("decrease"));
    ///
    /// // a misspelled name is an error, not a rule silently left running
    /// let e = Options::builder().ignore("change-directoin").build().unwrap_err();
    /// assert_eq!(e.name, "change-directoin");
    /// ```
    pub fn builder() -> OptionsBuilder {
        OptionsBuilder::default()
    }

    /// True when the rule runs under these options.
    ///
    /// ```
    /// use jixiao_lint::{Options, rules::find};
    /// let opts = Options::builder().select("budget").build().unwrap();
    /// assert!(opts.enabled(find("JX105").unwrap()));
    /// assert!(!opts.enabled(find("JX202").unwrap()));
    /// ```
    pub fn enabled(&self, m: &RuleMeta) -> bool {
        if self.levels.get(m.name) == Some(&None) {
            return false;
        }
        (self.select.is_empty() || self.select.iter().any(|s| rules::selects(s, m)))
            && !self.ignore.iter().any(|s| rules::selects(s, m))
    }
}

/// A rule, code or group name that names nothing (`Options::builder().select("JX999")`).
///
/// ```
/// let e = jixiao_lint::Options::builder().select("JX999").build().unwrap_err();
/// assert_eq!(e.to_string(), "unknown rule or group 'JX999' (see `jixiao-lint rules`)");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown rule or group '{name}' (see `jixiao-lint rules`)")]
pub struct UnknownRule {
    /// The name as given.
    pub name: String,
}

impl UnknownRule {
    /// The error for people in `lang` (its `Display` is the English form).
    ///
    /// ```
    /// use jixiao_lint::{Lang, Options};
    /// let e = Options::builder().select("JX999").build().unwrap_err();
    /// assert_eq!(e.localized(Lang::Zh), "没有名为“JX999”的规则或规则组（见 `jixiao-lint rules`）");
    /// assert_eq!(e.localized(Lang::En), e.to_string());
    /// ```
    pub fn localized(&self, lang: Lang) -> String {
        crate::lang::tr!(
            "没有名为“{name}”的规则或规则组（见 `jixiao-lint rules`）",
            "unknown rule or group '{name}' (see `jixiao-lint rules`)",
            name = &self.name,
        )
        .render(lang)
    }
}

/// Builds [`Options`] step by step; [`OptionsBuilder::build`] refuses names of no rule.
///
/// ```
/// let opts = jixiao_lint::Options::builder().ignore("JX302").build().unwrap();
/// assert_eq!(opts.ignore, ["JX302"]);
/// ```
#[derive(Clone, Debug, Default)]
pub struct OptionsBuilder {
    o: Options,
    unknown: Option<String>,
}

impl OptionsBuilder {
    /// Message language.
    ///
    /// ```
    /// use jixiao_lint::{Lang, Options};
    /// assert_eq!(Options::builder().lang(Lang::En).build().unwrap().lang, Lang::En);
    /// ```
    pub fn lang(mut self, lang: Lang) -> Self {
        self.o.lang = lang;
        self
    }
    fn check_name(&mut self, name: &str, known: bool) {
        if !known && self.unknown.is_none() {
            self.unknown = Some(name.to_string());
        }
    }
    /// Run only this rule, code or group (may be called several times).
    ///
    /// ```
    /// let opts = jixiao_lint::Options::builder().select("scoring").select("JX105").build().unwrap();
    /// assert_eq!(opts.select.len(), 2);
    /// ```
    pub fn select(mut self, rule: impl Into<String>) -> Self {
        let rule = rule.into();
        self.check_name(&rule, rules::is_selector(&rule));
        self.o.select.push(rule);
        self
    }
    /// Never run this rule, code or group.
    ///
    /// ```
    /// let opts = jixiao_lint::Options::builder().ignore("stray-latin-word").build().unwrap();
    /// let r = jixiao_lint::lint_text("r.txt", "本项目 and 其他项目。", &opts);
    /// assert!(r.diagnostics.is_empty());
    /// ```
    pub fn ignore(mut self, rule: impl Into<String>) -> Self {
        let rule = rule.into();
        self.check_name(&rule, rules::is_selector(&rule));
        self.o.ignore.push(rule);
        self
    }
    /// Report a rule (by name or code) at another level; `None` turns it off.
    ///
    /// ```
    /// use jixiao_lint::{Options, Severity};
    /// let opts = Options::builder().level("change-direction", None).build().unwrap();
    /// let r = jixiao_lint::lint_text("r.txt", "当年开支 1.99 万元，比上年 1.42 万元减少 0.57 万元。", &opts);
    /// assert!(r.diagnostics.is_empty(), "turned off");
    /// assert!(Options::builder().level("JX105", Some(Severity::Info)).build().is_ok());
    /// ```
    pub fn level(mut self, rule: &str, level: Option<crate::diagnostic::Severity>) -> Self {
        let m = rules::find(rule);
        self.check_name(rule, m.is_some());
        if let Some(m) = m {
            self.o.levels.insert(m.name, level);
        }
        self
    }
    /// Grade bands to use when a document states none.
    ///
    /// ```
    /// use jixiao_lint::model::GradeBand;
    /// use rust_decimal::Decimal;
    /// let band = |g: &str, lo: i64, hi: i64| GradeBand {
    ///     grade: g.into(),
    ///     lo: Decimal::from(lo),
    ///     hi: Decimal::from(hi),
    ///     hi_inclusive: hi == 100,
    /// };
    /// let opts = jixiao_lint::Options::builder()
    ///     .bands(vec![band("优", 85, 100), band("良", 70, 85), band("差", 0, 70)])
    ///     .build()
    ///     .unwrap();
    /// assert_eq!(opts.settings.bands.as_ref().map(Vec::len), Some(3));
    /// ```
    pub fn bands(mut self, bands: Vec<crate::model::GradeBand>) -> Self {
        self.o.settings.bands = Some(bands);
        self
    }
    /// The denominator of 执行率.
    ///
    /// ```
    /// use jixiao_lint::rules::RateDenominator;
    /// let opts = jixiao_lint::Options::builder()
    ///     .rate_denominator(RateDenominator::InitialBudget)
    ///     .build()
    ///     .unwrap();
    /// assert_eq!(opts.settings.rate_denominator, RateDenominator::InitialBudget);
    /// ```
    pub fn rate_denominator(mut self, d: rules::RateDenominator) -> Self {
        self.o.settings.rate_denominator = d;
        self
    }
    /// The options, or the first name given that names no rule, code or group.
    ///
    /// ```
    /// assert!(jixiao_lint::Options::builder().select("JX105").build().is_ok());
    /// assert!(jixiao_lint::Options::builder().select("JX1O5").build().is_err());
    /// ```
    pub fn build(self) -> Result<Options, UnknownRule> {
        match self.unknown {
            Some(name) => Err(UnknownRule { name }),
            None => Ok(self.o),
        }
    }
}

/// The result of linting one input.
///
/// ```
/// let r = jixiao_lint::lint_text("r.txt", "当年开支 1.99 万元，比上年 1.42 万元减少 0.57 万元。", &Default::default());
/// assert_eq!((r.path.as_str(), r.format), ("r.txt", "text"));
/// assert!(r.error.is_none() && r.source.is_some());
/// assert_eq!(r.report.unwrap().facts.comparisons.len(), 1);
/// ```
#[derive(Debug)]
pub struct FileResult {
    /// The path as given.
    pub path: String,
    /// Input format (`text`).
    pub format: &'static str,
    /// Why the input could not be read, if it could not.
    pub error: Option<InputError>,
    /// The findings, sorted by offset, then code.
    pub diagnostics: Vec<Diagnostic>,
    /// The decoded source, when it could be read.
    pub source: Option<SourceFile>,
    /// The extracted model.
    pub report: Option<Report>,
    /// The language its texts are rendered in by the renderers that take none (JSON, SARIF,
    /// JUnit, GitHub, rdjson): [`Options::lang`]. Linting itself uses no language; set this
    /// field to render the same result in another.
    pub lang: Lang,
}

/// Run the rules on a model (no source text needed): for finance software that builds the
/// model in code.
///
/// ```
/// use jixiao_lint::lint::{Options, lint_model};
/// use jixiao_lint::model::{Cell, FundKind, FundRow, Report, SelfEvalTable, Text};
///
/// let cell = |v: &str| Some(Cell::new(v, None));
/// let total = FundRow {
///     label: Text::new("年度资金总额", None),
///     kind: FundKind::Total,
///     initial_budget: None,
///     budget: cell("587.65"),
///     executed: cell("587.65"),
///     weight: cell("10"),
///     rate: cell("95%"),
///     score: cell("10"),
///     span: None,
/// };
/// let report = Report {
///     tables: vec![SelfEvalTable { fund_rows: vec![total], ..Default::default() }],
///     ..Default::default()
/// };
/// let d = lint_model(&report, &Options::default());
/// assert_eq!(d[0].rule, "execution-rate");
/// ```
pub fn lint_model(report: &Report, opts: &Options) -> Vec<Diagnostic> {
    let mut d = rules::run(report, &opts.settings, &|m| opts.enabled(m));
    for x in d.iter_mut() {
        if let Some(Some(sev)) = opts.levels.get(x.rule) {
            x.severity = *sev;
        }
    }
    sort(&mut d, opts.lang);
    d
}

fn sort(d: &mut [Diagnostic], lang: Lang) {
    d.sort_by(|a, b| {
        let ka = (
            a.span.map(|s| s.offset).unwrap_or(0),
            a.code,
            a.span.map(|s| s.len).unwrap_or(0),
        );
        let kb = (
            b.span.map(|s| s.offset).unwrap_or(0),
            b.code,
            b.span.map(|s| s.len).unwrap_or(0),
        );
        ka.cmp(&kb)
            .then_with(|| a.message.render(lang).cmp(&b.message.render(lang)))
    });
}

/// Lint decoded text.
///
/// ```
/// let r = jixiao_lint::lint_text("r.txt", "总收入587.65万元，比上年637.32万元减少49.67万元。", &Default::default());
/// assert!(r.diagnostics.is_empty());
///
/// // each finding carries its line and column
/// let r = jixiao_lint::lint_text("r.txt", "说明：\n当年开支 1.99 万元，比上年 1.42 万元减少 0.57 万元。", &Default::default());
/// let at = r.diagnostics[0].start.unwrap();
/// assert_eq!((at.line, at.column), (2, 25));
/// ```
pub fn lint_text(name: &str, text: &str, opts: &Options) -> FileResult {
    lint_source(SourceFile::new(name, text), "text", Vec::new(), opts)
}

/// Lint an already decoded source (with its origin map, for converted documents).
pub(crate) fn lint_source(
    src: SourceFile,
    format: &'static str,
    uncached: Vec<Span>,
    opts: &Options,
) -> FileResult {
    let mut report = extract_text(&src);
    for sp in uncached {
        let raw = src
            .text()
            .get(sp.offset..sp.end())
            .unwrap_or("")
            .to_string();
        report
            .uncached_formulas
            .push(crate::model::Text::new(raw, Some(sp)));
    }
    let mut diagnostics = lint_model(&report, opts);
    for d in diagnostics.iter_mut() {
        for l in d.labels.iter_mut() {
            let Some(sp) = l.span else { continue };
            l.start = Some(src.line_col(sp.offset));
            if l.location.is_none() {
                l.location = src.location(sp.offset).map(String::from);
            }
        }
        let Some(sp) = d.span else { continue };
        d.start = Some(src.line_col(sp.offset));
        if d.location.is_none() {
            d.location = src.location(sp.offset).map(String::from);
        }
    }
    FileResult {
        path: src.name().to_string(),
        format,
        error: None,
        diagnostics,
        source: Some(src),
        report: Some(report),
        lang: opts.lang,
    }
}

/// Lint bytes in a declared format (skipping detection): `"text"`, `"docx"`, `"xlsx"`, `"pdf"`,
/// `"xls"`, `"ods"`. An unknown name is reported as the file's error.
///
/// ```
/// let r = jixiao_lint::lint_bytes_as("noext", "收入 1 万元。".as_bytes(), "text", &Default::default());
/// assert!(r.error.is_none());
/// let r = jixiao_lint::lint_bytes_as("x", b"", "wps", &Default::default());
/// assert!(r.error.is_some(), "an unknown format is the file's error");
/// ```
pub fn lint_bytes_as(name: &str, bytes: &[u8], format: &str, opts: &Options) -> FileResult {
    let limits = Limits::default();
    let converted = match format {
        "text" => decode_text(bytes).map(|(t, _)| (SourceFile::new(name, t), "text", Vec::new())),
        "docx" | "xlsx" | "pdf" | "xls" | "ods" => {
            let detected = detect(bytes).name();
            let ok = detected == format
                || (format == "xls" && detected == "ole")
                || (format == "ods" && detected == "zip");
            if ok {
                decode_input(name, bytes, &limits)
            } else {
                Err(InputError::new(
                    K::Format,
                    format!("declared {format}, but the content is {detected}"),
                ))
            }
        }
        other => Err(InputError::new(
            K::Format,
            format!("unknown format '{other}'"),
        )),
    };
    match converted {
        Ok((src, fmt, uncached)) => lint_source(src, fmt, uncached, opts),
        Err(e) => FileResult::failed(name, "text", e),
    }
}

impl FileResult {
    /// The result for an input that could not be read.
    pub(crate) fn failed(path: &str, format: &'static str, error: InputError) -> Self {
        FileResult {
            path: path.to_string(),
            format,
            error: Some(error),
            diagnostics: Vec::new(),
            source: None,
            report: None,
            lang: Lang::default(),
        }
    }
}

/// Lint bytes of any supported format. Errors are reported in the result, never panicked.
///
/// ```
/// // GBK bytes are detected and decoded
/// let (gbk, _, _) = encoding_rs::GBK.encode("当年开支 1.99 万元，比上年 1.42 万元减少 0.57 万元。");
/// let r = jixiao_lint::lint_bytes("gbk.txt", &gbk, &Default::default());
/// assert_eq!(r.diagnostics[0].code, "JX105");
/// ```
pub fn lint_bytes(name: &str, bytes: &[u8], opts: &Options) -> FileResult {
    match decode_input(name, bytes, &Limits::default()) {
        Ok((src, fmt, uncached)) => lint_source(src, fmt, uncached, opts),
        Err(e) => FileResult::failed(name, detect_name(bytes), e),
    }
}

fn detect_name(bytes: &[u8]) -> &'static str {
    if bytes.is_empty() {
        "text"
    } else {
        detect(bytes).name()
    }
}

/// Decode bytes of a text file in any common encoding (BOM, UTF-8, UTF-16, GB18030, Big5).
pub(crate) fn decode(bytes: &[u8]) -> Result<String, InputError> {
    decode_text(bytes).map(|(s, _)| s)
}

/// Read and lint a file of any supported format. Errors are reported in the result.
///
/// ```
/// let r = jixiao_lint::lint_path(std::path::Path::new("no/such/file.txt"), &Default::default());
/// assert_eq!(r.error.unwrap().kind(), jixiao_lint::error::InputErrorKind::CannotRead);
/// ```
pub fn lint_path(path: &Path, opts: &Options) -> FileResult {
    let name = path.display().to_string();
    match read_bytes(path) {
        Ok(bytes) => lint_owned_bytes(&name, bytes, opts),
        Err(e) => FileResult::failed(&name, "text", e),
    }
}

/// [`lint_bytes`] on bytes it may keep: UTF-8 text without a byte-order mark becomes the
/// source text as it is, without a copy (a large text is held once, not twice).
///
/// ```
/// let bytes = "当年开支 1.99 万元，比上年 1.42 万元减少 0.57 万元。".as_bytes().to_vec();
/// let r = jixiao_lint::lint::lint_owned_bytes("r.txt", bytes, &Default::default());
/// assert_eq!(r.diagnostics.len(), 1);
/// ```
pub fn lint_owned_bytes(name: &str, bytes: Vec<u8>, opts: &Options) -> FileResult {
    let plain = !bytes.is_empty()
        && (bytes.len() as u64) <= Limits::default().max_file_bytes
        && detect(&bytes) == Format::Text
        && encoding_rs::Encoding::for_bom(&bytes).is_none();
    if !plain {
        return lint_bytes(name, &bytes, opts);
    }
    match String::from_utf8(bytes) {
        Ok(text) => lint_source(SourceFile::new(name, text), "text", Vec::new(), opts),
        Err(e) => lint_bytes(name, e.as_bytes(), opts),
    }
}

/// Read a file's bytes, with the size limit. The limit is enforced on the bytes read (at most
/// one byte past it), not on the size the file system reports, so a device or a file that
/// grows while it is read cannot exceed it; FIFOs, sockets and devices are refused (standard
/// input is read with [`read_stdin`]).
pub(crate) fn read_bytes(path: &Path) -> Result<Vec<u8>, InputError> {
    let meta = std::fs::metadata(path)
        .map_err(|e| InputError::new(K::CannotRead, format!("cannot read: {e}")))?;
    if meta.is_dir() {
        return Err(InputError::new(K::IsDirectory, "is a directory"));
    }
    if !meta.is_file() {
        return Err(InputError::new(
            K::NotRegularFile,
            "not a regular file (a pipe, socket or device): pass its content on standard input (`-`)",
        ));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(over_limit(meta.len()));
    }
    let f = std::fs::File::open(path)
        .map_err(|e| InputError::new(K::CannotRead, format!("cannot read: {e}")))?;
    read_limited(f, meta.len() as usize)
}

#[cfg_attr(not(feature = "cli"), allow(dead_code))] // used by the command line
/// Read standard input (or any stream) up to the size limit; more is an error, never a cut.
pub(crate) fn read_stdin(r: impl std::io::Read) -> Result<Vec<u8>, InputError> {
    read_limited(r, 0)
}

fn read_limited(r: impl std::io::Read, hint: usize) -> Result<Vec<u8>, InputError> {
    use std::io::Read;
    let mut buf = Vec::with_capacity(hint.min(MAX_FILE_BYTES as usize) + 1);
    r.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut buf)
        .map_err(|e| InputError::new(K::CannotRead, format!("cannot read: {e}")))?;
    if buf.len() as u64 > MAX_FILE_BYTES {
        return Err(InputError::new(
            K::OverLimit,
            format!("more than {MAX_FILE_BYTES} bytes, over the limit of {MAX_FILE_BYTES} bytes"),
        ));
    }
    Ok(buf)
}

fn over_limit(n: u64) -> InputError {
    InputError::too_large(n, MAX_FILE_BYTES)
}

#[cfg_attr(not(feature = "cli"), allow(dead_code))] // used by the command line
/// Read a file of any supported format as decoded text (what `extract` works on).
pub(crate) fn read_text(path: &Path) -> Result<String, InputError> {
    let bytes = read_bytes(path)?;
    decode_input(&path.display().to_string(), &bytes, &Limits::default())
        .map(|(s, _, _)| s.text().to_string())
}

/// Bytes as MiB with at most one decimal, rounded up (`20`, `1.1`): for messages.
#[cfg(feature = "serve")]
pub(crate) use crate::error::megabytes;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;

    #[test]
    fn the_builder_refuses_names_of_no_rule() {
        // rule names, codes (any case), groups and `all` are known
        let o = Options::builder()
            .select("budget")
            .select("jx201")
            .ignore("stray-latin-word")
            .level("JX105", Some(Severity::Warning))
            .build()
            .unwrap();
        assert_eq!(
            o.levels.get("change-direction"),
            Some(&Some(Severity::Warning))
        );
        // the first unknown name is the error, wherever it was given
        for (b, name) in [
            (Options::builder().select("budgets"), "budgets"),
            (Options::builder().ignore("JX999"), "JX999"),
            (
                Options::builder().level("change-rates", None),
                "change-rates",
            ),
            (
                Options::builder().select("x1").ignore("x2").select("all"),
                "x1",
            ),
        ] {
            let e = b.build().unwrap_err();
            assert_eq!(e.name, name);
            assert!(e.to_string().contains(name));
        }
    }
}
