"""Embedding from Python: the `jixiao_lint` package (bindings/python, built with maturin).

    pip install maturin && maturin build -m bindings/python/Cargo.toml -o dist
    pip install dist/jixiao_lint-*.whl
    python examples/embed_python.py examples/003_a54991f576d2d3e5.txt
"""

import sys

import jixiao_lint

path = sys.argv[1] if len(sys.argv) > 1 else "examples/003_a54991f576d2d3e5.txt"
try:
    findings = jixiao_lint.lint_path(path, lang="en")
except jixiao_lint.InputError as e:
    print(f"{path}: cannot be read ({e.kind}): {e}")
    sys.exit(2)
for d in findings:
    print(f"{path}:{d.line}:{d.column}: {d.severity} {d.code} {d.message}")
print(f"{len(findings)} finding(s)")
sys.exit(1 if any(d.severity == "error" for d in findings) else 0)
