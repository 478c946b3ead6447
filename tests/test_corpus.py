"""The fixture corpus: every layout, value form and encoding we read, through the CLI.

Each file's expected counts and scores are written by hand in tests/data/corpus.yaml.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from okr_model.cli import main

DATA = Path(__file__).parent / "data"
MANIFEST = yaml.safe_load((DATA / "corpus.yaml").read_text(encoding="utf-8"))
AS_OF = "2026-09-30"


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def case_id(case: dict) -> str:
    return case["file"] + ("".join(case.get("args", [])).replace("--", "-"))


@pytest.mark.parametrize("case", [pytest.param(c, id=case_id(c)) for c in MANIFEST["files"]])
def test_each_corpus_file_reads_to_its_expected_counts_and_scores(case, capsys):
    path = str(DATA / "corpus" / case["file"])
    args = case.get("args", [])

    code, out, _ = run(capsys, "check", path, *args, "--format", "json")
    assert code == case.get("check_exit", 0)
    checked = json.loads(out)
    assert (checked["objectives"], checked["key_results"], checked["checkins"]) == (
        case["objectives"],
        case["key_results"],
        case.get("checkins", 0),
    )
    reconciliation = checked["reconciliation"]
    for count in ("rows_read", "rows_rejected", "rows_not_okrs", "rows_checkins"):
        if count in case:
            assert reconciliation[count] == case[count], count
    assert reconciliation["rows_read"] == sum(
        v for k, v in reconciliation.items() if k != "rows_read"
    )
    codes = {issue["code"] for issue in checked["issues"]}
    assert set(case.get("issues", [])) <= codes

    code, out, _ = run(capsys, "score", path, *args, "--as-of", AS_OF, "--format", "json")
    assert code == 0
    scored = json.loads(out)
    assert scored["company"]["score"] == pytest.approx(case["company"])
    if "quarter" in case:
        assert scored["quarter"] == case["quarter"]
    scores = {o["objective"]: o["score"] for o in scored["objectives"]}
    for objective, score in case.get("objective_scores", {}).items():
        assert scores[objective] == pytest.approx(score), objective
    if "units" in case:
        assert sorted({o["unit"] for o in scored["objectives"]}) == case["units"]

    # The person-readable forms run on the same file without a traceback.
    assert run(capsys, "check", path, *args)[0] == case.get("check_exit", 0)
    assert run(capsys, "score", path, *args, "--as-of", AS_OF)[0] == 0


@pytest.mark.parametrize("case", [pytest.param(c, id=c["file"]) for c in MANIFEST["bad"]])
def test_each_unreadable_file_gets_one_sentence_and_exit_code_two(case, capsys):
    for command in ("check", "score"):
        code, out, err = run(capsys, command, str(DATA / "bad" / case["file"]))
        assert code == 2
        assert out == ""
        assert err.startswith("Error: ")
        assert err.count("\n") == 1
        assert case["message"] in err


def test_the_corpus_covers_at_least_twenty_files():
    assert len({c["file"] for c in MANIFEST["files"]}) >= 20
    on_disk = {p.name for p in (DATA / "corpus").iterdir()}
    assert on_disk == {c["file"] for c in MANIFEST["files"]}
