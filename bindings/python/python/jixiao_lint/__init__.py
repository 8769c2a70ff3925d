"""Consistency checks for Chinese budget performance self-evaluation reports (绩效自评报告).

    >>> import jixiao_lint
    >>> found = jixiao_lint.lint_text("本年收入 587.65 万元，比上年 637.32 万元减少 47.67 万元。")
    >>> [(d.rule, d.line) for d in found]
    [('change-amount', 1)]

Every function returns the findings the command line reports for the same input
(``jixiao-lint check --format json``), as :class:`Diagnostic` objects. An input that cannot
be read raises :class:`InputError` (a :class:`JixiaoLintError`).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from typing import Any, Dict, List, Optional, Sequence

from . import _native
from ._native import JixiaoLintError

__all__ = [
    "Diagnostic",
    "Suggestion",
    "Rule",
    "InputError",
    "JixiaoLintError",
    "lint_text",
    "lint_bytes",
    "lint_path",
    "rules",
    "__version__",
]

__version__: str = _native.__version__


class InputError(_native.InputError):
    """An input that cannot be read (empty, damaged, a zip bomb, a scanned PDF …).

    ``str(e)`` is the reason in the language asked for; ``e.kind`` names it for code
    (``"empty"``, ``"zip_bomb"``, ``"damaged"``, ``"undecodable"``, ``"needs_pdftotext"`` …).
    """

    @property
    def kind(self) -> str:
        return self.args[1] if len(self.args) > 1 else "other"

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


@dataclass(frozen=True)
class Suggestion:
    """A fix the linter is sure of: the figure or word at ``line``/``column`` becomes
    ``replacement``."""

    figure: str
    replacement: str
    line: Optional[int]
    column: Optional[int]
    offset: Optional[int]


@dataclass(frozen=True)
class Diagnostic:
    """One finding: which rule, how severe, what and where (1-based line and column; byte
    ``offset`` and ``length`` in the decoded text), and for documents the place in the
    document (``location``: ``表2 第3行 第5列``, ``自评表!F7``, ``第1页``)."""

    rule: str
    code: str
    severity: str
    message: str
    help: Optional[str]
    line: Optional[int]
    column: Optional[int]
    end_line: Optional[int]
    end_column: Optional[int]
    offset: Optional[int]
    length: Optional[int]
    location: Optional[str]
    suggestion: Optional[Suggestion]

    def to_dict(self) -> Dict[str, Any]:
        """The finding as the command line's JSON object (without its labels)."""
        return asdict(self)

    @classmethod
    def _from_json(cls, d: Dict[str, Any]) -> "Diagnostic":
        s = d.get("suggestion")
        return cls(
            rule=d["rule"],
            code=d["code"],
            severity=d["severity"],
            message=d["message"],
            help=d.get("help"),
            line=d.get("line"),
            column=d.get("column"),
            end_line=d.get("end_line"),
            end_column=d.get("end_column"),
            offset=d.get("offset"),
            length=d.get("length"),
            location=d.get("location"),
            suggestion=Suggestion(
                figure=s["figure"],
                replacement=s["replacement"],
                line=s.get("line"),
                column=s.get("column"),
                offset=s.get("offset"),
            )
            if s
            else None,
        )


@dataclass(frozen=True)
class Rule:
    """A rule of the catalogue: ``code`` (JX105), ``name`` (change-direction), its group,
    default severity, summary, Chinese title and documentation (Markdown)."""

    code: str
    name: str
    group: str
    severity: str
    summary: str
    title_zh: str
    doc: str

    def to_dict(self) -> Dict[str, Any]:
        return asdict(self)


def _findings(raw: str) -> List[Diagnostic]:
    return [Diagnostic._from_json(d) for d in json.loads(raw)["diagnostics"]]


def _call(f, *args, **kwargs) -> List[Diagnostic]:
    try:
        return _findings(f(*args, **kwargs))
    except _native.InputError as e:
        raise InputError(*e.args) from None


def lint_text(
    text: str,
    *,
    name: str = "report.txt",
    lang: str = "zh",
    select: Optional[Sequence[str]] = None,
    ignore: Optional[Sequence[str]] = None,
) -> List[Diagnostic]:
    """Lint a report's text. ``lang`` is ``"zh"`` or ``"en"``; ``select`` and ``ignore``
    take rule names, codes or groups (``"budget"``, ``"scoring"``, ``"hygiene"``) and raise
    ``ValueError`` on a name of no rule."""
    return _call(_native.lint_text, text, name, lang, _list(select), _list(ignore))


def lint_bytes(
    data: bytes,
    *,
    name: str = "report",
    lang: str = "zh",
    select: Optional[Sequence[str]] = None,
    ignore: Optional[Sequence[str]] = None,
) -> List[Diagnostic]:
    """Lint a document's bytes: text in any common encoding (UTF-8, GBK/GB18030, Big5,
    UTF-16), .docx, .xlsx, .xls, .ods or PDF (PDF needs pdftotext), told apart by content."""
    return _call(_native.lint_bytes, bytes(data), name, lang, _list(select), _list(ignore))


def lint_path(
    path: "os.PathLike[str] | str",
    *,
    lang: str = "zh",
    select: Optional[Sequence[str]] = None,
    ignore: Optional[Sequence[str]] = None,
) -> List[Diagnostic]:
    """Read and lint a file of any supported format."""
    return _call(_native.lint_path, os.fspath(path), lang, _list(select), _list(ignore))


def rules() -> List[Rule]:
    """The rule catalogue, in code order."""
    return [Rule(**r) for r in json.loads(_native.rules_json())]


def _list(x: Optional[Sequence[str]]) -> Optional[List[str]]:
    if x is None:
        return None
    if isinstance(x, str):
        return [x]
    return list(x)
