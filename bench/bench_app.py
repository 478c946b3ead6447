"""Benchmark the dashboard's script time on a large workbook, headless with AppTest.

    python bench/bench_app.py                 # 80,000 KRs in 20,000 objectives
    python bench/bench_app.py --krs 20000

Measures, in one run and against a bare `pandas.read_excel(engine="calamine")` of the same file:
- upload to overview: the script run after the workbook is uploaded (reading, validating,
  scoring and drawing the Overview), as a ratio to the bare read;
- a filter change and each page switch: script time of the rerun (target: under 300 ms).
Each figure is the median of --rounds rounds; the upload starts from an empty cache each round.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import pandas as pd
from bench_pipeline import workbook_paths  # same generated workbook, same cache
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # for dashboard.apptest when run as a script

from dashboard.apptest import navigation_only  # noqa: E402

PAGES = [
    "pages/progress.py",
    "pages/alignment.py",
    "pages/distributions.py",
    "pages/health.py",
    "pages/trends.py",
    "pages/data.py",
    "pages/reports.py",
    "pages/overview.py",
]


def timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def one_round(path: Path) -> dict[str, float]:
    import streamlit as st

    st.cache_resource.clear()
    st.cache_data.clear()
    data = path.read_bytes()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    at.run()
    figures = {"bare read": timed(lambda: pd.read_excel(path, engine="calamine"))}
    uploader = at.file_uploader(key="uploads")
    figures["upload to overview"] = timed(lambda: uploader.upload(path.name, data).run())
    assert not at.exception, at.exception
    assert at.metric[0].label == "Company score"
    levels = at.multiselect(key="filter_levels")
    figures["filter change"] = timed(lambda: levels.set_value(["team"]).run())
    levels = at.multiselect(key="filter_levels")
    figures["filter cleared"] = timed(lambda: levels.set_value([]).run())
    for page in PAGES:
        figures[f"switch to {page.split('/')[1][:-3]}"] = timed(
            lambda page=page: at.switch_page(page).run()
        )
        assert not at.exception, (page, at.exception)
    figures["rerun, nothing changed"] = timed(at.run)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--krs", type=int, default=80_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    xlsx, _ = workbook_paths(args.krs, args.krs // 4)
    with navigation_only():
        rounds = [one_round(xlsx) for _ in range(args.rounds)]
    names = list(rounds[0])
    median = {n: statistics.median(r[n] for r in rounds) for n in names}
    ratio = statistics.median(r["upload to overview"] / r["bare read"] for r in rounds)
    print(f"{args.krs:,} key results; median of {args.rounds} rounds (script time, seconds)\n")
    for name in names:
        print(f"{name:<28} {median[name]:7.3f}")
    print(f"\nupload to overview / bare calamine read: {ratio:.2f}x (target <= 1.5)")
    slowest = max((n for n in names if n.startswith(("switch", "filter"))), key=median.get)
    took = median[slowest] * 1000
    print(f"slowest filter change or page switch: {slowest}, {took:.0f} ms (target < 300)")


if __name__ == "__main__":
    main()
