"""The embedding examples run and agree with each other."""

import pathlib
import subprocess
import sys

from test_jixiao_lint import ROOT, cli, seed_copy


def run(*args):
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=ROOT)


def test_python_and_cli_json_examples_print_the_same_findings(tmp_path):
    seed = seed_copy(tmp_path)
    py = run(str(ROOT / "examples" / "embed_python.py"), str(seed))
    js = run(str(ROOT / "examples" / "embed_cli_json.py"), str(cli()), str(seed))
    assert py.returncode == 1, py.stderr
    lines = [l for l in py.stdout.splitlines() if ": error " in l or ": warning " in l or ": info " in l]
    assert lines and all(l in js.stdout for l in lines), (py.stdout, js.stdout)
    assert "exit code 1" in js.stdout


def test_python_example_names_an_unreadable_input(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    r = run(str(ROOT / "examples" / "embed_python.py"), str(p))
    assert r.returncode == 2 and "(empty)" in r.stdout, r.stdout
