"""Shared helpers: tests write real .xlsx and .csv files and read them back through the library."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import openpyxl
import pytest
from hypothesis import settings

from okr_model.samples import SAMPLE_AS_OF

# Property tests read and write a real file per example, so locally they try few examples;
# CI (CI=true) tries more, and HYPOTHESIS_PROFILE=thorough many more.
settings.register_profile("default", max_examples=15)
settings.register_profile("ci", max_examples=50)
settings.register_profile("thorough", max_examples=300)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "default")
)

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DATA = ROOT / "sample_data"
SAMPLE_WORKBOOK = SAMPLE_DATA / "lanternfish_okrs.xlsx"
SAMPLE_CSV = SAMPLE_DATA / "lanternfish_okrs.csv"
MISTAKES_WORKBOOK = SAMPLE_DATA / "okrs_with_mistakes.xlsx"
AS_OF = SAMPLE_AS_OF  # the date the sample's in-progress quarter was "exported"


def write_xlsx(path: Path, sheets: dict[str, Sequence[Sequence[object]]]) -> Path:
    """Write a real workbook: one sheet per entry, rows as given (None for an empty cell)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
    book.save(path)
    return path


def write_csv(
    path: Path, rows: Sequence[Sequence[object]], *, delimiter: str = ",", encoding: str = "utf-8"
) -> Path:
    with path.open("w", newline="", encoding=encoding) as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    return path


@pytest.fixture
def okr_rows() -> list[list[object]]:
    """A small, valid quarter: a company objective and a team objective aligned by text."""
    return [
        [
            "Quarter",
            "Level",
            "Unit",
            "Owner",
            "Objective",
            "Key Result",
            "Start",
            "Target",
            "Current",
            "Weight",
            "Aligned To",
        ],
        ["2026-Q3", "company", "", "Ada Quillfeather", "Grow revenue", "MRR", 0, 100, 20, 3, ""],
        ["2026-Q3", "company", "", "Ada Quillfeather", "Grow revenue", "NPS", 20, 100, 150, 1, ""],
        [
            "2026-Q3",
            "team",
            "Sales",
            "Bao Reedmoor",
            "Sell more",
            "Deals",
            0,
            10,
            5,
            "",
            "Grow revenue",
        ],
        [
            "2026-Q3",
            "team",
            "Sales",
            "Bao Reedmoor",
            "Sell more",
            "Calls",
            100,
            20,
            80,
            "",
            "Grow revenue",
        ],
    ]


def score_json(path: Path, *options: str) -> dict:
    """`python -m okr_model score PATH --format json`, run for real, as a dict."""
    done = subprocess.run(
        [sys.executable, "-m", "okr_model", "score", str(path), "--format", "json", *options],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return json.loads(done.stdout)
