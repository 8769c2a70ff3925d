"""Type stubs of the native module (the Python API is in ``jixiao_lint``)."""

from typing import List, Optional

__version__: str

class JixiaoLintError(Exception): ...
class InputError(JixiaoLintError): ...

def lint_text(
    text: str,
    name: str = ...,
    lang: str = ...,
    select: Optional[List[str]] = ...,
    ignore: Optional[List[str]] = ...,
) -> str: ...
def lint_bytes(
    data: bytes,
    name: str = ...,
    lang: str = ...,
    select: Optional[List[str]] = ...,
    ignore: Optional[List[str]] = ...,
) -> str: ...
def lint_path(
    path: str,
    lang: str = ...,
    select: Optional[List[str]] = ...,
    ignore: Optional[List[str]] = ...,
) -> str: ...
def rules_json() -> str: ...
