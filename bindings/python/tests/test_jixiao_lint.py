"""The Python package gives the command line's findings, reads every format the library
reads, and raises a typed exception for an input it cannot read."""

import json
import os
import pathlib
import subprocess
import zipfile

import pytest

import jixiao_lint

ROOT = pathlib.Path(__file__).resolve().parents[3]
SEED_003 = ROOT / "examples" / "003_a54991f576d2d3e5.txt"
WRONG = "本年收入 587.65 万元，比上年 637.32 万元减少 47.67 万元。"


def cli() -> pathlib.Path:
    for p in (
        os.environ.get("JIXIAO_LINT_BIN"),
        ROOT / "target" / "debug" / "jixiao-lint",
        ROOT / "target" / "release" / "jixiao-lint",
    ):
        if p and pathlib.Path(p).exists():
            return pathlib.Path(p)
    pytest.fail("the command line is not built (cargo build) and JIXIAO_LINT_BIN is not set")


def key(d):
    return (d["code"], d["severity"], d["line"], d["column"], d["message"], d["help"])


def seed_copy(tmp_path):
    """Seed 003 outside the examples folder, whose jixiao.toml the command line would apply
    (project configuration is the command line's; the library takes Options)."""
    p = tmp_path / "003.txt"
    p.write_bytes(SEED_003.read_bytes())
    return p


def test_seed_003_gives_the_command_lines_findings(tmp_path):
    seed = seed_copy(tmp_path)
    out = subprocess.run(
        [str(cli()), "check", str(seed), "--format", "json", "--lang", "zh"],
        capture_output=True,
        text=True,
    ).stdout
    want = [key(d) for d in json.loads(out)["files"][0]["diagnostics"]]
    got = jixiao_lint.lint_path(seed)
    assert want, "seed 003 has findings"
    assert [key(d.to_dict()) for d in got] == want
    # the same through the text and the bytes
    text = SEED_003.read_text(encoding="utf-8")
    assert [key(d.to_dict()) for d in jixiao_lint.lint_text(text)] == want
    assert [key(d.to_dict()) for d in jixiao_lint.lint_bytes(text.encode("utf-8"))] == want


def test_a_finding_is_a_dataclass_with_a_dict():
    (d,) = jixiao_lint.lint_text(WRONG, lang="en")
    assert (d.rule, d.code, d.severity, d.line) == ("change-amount", "JX106", "error", 1)
    assert "47.67" in d.message and "637.32" in d.message
    assert "49.66, 49.68" in d.help
    assert json.loads(json.dumps(d.to_dict()))["code"] == "JX106"
    with pytest.raises(Exception):
        d.line = 2  # frozen


def test_gbk_file_reads_like_utf8(tmp_path):
    p = tmp_path / "gbk.txt"
    p.write_bytes(WRONG.encode("gbk"))
    got = [(d.code, d.line, d.column) for d in jixiao_lint.lint_path(p)]
    assert got == [(d.code, d.line, d.column) for d in jixiao_lint.lint_text(WRONG)]


def docx_of(paragraphs):
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    doc = f'<?xml version="1.0" encoding="UTF-8"?><w:document {ns}><w:body>{body}</w:body></w:document>'
    import io

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        z.writestr("word/document.xml", doc)
    return buf.getvalue()


def test_docx_findings_carry_the_documents_place():
    (d,) = jixiao_lint.lint_bytes(docx_of(["概述", WRONG]), name="r.docx")
    assert d.rule == "change-amount"
    assert d.location == "第2段"


def test_unreadable_input_raises_a_typed_exception(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    with pytest.raises(jixiao_lint.InputError) as e:
        jixiao_lint.lint_path(p, lang="en")
    assert e.value.kind == "empty"
    assert str(e.value) == "the file is empty"
    assert isinstance(e.value, jixiao_lint.JixiaoLintError)
    with pytest.raises(jixiao_lint.InputError) as e:
        jixiao_lint.lint_bytes(b"PK\x03\x04 not really a zip", name="x.docx")
    assert e.value.kind in ("damaged", "undecodable")
    assert "。（" in str(e.value)  # Chinese by default, the English detail in brackets


def test_options_are_checked():
    assert jixiao_lint.lint_text(WRONG, ignore=["change-amount"]) == []
    assert [d.code for d in jixiao_lint.lint_text(WRONG, select="budget")] == ["JX106"]
    with pytest.raises(ValueError):
        jixiao_lint.lint_text(WRONG, select=["no-such-rule"])
    with pytest.raises(ValueError):
        jixiao_lint.lint_text(WRONG, lang="fr")


def test_rules_catalogue():
    rs = jixiao_lint.rules()
    assert [r.code for r in rs] == sorted(r.code for r in rs)
    jx105 = next(r for r in rs if r.code == "JX105")
    assert (jx105.name, jx105.group) == ("change-direction", "budget")
    assert "### Example" in jx105.doc
