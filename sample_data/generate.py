"""Write the bundled sample files. Run from the repository root: python sample_data/generate.py

The files are committed; this script is how they were made (seeded, so it is repeatable).
"""

from __future__ import annotations

from pathlib import Path

from okr_model.samples import (
    mistakes,
    sample_checkins,
    sample_company,
    write_csv,
    write_workbook,
)

HERE = Path(__file__).parent
WORKBOOK = HERE / "lanternfish_okrs.xlsx"
CSV_EXPORT = HERE / "lanternfish_okrs.csv"
MISTAKES = HERE / "okrs_with_mistakes.xlsx"


def main() -> None:
    company = sample_company()
    write_workbook(company, WORKBOOK, checkins=sample_checkins(company))
    write_csv(company, CSV_EXPORT)
    write_workbook(mistakes(), MISTAKES, instructions=False)
    for path in (WORKBOOK, CSV_EXPORT, MISTAKES):
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
