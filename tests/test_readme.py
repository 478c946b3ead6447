"""The README cannot go stale: its column table, commands and examples are checked here."""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import ROOT

from okr_model.columns import CANONICAL_COLUMNS

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_column_table_lists_every_canonical_column():
    listed = re.findall(r"^\| `(\w+)` \|", README, flags=re.MULTILINE)
    assert listed == [c.name for c in CANONICAL_COLUMNS]


def test_quick_start_commands_are_the_ones_ci_runs():
    assert "pip install -r requirements.txt && streamlit run app.py" in README
    assert "pip install -r requirements-dev.txt && python -m pytest" in README
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install --quiet -r requirements-dev.txt" in ci
    assert "\npython -m pytest\n" in ci


def test_cli_examples_in_the_readme_print_what_the_readme_shows(tmp_path):
    examples = re.findall(
        r"^\$ (python -m okr_model .+)\n((?:(?!\$ ).*\n)+?)(?:\n|```)", README, flags=re.MULTILINE
    )
    assert len(examples) == 3
    for command, shown in examples:
        # Files an example writes (`-o reports`) go to a temporary folder, not the checkout.
        written = re.search(r" -o (\S+)", command)
        if written:
            folder = tmp_path / written.group(1)
            command = command.replace(written.group(0), f" -o {folder}")
            shown = shown.replace(f"{written.group(1)}/", f"{folder}/")
        done = subprocess.run(
            [sys.executable, *command.split()[1:]],
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=False,
        )
        for line in shown.splitlines():
            if line.strip() and line.strip() != "...":
                assert line in done.stdout, f"{command}: {line!r} not printed"


def test_library_example_in_the_readme_runs():
    code = re.search(r"```python\n(.*?)```", README, flags=re.DOTALL).group(1)
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
