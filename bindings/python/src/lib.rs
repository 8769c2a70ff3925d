//! The native half of the Python package `jixiao_lint`: each function lints with the library
//! and returns the file's result as the JSON the command line prints (`check --format json`),
//! so Python sees exactly the command line's findings; `jixiao_lint/__init__.py` turns it into
//! dataclasses. An input that cannot be read raises `InputError(message, kind)`.

use jixiao_lint::error::InputErrorKind;
use jixiao_lint::lint::{self, FileResult, Options};
use jixiao_lint::{Lang, rules};
use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyValueError};
use pyo3::prelude::*;

create_exception!(
    _native,
    JixiaoLintError,
    PyException,
    "Base of the package's errors."
);
create_exception!(
    _native,
    InputError,
    JixiaoLintError,
    "An input that cannot be read: args are (message, kind)."
);

fn options(
    lang: &str,
    select: Option<Vec<String>>,
    ignore: Option<Vec<String>>,
) -> PyResult<Options> {
    let lang = match lang {
        "zh" => Lang::Zh,
        "en" => Lang::En,
        other => {
            return Err(PyValueError::new_err(format!(
                "lang must be \"zh\" or \"en\", not {other:?}"
            )));
        }
    };
    let mut b = Options::builder().lang(lang);
    for s in select.unwrap_or_default() {
        b = b.select(s);
    }
    for s in ignore.unwrap_or_default() {
        b = b.ignore(s);
    }
    b.build().map_err(|e| PyValueError::new_err(e.to_string()))
}

fn kind_name(k: InputErrorKind) -> &'static str {
    use InputErrorKind as K;
    match k {
        K::TooLarge { .. } => "too_large",
        K::OverLimit => "over_limit",
        K::Empty => "empty",
        K::ZipBomb => "zip_bomb",
        K::TooManyCells => "too_many_cells",
        K::TextOverLimit => "text_over_limit",
        K::PdfTextOverLimit => "pdf_text_over_limit",
        K::LegacyWord => "legacy_word",
        K::Odt => "odt",
        K::Undecodable => "undecodable",
        K::Damaged => "damaged",
        K::ZipNotOffice => "zip_not_office",
        K::NeedsPdftotext => "needs_pdftotext",
        K::NoTextLayer => "no_text_layer",
        K::Pdf => "pdf",
        K::NotRegularFile => "not_regular_file",
        K::IsDirectory => "is_directory",
        K::CannotRead => "cannot_read",
        K::Format => "format",
        _ => "other",
    }
}

/// The file's JSON, or `InputError` when it could not be read.
fn result_json(r: FileResult, lang: Lang) -> PyResult<String> {
    if let Some(e) = &r.error {
        return Err(InputError::new_err((
            e.localized(lang),
            kind_name(e.kind()),
        )));
    }
    serde_json::to_string(&r.to_json()).map_err(|e| PyValueError::new_err(e.to_string()))
}

/// Lint a report's text.
#[pyfunction]
#[pyo3(signature = (text, name = "report.txt", lang = "zh", select = None, ignore = None))]
fn lint_text(
    py: Python<'_>,
    text: &str,
    name: &str,
    lang: &str,
    select: Option<Vec<String>>,
    ignore: Option<Vec<String>>,
) -> PyResult<String> {
    let opts = options(lang, select, ignore)?;
    let (text, name) = (text.to_string(), name.to_string());
    let lang = opts.lang;
    let r = py.detach(move || lint::lint_text(&name, &text, &opts));
    result_json(r, lang)
}

/// Lint a document's bytes (text in any common encoding, .docx, .xlsx, .xls, .ods, PDF).
#[pyfunction]
#[pyo3(signature = (data, name = "report", lang = "zh", select = None, ignore = None))]
fn lint_bytes(
    py: Python<'_>,
    data: Vec<u8>,
    name: &str,
    lang: &str,
    select: Option<Vec<String>>,
    ignore: Option<Vec<String>>,
) -> PyResult<String> {
    let opts = options(lang, select, ignore)?;
    let name = name.to_string();
    let lang = opts.lang;
    let r = py.detach(move || lint::lint_owned_bytes(&name, data, &opts));
    result_json(r, lang)
}

/// Read and lint a file.
#[pyfunction]
#[pyo3(signature = (path, lang = "zh", select = None, ignore = None))]
fn lint_path(
    py: Python<'_>,
    path: std::path::PathBuf,
    lang: &str,
    select: Option<Vec<String>>,
    ignore: Option<Vec<String>>,
) -> PyResult<String> {
    let opts = options(lang, select, ignore)?;
    let lang = opts.lang;
    let r = py.detach(move || lint::lint_path(&path, &opts));
    result_json(r, lang)
}

/// The rule catalogue as JSON: code, name, group, severity, summary, title_zh, doc.
#[pyfunction]
fn rules_json() -> PyResult<String> {
    let v: Vec<serde_json::Value> = rules::catalogue()
        .map(|m| {
            serde_json::json!({
                "code": m.code,
                "name": m.name,
                "group": m.group.as_str(),
                "severity": m.severity.as_str(),
                "summary": m.summary,
                "title_zh": m.title_zh,
                "doc": m.doc,
            })
        })
        .collect();
    serde_json::to_string(&v).map_err(|e| PyValueError::new_err(e.to_string()))
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(lint_text, m)?)?;
    m.add_function(wrap_pyfunction!(lint_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(lint_path, m)?)?;
    m.add_function(wrap_pyfunction!(rules_json, m)?)?;
    m.add("JixiaoLintError", m.py().get_type::<JixiaoLintError>())?;
    m.add("InputError", m.py().get_type::<InputError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
