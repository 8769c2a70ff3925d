"""Embedding from any language through the command line: run `jixiao-lint check --format json`
and read its JSON (the same pattern serves Java, C#, Go …: a process and a JSON parser).

    python examples/embed_cli_json.py target/debug/jixiao-lint examples/003_a54991f576d2d3e5.txt

Exit codes: 0 clean, 1 findings at error level, 2 an input or usage error.
"""

import json
import subprocess
import sys

binary, *paths = sys.argv[1:] or ["jixiao-lint", "examples/003_a54991f576d2d3e5.txt"]
run = subprocess.run(
    [binary, "check", "--format", "json", "--lang", "en", *paths],
    capture_output=True,
    text=True,
)
report = json.loads(run.stdout)
for f in report["files"]:
    if f["error"]:
        print(f"{f['path']}: cannot be read: {f['error']}")
    for d in f["diagnostics"]:
        print(f"{f['path']}:{d['line']}:{d['column']}: {d['severity']} {d['code']} {d['message']}")
print(f"exit code {run.returncode}")
