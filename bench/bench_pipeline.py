"""Benchmark the pipeline (read, validate, score, roll up) against a bare pandas read.

    python bench/bench_pipeline.py                 # 80,000 KRs in 20,000 objectives
    python bench/bench_pipeline.py --krs 10000     # smaller, quicker

Machines here are shared and noisy, so every figure is a ratio to a bare read of the same file
(`pandas.read_excel(engine="calamine")` for .xlsx, `pandas.read_csv` for .csv) measured in the
same run: each round runs the baseline and then every stage back to back, and the reported ratio
is the median over rounds of stage time / baseline time in that round. Peak memory is each
stage's peak resident set in a fresh process, minus that process's size after imports, as a
ratio to the same figure for the baseline.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from okr_model.loading import build_table
from okr_model.policy import ScoringPolicy
from okr_model.reader import read_okr_file
from okr_model.samples import scaled_okrs, write_csv, write_workbook
from okr_model.scorecard import Filters, Scorecard, analyse, in_view, score_quarter

AS_OF = dt.date(2026, 11, 20)
CACHE = Path(__file__).parent / ".cache"
STAGES = ("read", "validate", "score", "roll up", "whole pipeline")


def workbook_paths(krs: int, objectives: int) -> tuple[Path, Path]:
    """Generate (once, then cached) the benchmark workbook and CSV."""
    CACHE.mkdir(exist_ok=True)
    xlsx = CACHE / f"okrs_{krs}_{objectives}.xlsx"
    csv = xlsx.with_suffix(".csv")
    if not xlsx.exists() or not csv.exists():
        frame = scaled_okrs(krs, objectives)
        write_workbook(frame, xlsx, instructions=False)
        write_csv(frame, csv)
    return xlsx, csv


def baseline(path: Path) -> Callable[[], object]:
    if path.suffix == ".csv":
        return lambda: pd.read_csv(path)
    return lambda: pd.read_excel(path, engine="calamine")


def stage_runners(path: Path) -> dict[str, Callable[[], object]]:
    """Each stage as a callable that runs it from its own, already computed, input."""
    source = read_okr_file(path)
    table = build_table(source)
    quarter, policy = table.quarters[-1], ScoringPolicy()
    krs, objectives = in_view(table, quarter, Filters())

    def score() -> tuple[pd.DataFrame, pd.DataFrame]:
        return score_quarter(krs, objectives, quarter=quarter, as_of=AS_OF, policy=policy)

    scored = score()
    return {
        "read": lambda: read_okr_file(path),
        "validate": lambda: build_table(source),
        "score": lambda: score_quarter(
            krs, objectives, quarter=quarter, as_of=AS_OF, policy=policy
        ),
        "roll up": lambda: roll_up(scored, policy, quarter, table),
        "whole pipeline": lambda: whole_pipeline(path),
    }


def whole_pipeline(path: Path) -> Scorecard:
    """Read, validate, score and roll up everything (the Scorecard's rollups are lazy)."""
    card = analyse(build_table(read_okr_file(path)), as_of=AS_OF)
    for rollup in (card.owners, card.units, card.levels, card.company, card.health_summary):
        assert rollup is not None
    return card


def roll_up(scored, policy: ScoringPolicy, quarter: str, table) -> Scorecard:
    """Every rollup and health check of a scored quarter (the Scorecard works them out lazily)."""
    krs, objectives = scored
    card = Scorecard(
        quarter=quarter,
        as_of=AS_OF,
        expected_pace=None,
        policy=policy,
        filters=Filters(),
        key_results=krs,
        objectives=objectives,
        issues=table.issues,
        reconciliation=table.reconciliation,
    )
    for rollup in (card.owners, card.units, card.levels, card.company, card.health_summary):
        assert rollup is not None
    return card


def timed(run: Callable[[], object]) -> float:
    gc.collect()
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def time_ratios(path: Path, rounds: int) -> dict[str, tuple[float, float]]:
    """Per stage: (median seconds, median ratio to the baseline of the same round)."""
    runners = {"baseline": baseline(path), **stage_runners(path)}
    for run in runners.values():  # warm up: imports, caches, first-use costs
        run()
    seconds: dict[str, list[float]] = {name: [] for name in runners}
    ratios: dict[str, list[float]] = {name: [] for name in runners}
    for _ in range(rounds):
        base = timed(runners["baseline"])
        seconds["baseline"].append(base)
        ratios["baseline"].append(1.0)
        for name in STAGES:
            took = timed(runners[name])
            seconds[name].append(took)
            ratios[name].append(took / base)
    return {n: (statistics.median(seconds[n]), statistics.median(ratios[n])) for n in runners}


def _status_bytes(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024  # reported in kB
    raise RuntimeError(f"{field} not in /proc/self/status")


def child(stage: str, path: Path) -> None:
    """Run one stage in this fresh process and print how far it raised the peak resident set."""
    runners = {"baseline": baseline(path), **stage_runners(path)}
    runners["baseline"]()  # warm up imports and first-use costs on the same file
    gc.collect()
    # Writing 5 to clear_refs resets the peak (VmHWM) to the current size (Linux >= 4.0), so
    # the inputs computed above do not count towards this stage's peak.
    Path("/proc/self/clear_refs").write_text("5")
    before = _status_bytes("VmRSS")
    runners[stage]()
    print(json.dumps({"growth": max(_status_bytes("VmHWM") - before, 0)}))


def peak_growth(stage: str, path: Path) -> int:
    out = subprocess.run(
        [sys.executable, __file__, "--child", stage, str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])["growth"]


def report(path: Path, rounds: int) -> pd.DataFrame:
    times = time_ratios(path, rounds)
    base_memory = peak_growth("baseline", path)
    rows = []
    for name in ("baseline", *STAGES):
        seconds, ratio = times[name]
        memory = base_memory if name == "baseline" else peak_growth(name, path)
        rows.append((name, seconds, ratio, memory / 2**20, memory / base_memory))
    return pd.DataFrame(
        rows, columns=["stage", "median s", "x baseline", "peak MiB", "x baseline peak"]
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--krs", type=int, default=80_000)
    parser.add_argument("--objectives", type=int, default=None, help="default: krs / 4")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--child", nargs=2, metavar=("STAGE", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]))
        return
    objectives = args.objectives or args.krs // 4
    xlsx, csv = workbook_paths(args.krs, objectives)
    print(
        f"{args.krs:,} key results in {objectives:,} objectives; median of {args.rounds} rounds\n"
    )
    for path in (xlsx, csv):
        print(f"{path.suffix} ({path.stat().st_size / 2**20:.1f} MiB); baseline: bare pandas read")
        table = report(path, args.rounds)
        print(table.to_string(index=False, float_format="{:.2f}".format))
        print()


if __name__ == "__main__":
    main()
