"""Benchmark the score reports (xlsx, pptx, pdf, html, csv) against a bare xlsxwriter write.

    python bench/bench_reports.py                  # 80,000 KRs in 20,000 objectives
    python bench/bench_reports.py --krs 10000      # smaller, quicker

The workbook is the one bench_pipeline.py generates (cached in bench/.cache). It is read and
scored once, and its rollups and health checks worked out, before any timing: this measures the
reports, not the pipeline. The baseline is writing the same key-results table (the report's
"Key results" sheet, `key_results_frame`) bare with xlsxwriter: default options, one sheet, a
header and one `write_row` per row, nothing else. Machines here are shared and noisy, so each
round runs the baseline and then every format back to back, and the reported ratio is the
median over rounds of format time / baseline time in that round. Each format's time includes
gathering the report's content (`report_content`) and making the file's bytes (`render`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import io
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import xlsxwriter

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # okr_model, run as a script

from bench_pipeline import workbook_paths  # the same generated workbook, the same cache

from okr_model.loading import build_table
from okr_model.output import key_results_frame
from okr_model.reader import read_okr_file
from okr_model.reports import FORMATS, render, report_content
from okr_model.scorecard import Scorecard, analyse

AS_OF = dt.date(2026, 11, 20)
TARGETS = {"xlsx": 1.5}


def bare_xlsx(frame: pd.DataFrame) -> bytes:
    """The same table written the plainest way: a header, then one write_row per row."""
    buffer = io.BytesIO()
    cells = frame.astype(object).where(frame.notna(), None)
    with xlsxwriter.Workbook(buffer) as book:
        sheet = book.add_worksheet("Key results")
        sheet.write_row(0, 0, list(frame.columns))
        for row, values in enumerate(cells.itertuples(index=False, name=None), start=1):
            sheet.write_row(row, 0, values)
    return buffer.getvalue()


def runners(card: Scorecard, table) -> dict[str, Callable[[], bytes]]:
    krs = key_results_frame(card)
    made = {"baseline": lambda: bare_xlsx(krs)}
    for fmt in FORMATS:
        made[fmt] = lambda fmt=fmt: render(fmt, report_content(card, table))
    return made


def timed(run: Callable[[], bytes]) -> tuple[float, int]:
    gc.collect()
    started = time.perf_counter()
    data = run()
    return time.perf_counter() - started, len(data)


def report(card: Scorecard, table, rounds: int) -> pd.DataFrame:
    runs = runners(card, table)
    sizes = {name: timed(run)[1] for name, run in runs.items()}  # warm up, and the sizes
    seconds: dict[str, list[float]] = {name: [] for name in runs}
    ratios: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(rounds):
        base, _ = timed(runs["baseline"])
        seconds["baseline"].append(base)
        ratios["baseline"].append(1.0)
        for fmt in FORMATS:
            took, _ = timed(runs[fmt])
            seconds[fmt].append(took)
            ratios[fmt].append(took / base)
    rows = [
        (
            name,
            statistics.median(seconds[name]),
            statistics.median(ratios[name]),
            sizes[name] / 2**20,
            f"<= {TARGETS[name]}" if name in TARGETS else "",
        )
        for name in runs
    ]
    return pd.DataFrame(rows, columns=["format", "median s", "x baseline", "MiB", "target"])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--krs", type=int, default=80_000)
    parser.add_argument("--objectives", type=int, default=None, help="default: krs / 4")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    objectives = args.objectives or args.krs // 4
    xlsx, _ = workbook_paths(args.krs, objectives)
    table = build_table(read_okr_file(xlsx))
    card = analyse(table, as_of=AS_OF)
    for rollup in (card.owners, card.units, card.levels, card.company, card.health_summary):
        assert rollup is not None
    print(
        f"{args.krs:,} key results in {objectives:,} objectives ({len(card.health):,} health "
        f"findings, {len(card.issues):,} issues); median of {args.rounds} rounds\n"
        "baseline: the key-results table written bare with xlsxwriter\n"
    )
    print(report(card, table, args.rounds).to_string(index=False, float_format="{:.2f}".format))


if __name__ == "__main__":
    main()
