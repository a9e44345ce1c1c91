"""Every example in README.md runs: each ```python block, and each `newsfacts` command line."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
PYTHON_BLOCKS = re.findall(r"```python\n(.*?)```", README, flags=re.DOTALL)
COMMANDS = [
    line.strip()
    for block in re.findall(r"```(?:bash|sh|console)\n(.*?)```", README, flags=re.DOTALL)
    for line in block.splitlines()
    if line.strip().startswith("newsfacts ") or "| newsfacts " in line
]


def test_readme_has_examples() -> None:
    assert PYTHON_BLOCKS and COMMANDS
    assert "make demo" in README and "make test" in README


@pytest.mark.parametrize("code", PYTHON_BLOCKS, ids=lambda c: c.strip().splitlines()[0][:40])
def test_python_example_runs(code: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(ROOT)
    exec(compile(code, "README.md", "exec"), {"__name__": "readme", "TMP": tmp_path})


@pytest.mark.parametrize("command", COMMANDS)
def test_command_example_runs(command: str) -> None:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(
        command, shell=True, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr
