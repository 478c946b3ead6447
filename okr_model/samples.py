"""Seeded generators for the bundled sample company and for benchmark workbooks of any size.

Everything here is invented: the company, its people and its numbers. The sample files in
`sample_data/` are written by `sample_data/generate.py`, which calls these functions.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from okr_model.values import parse_numbers, quarter_bounds

COMPANY = "Lanternfish Tea Co."
SAMPLE_QUARTERS = ("2026-Q3", "2026-Q4")
# As-of date the sample's in-progress quarter was "exported" on; tests and docs use it.
SAMPLE_AS_OF = dt.date(2026, 11, 20)

# The headers the sample workbook uses, in order; each maps to a canonical column by alias.
SAMPLE_HEADERS = {
    "quarter": "Quarter",
    "level": "Level",
    "unit": "Department / Team",
    "owner": "Owner",
    "objective_id": "Objective ID",
    "objective": "Objective",
    "kr_id": "KR ID",
    "key_result": "Key Result",
    "parent_objective_id": "Aligned To",
    "objective_type": "Type",
    "start": "Start",
    "target": "Target",
    "current": "Current",
    "direction": "Direction",
    "weight": "Weight",
    "assessed_score": "Score",
    "confidence": "Confidence",
    "due_date": "Due Date",
    "status": "Status",
    "notes": "Notes",
}

_FIRST = (
    "An",
    "Bao",
    "Chi",
    "Dung",
    "Giang",
    "Hoa",
    "Khanh",
    "Lan",
    "Minh",
    "Ngoc",
    "Phuong",
    "Quang",
    "Thao",
    "Tuan",
    "Vy",
    "Ada",
    "Ben",
    "Cleo",
    "Dev",
    "Esme",
    "Finn",
    "Gia",
    "Hugo",
    "Iris",
    "Jonah",
    "Kai",
    "Lea",
    "Milo",
    "Nora",
    "Otto",
    "Pia",
    "Rafe",
    "Sage",
    "Tess",
    "Uma",
    "Wren",
    "Yara",
    "Zane",
    "Mai",
    "Linh",
    "Oren",
    "Bea",
    "Cato",
    "Dara",
)
_LAST = (
    "Thistlewood",
    "Brightwater",
    "Emberlane",
    "Mossgrove",
    "Larkspur",
    "Pebbleford",
    "Quillfeather",
    "Reedmoor",
    "Sorrelby",
    "Valebrook",
    "Willowmere",
    "Ashcombe",
    "Fernhollow",
    "Kettleby",
    "Lanternby",
    "Oakhythe",
    "Saltmarsh",
    "Tansybrook",
    "Umberfield",
    "Wickerley",
)

DEPARTMENTS: dict[str, tuple[str, ...]] = {
    "Sales": ("Enterprise Sales", "Retail Partnerships"),
    "Marketing": ("Brand", "Growth"),
    "Product": ("Tea Subscriptions", "Design"),
    "Engineering": ("Platform", "Mobile", "Data"),
    "Operations": ("Supply Chain", "Customer Care"),
}

_OBJECTIVES: dict[str, tuple[str, ...]] = {
    "company": (
        "Become the most loved tea subscription in the region",
        "Grow revenue profitably",
        "Run a reliable, sustainable supply chain",
        "Build a team people want to join and stay in",
    ),
    "Sales": (
        "Win the enterprise gifting market",
        "Make retail partners our best channel",
        "Shorten the sales cycle",
    ),
    "Marketing": (
        "Make Lanternfish a household name",
        "Turn visitors into subscribers",
        "Tell our sustainability story well",
    ),
    "Product": (
        "Delight subscribers from first cup",
        "Make the box worth waiting for",
        "Learn faster from customer feedback",
    ),
    "Engineering": (
        "Keep the shop fast and always on",
        "Ship the new mobile app",
        "Make data trustworthy and easy to use",
    ),
    "Operations": (
        "Deliver every box on time",
        "Cut waste across the supply chain",
        "Resolve customer issues on first contact",
    ),
}


@dataclass(frozen=True)
class Metric:
    """A kind of key result: text with {start}/{target}, kind, and typical start and target."""

    text: str
    kind: str  # increase, decrease, binary, at_least, at_most, threshold
    start: float
    target: float
    percent: bool = False


_METRICS: tuple[Metric, ...] = (
    Metric("Grow active subscribers from {start} to {target}", "increase", 12000, 16000),
    Metric("Raise monthly recurring revenue from ${start}k to ${target}k", "increase", 410, 520),
    Metric("Increase net promoter score from {start} to {target}", "increase", 31, 45),
    Metric("Lift trial-to-paid conversion from {start} to {target}", "increase", 0.18, 0.26, True),
    Metric("Grow retail partner stores from {start} to {target}", "increase", 40, 65),
    Metric("Sign {target} enterprise gifting contracts", "increase", 0, 12),
    Metric("Increase repeat purchase rate from {start} to {target}", "increase", 0.34, 0.45, True),
    Metric("Publish {target} customer stories", "increase", 0, 8),
    Metric("Cut monthly churn from {start} to {target}", "decrease", 0.052, 0.035, True),
    Metric("Reduce late deliveries from {start} to {target}", "decrease", 0.08, 0.03, True),
    Metric("Cut average first-response time from {start}h to {target}h", "decrease", 20, 6),
    Metric("Reduce packaging waste per box from {start}g to {target}g", "decrease", 120, 80),
    Metric("Cut checkout page load time from {start}s to {target}s", "decrease", 3.2, 1.5),
    Metric("Reduce sales cycle from {start} to {target} days", "decrease", 45, 30),
    Metric("Launch the loyalty programme", "binary", 0, 1),
    Metric("Ship the redesigned tasting box", "binary", 0, 1),
    Metric("Publish the first sustainability report", "binary", 0, 1),
    Metric("Migrate payments to the new provider", "binary", 0, 1),
    Metric("Keep shop uptime at or above {target}", "at_least", np.nan, 0.999, True),
    Metric("Keep first-contact resolution at or above {target}", "at_least", np.nan, 0.8, True),
    Metric("Keep cost per acquisition at or below ${target}", "at_most", np.nan, 38),
    Metric("Keep regretted attrition at or below {target}", "at_most", np.nan, 0.05, True),
    Metric("Hold supplier on-time rate at {target}", "threshold", 0.95, 0.95, True),
    Metric("Grow weekly active app users from {start} to {target}", "increase", 3000, 5500),
    Metric(
        "Raise data pipeline test coverage from {start} to {target}", "increase", 0.55, 0.8, True
    ),
    Metric("Cut mean time to recover from {start} to {target} minutes", "decrease", 90, 30),
    Metric("Grow organic site visits from {start}k to {target}k a month", "increase", 120, 180),
    Metric("Run {target} customer interviews", "increase", 0, 30),
)

# Which metrics each department's key results draw on (indexes into _METRICS).
_METRICS_OF: dict[str, tuple[int, ...]] = {
    "company": (0, 1, 2, 8, 9, 16, 21),
    "Sales": (1, 4, 5, 13, 20),
    "Marketing": (3, 7, 20, 26, 14, 16),
    "Product": (0, 2, 6, 15, 14, 27),
    "Engineering": (12, 17, 18, 23, 24, 25),
    "Operations": (9, 10, 11, 19, 22),
}


def _people(rng: np.random.Generator, count: int) -> list[str]:
    names = [f"{first} {last}" for first in _FIRST for last in _LAST]
    picked = rng.choice(len(names), size=count, replace=False)
    return [names[i] for i in picked]


def _org(rng: np.random.Generator) -> pd.DataFrame:
    """Units and their owners: the company (four executives), 5 departments, 11 teams, members."""
    people = iter(_people(rng, 48))
    executives = [next(people) for _ in range(4)]
    rows = [("company", COMPANY, executives, None)]
    for department, teams in DEPARTMENTS.items():
        rows.append(("department", department, [next(people)], COMPANY))
        for team in teams:
            rows.append(("team", team, [next(people)], department))
            # Most teams have two members with individual OKRs; the last two teams have one.
            for _ in range(1 if team in ("Data", "Customer Care") else 2):
                rows.append(("individual", team, [next(people)], team))
    return pd.DataFrame(rows, columns=["level", "unit", "owners", "parent_unit"])


def _objective_texts(org: pd.DataFrame) -> list[tuple[str, str, str, str, str, str]]:
    """(level, unit, owner, objective, parent unit, department) for every objective of a quarter.

    Each company objective has its own executive owner; other units' objectives are owned by
    the unit's one owner.
    """
    department_of = {team: d for d, teams in DEPARTMENTS.items() for team in teams}
    rows = []
    for level, unit, owners, parent in org.itertuples(index=False):
        if level == "company":
            department, texts = "company", _OBJECTIVES["company"]
        elif level == "department":
            department, texts = unit, _OBJECTIVES[unit]
        else:
            department = department_of[unit]
            base = _OBJECTIVES[department]
            suffix = ": my part" if level == "individual" else f" ({unit})"
            texts = tuple(f"{t}{suffix}" for t in base)
        for i, text in enumerate(texts):
            rows.append((level, unit, owners[i % len(owners)], text, parent, department))
    return rows


def _format_value(value: float, percent: bool) -> str:
    if np.isnan(value):
        return ""
    if percent:
        return f"{value:.1%}".replace(".0%", "%")
    return f"{value:,.0f}" if float(value).is_integer() or value >= 100 else f"{value:g}"


def _key_results(
    objectives: pd.DataFrame,
    rng: np.random.Generator,
    finished: pd.Series,
    counts: np.ndarray | None = None,
) -> pd.DataFrame:
    """Key results for each objective, with values drawn around the objective's performance.

    `finished` says per objective whether its quarter has ended (final values and a score) or is
    under way (partial progress, some KRs not yet measured).
    """
    if counts is None:
        counts = rng.choice(
            [1, 2, 3, 4, 5, 6], p=[0.02, 0.2, 0.45, 0.25, 0.06, 0.02], size=len(objectives)
        )
    owner_of = np.repeat(np.arange(len(objectives)), counts)
    krs = objectives.iloc[owner_of].reset_index(drop=True)
    n = len(krs)
    metric_index = rng.integers(0, len(_METRICS), size=n)
    for department, pool in _METRICS_OF.items():
        mine = krs["department"].to_numpy() == department
        metric_index[mine] = rng.choice(pool, size=int(mine.sum()))
    metrics = [_METRICS[i] for i in metric_index]
    kind = np.array([m.kind for m in metrics])
    start = np.array([m.start for m in metrics], dtype=float)
    target = np.array([m.target for m in metrics], dtype=float)
    percent = np.array([m.percent for m in metrics])
    # Scale targets a little so KRs with the same metric differ.
    stretch = rng.uniform(0.9, 1.15, size=n)
    is_count = ~percent & (kind != "binary")
    target = np.where(is_count & (target > 1), np.round(target * stretch), target)
    start = np.where(
        is_count & (start > 1), np.round(start * rng.uniform(0.95, 1.05, size=n)), start
    )

    done = finished.to_numpy()[owner_of]
    performance = krs["performance"].to_numpy()
    elapsed = np.where(done, 1.0, krs["elapsed"].to_numpy())
    progress = np.clip(performance * elapsed + rng.normal(0, 0.12, size=n), -0.1, 1.3)
    linear = start + progress * (target - start)
    current = np.where(
        percent,
        np.round(linear, 3),
        np.where(np.abs(target) < 10, np.round(linear, 1), np.round(linear)),
    )
    # Threshold-style KRs either hold the line or miss it by a little.
    maintained = np.isin(kind, ["at_least", "at_most", "threshold"])
    meets = rng.uniform(size=n) < np.clip(performance + 0.2, 0, 1)
    upward = kind != "at_most"
    margin = rng.uniform(0.002, 0.05, size=n)
    above = np.where(percent, np.minimum(target * (1 + margin / 10), 1.0), target * (1 + margin))
    below = target * (1 - margin)
    held = np.where(meets == upward, above, below)
    held = np.where(percent, np.round(held, 4), np.round(held, 1))
    current = np.where(maintained, held, current)
    binary_done = rng.uniform(size=n) < performance * elapsed
    # Under way: about one KR in twelve has not been measured yet.
    unmeasured = ~done & (rng.uniform(size=n) < 1 / 12)

    text = [
        m.text.format(start=_format_value(s, m.percent), target=_format_value(t, m.percent))
        for m, s, t in zip(metrics, start, target, strict=True)
    ]
    current_cell = np.array(
        [_format_value(c, p) for c, p in zip(current, percent, strict=True)], dtype=object
    )
    current_cell = np.where(
        kind == "binary", np.where(binary_done, "Done", "Not done"), current_cell
    )
    current_cell = np.where(unmeasured, "", current_cell)
    direction = np.where(kind == "threshold", "increase", kind)
    position = pd.Series(owner_of).groupby(owner_of).cumcount().to_numpy() + 1

    realised = np.where(
        kind == "binary",
        binary_done.astype(float),
        np.where(maintained, meets.astype(float), np.clip(progress, 0, 1)),
    )
    # Owners grade in tenths, sometimes a little kinder or harsher than the numbers.
    assessed = np.clip(np.round(realised + rng.choice([-0.1, 0, 0, 0, 0.1], size=n), 1), 0, 1)
    weight = _weights(owner_of, krs["weighted"].to_numpy(), rng)
    confidence = np.clip(np.round(rng.normal(6.5, 1.8, size=n)), 1, 10)
    due = [quarter_bounds(q)[1].isoformat() for q in krs["quarter"]]
    status = np.where(done, "Closed", np.where(realised >= 0.6, "On track", "At risk"))
    return pd.DataFrame(
        {
            "quarter": krs["quarter"],
            "level": krs["level"],
            "unit": krs["unit"],
            "owner": krs["owner"],
            "objective_id": krs["objective_id"],
            "objective": krs["objective"],
            "kr_id": [f"KR{p}" for p in position],
            "key_result": text,
            "parent_objective_id": krs["parent_objective_id"],
            "objective_type": krs["objective_type"],
            "start": np.where(
                np.isin(kind, ["binary", "at_least", "at_most"]),
                "",
                [_format_value(s, p) for s, p in zip(start, percent, strict=True)],
            ),
            "target": np.where(
                kind == "binary",
                "Done",
                [_format_value(t, p) for t, p in zip(target, percent, strict=True)],
            ),
            "current": current_cell,
            "direction": direction,
            "weight": np.where(np.isnan(weight), "", weight.astype(str)),
            "assessed_score": np.where(done, assessed.astype(str), ""),
            "confidence": np.where(done, "", confidence.astype(int).astype(str)),
            "due_date": due,
            "status": status,
            "notes": "",
        }
    )


def _weights(owner_of: np.ndarray, weighted: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Weights in steps of 0.05 that add up to exactly 1 per objective; blank where not weighted."""
    raw = pd.Series(rng.uniform(1, 3, size=len(owner_of)))
    share = (raw / raw.groupby(owner_of).transform("sum") / 0.05).round() * 0.05
    last = ~pd.Series(owner_of).duplicated(keep="last")
    others = share.where(~last, 0.0).groupby(owner_of).transform("sum")
    share = share.mask(last, (1 - others).round(2)).round(2)
    return np.where(weighted & (share > 0), share, np.nan)


def sample_company(seed: int = 7) -> pd.DataFrame:
    """The sample company's OKRs for 2026-Q3 (finished, graded) and 2026-Q4 (under way).

    One row per key result with the sample workbook's columns (canonical names), as text the
    way a spreadsheet shows it.
    """
    rng = np.random.default_rng(seed)
    org = _org(rng)
    frames = []
    for quarter_number, quarter in enumerate(SAMPLE_QUARTERS, start=1):
        base = pd.DataFrame(
            _objective_texts(org),
            columns=["level", "unit", "owner", "objective", "parent_unit", "department"],
        )
        base["quarter"] = quarter
        base["objective_id"] = [f"{quarter[-2:]}-{i:03d}" for i in range(1, len(base) + 1)]
        base = _align(base, rng)
        base["objective_type"] = np.where(
            rng.uniform(size=len(base)) < 0.25, "committed", "aspirational"
        )
        base["performance"] = np.clip(rng.beta(5, 2.6, size=len(base)), 0.05, 1.0)
        base["performance"] = np.where(
            base["objective_type"] == "committed",
            np.clip(base["performance"] + 0.25, 0, 1),
            base["performance"],
        )
        first, last = quarter_bounds(quarter)
        elapsed = ((SAMPLE_AS_OF - first).days + 1) / ((last - first).days + 1)
        base["elapsed"] = min(max(elapsed, 0.0), 1.0)
        base["weighted"] = rng.uniform(size=len(base)) < 0.3
        finished = pd.Series(quarter_number == 1, index=base.index)
        frames.append(_key_results(base, rng, finished))
    return pd.concat(frames, ignore_index=True)


CHECKIN_HEADERS = {
    "objective_id": "Objective ID",
    "kr_id": "KR ID",
    "checkin_date": "Check-in Date",
    "current": "Value",
}


def sample_checkins(company: pd.DataFrame, seed: int = 11) -> pd.DataFrame:
    """Weekly check-ins of the sample's measured key results, up to each one's current value.

    Every KR with a start and a current value is checked in at the end of each week of its
    quarter up to SAMPLE_AS_OF (a few weeks are skipped), on a curve from start to current; the
    last check-in is the current value, so the KR table and its history agree.
    """
    rng = np.random.default_rng(seed)
    start = parse_numbers(company["start"].replace("", np.nan))["value"]
    current = parse_numbers(company["current"].replace("", np.nan))["value"]
    measured = company[start.notna() & current.notna()]
    start, current = start[measured.index].to_numpy(), current[measured.index].to_numpy()
    percent = measured["current"].str.endswith("%").to_numpy()
    # Check-ins fall on the last day of each week of the quarter, up to the export date.
    quarters = measured["quarter"].unique()
    first_day = {q: quarter_bounds(q)[0] for q in quarters}
    week_count = {
        q: min(((min(quarter_bounds(q)[1], SAMPLE_AS_OF) - first_day[q]).days + 1) // 7, 13)
        for q in quarters
    }
    weeks = measured["quarter"].map(week_count).to_numpy()
    kr = np.repeat(np.arange(len(measured)), weeks)
    week = pd.Series(kr).groupby(kr).cumcount().to_numpy() + 1
    firsts = measured["quarter"].map(first_day).to_numpy().astype("datetime64[D]")
    dates = firsts[kr] + (week * 7 - 1).astype("timedelta64[D]")
    shape = rng.uniform(0.6, 1.8, size=len(measured))[kr]
    share = (week / weeks[kr]) ** shape
    value = start[kr] + (current[kr] - start[kr]) * np.clip(
        share + rng.normal(0, 0.04, size=len(kr)) * (week < weeks[kr]), 0, 1.1
    )
    value = np.where(
        percent[kr],
        np.round(value, 3),
        np.where(np.abs(value) < 10, np.round(value, 1), np.round(value)),
    )
    last = week == weeks[kr]
    value = np.where(last, current[kr], value)
    # About one weekly check-in in ten is missed (never the last one).
    kept = last | (rng.uniform(size=len(kr)) > 0.1)
    return pd.DataFrame(
        {
            "objective_id": measured["objective_id"].to_numpy()[kr],
            "kr_id": measured["kr_id"].to_numpy()[kr],
            "checkin_date": pd.Series(dates).dt.strftime("%Y-%m-%d"),
            "current": [_format_value(v, p) for v, p in zip(value, percent[kr], strict=True)],
        }
    )[kept].reset_index(drop=True)


def _align(objectives: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Point each objective at an objective of its parent unit; leave about 5% unaligned."""
    parents = []
    for row in objectives.itertuples():
        candidates = objectives[
            (objectives["unit"] == row.parent_unit) & (objectives["level"] != "individual")
        ]
        if row.level == "individual":
            candidates = objectives[
                (objectives["unit"] == row.unit) & (objectives["level"] == "team")
            ]
        if candidates.empty or (row.level != "company" and rng.uniform() < 0.05):
            parents.append("")
        else:
            parents.append(candidates["objective_id"].iloc[rng.integers(0, len(candidates))])
    return objectives.assign(parent_objective_id=parents)


def scaled_okrs(
    key_results: int = 80_000, objectives: int = 20_000, seed: int = 11
) -> pd.DataFrame:
    """A large synthetic quarter for benchmarks: `objectives` in an alignment tree 5 levels deep."""
    rng = np.random.default_rng(seed)
    tiers = ("company", "department", "team", "team", "individual")
    shares = np.array([0.002, 0.02, 0.08, 0.2, 0.698])
    per_tier = np.maximum(1, np.round(shares / shares.sum() * objectives)).astype(int)
    per_tier[-1] = objectives - per_tier[:-1].sum()
    tier = np.repeat(np.arange(5), per_tier)
    ids = np.array([f"B-{i:06d}" for i in range(objectives)], dtype=object)
    first_of_tier = np.concatenate([[0], np.cumsum(per_tier)[:-1]])
    parent_slot = np.where(
        tier > 0,
        first_of_tier[np.maximum(tier - 1, 0)]
        + rng.integers(0, 1 << 30, size=objectives) % per_tier[np.maximum(tier - 1, 0)],
        -1,
    )
    parent = np.where(parent_slot >= 0, ids[parent_slot.clip(0)], "")
    units = np.array([f"Unit {i:04d}" for i in range(objectives // 4 + 1)], dtype=object)
    owners = np.array([f"Person {i:05d}" for i in range(objectives // 3 + 1)], dtype=object)
    base = pd.DataFrame(
        {
            "quarter": "2026-Q4",
            "level": np.array(tiers)[tier],
            "unit": units[rng.integers(0, len(units), size=objectives)],
            "owner": owners[rng.integers(0, len(owners), size=objectives)],
            "objective_id": ids,
            "objective": [f"Objective {i}: improve area {i % 97}" for i in range(objectives)],
            "parent_objective_id": parent,
            "objective_type": np.where(
                rng.uniform(size=objectives) < 0.25, "committed", "aspirational"
            ),
            "performance": rng.beta(5, 2.6, size=objectives),
            "elapsed": 0.6,
            "weighted": rng.uniform(size=objectives) < 0.3,
            "department": "",
        }
    )
    # Spread exactly `key_results` KRs over the objectives, at least one each.
    counts = 1 + rng.multinomial(key_results - objectives, np.full(objectives, 1 / objectives))
    return _key_results(base, rng, pd.Series(False, index=base.index), counts)


# One deliberate mistake (or assumption) per row; the notes column says which.
_MISTAKES = """\
quarter,level,unit,owner,objective_id,objective,kr_id,key_result,parent_objective_id,objective_type,start,target,current,direction,weight,assessed_score,confidence,due_date,status,notes
2026-Q4,company,Lanternfish Tea Co.,Ada Quillfeather,C-1,Grow revenue profitably,KR1,Reach $520k MRR,,aspirational,410,520,455,,,,7,2026-12-31,,Fine
2026-Q4,company,Lanternfish Tea Co.,Ada Quillfeather,C-1,Grow revenue profitably,KR2,Cut churn to 3.5%,,aspirational,5.2%,3.5%,4.4%,,,,high,2026-12-31,,Fine
2026-Q4,department,Sales,Bao Reedmoor,S-1,Win enterprise gifting,KR1,Sign 12 contracts,C-1,committed,0,12,7,,,,,,,Fine
2026-Q4,department,Sales,Bao Reedmoor,S-1,Win enterprise gifting,KR4,Open 3 new gifting regions,C-1,committed,0,3,abc,,,,,,,Current is not a number
2026-Q4,departmnt,Sales,Bao Reedmoor,S-1,Win enterprise gifting,KR2,Grow pipeline to $2m,C-1,committed,0,2000000,900000,,,,,,,Misspelt level
2026-Q4,department,Sales,Bao Reedmoor,,,KR3,Shorten cycle to 30 days,C-1,committed,45,30,38,,,,,,,Objective and its ID left empty
2026-Q4,department,Sales,Bao Reedmoor,S-1,Win enterprise gifting,KR1,Sign 12 contracts (copy),C-1,committed,0,12,8,,,,,,,Duplicate KR ID
2026-Q4,team,Brand,Cleo Larkspur,B-1,Make Lanternfish a household name,KR1,Reach 40% aided awareness,M-9,aspirational,22%,40%,31%,,0,,,,,Weight 0 and a parent that does not exist
2026-Q4,team,Brand,Cleo Larkspur,B-1,Make Lanternfish a household name,KR2,Publish 8 stories,M-9,aspirational,,8,5,,,,,31/12/2026,,"Start missing, taken as 0"
2026-Q4,team,Growth,Dev Pebbleford,G-1,Turn visitors into subscribers,KR1,Hold conversion at 4%,G-2,aspirational,4%,4%,4.2%,increase,,,,,,Start equals target: a threshold
2026-Q4,team,Growth,Dev Pebbleford,G-2,Cut acquisition cost,KR1,Cut CPA from $50 to $38,G-1,aspirational,50,38,,increase,,,,,,Direction contradicts numbers; no current yet; alignment cycle with G-1
2026-Q4,team,Growth,Dev Pebbleford,G-2,Cut acquisition cost,KR2,Launch referral scheme,G-1,aspirational,,Done,in progress,binary,,,,,,Yes/no KR with a status word
2026-Q4,team,Brand,Dev Pebbleford,G-2,Cut acquisition cost,KR3,Cut CPA on social to $30,G-1,aspirational,45,30,36,,,,,,,"Same objective ID, another unit"
Q5 2026,team,Growth,Dev Pebbleford,G-3,Grow the newsletter,KR1,Reach 20k readers,,aspirational,12000,20000,15000,,,,,,,No such quarter
,,,,,,,,,,,,,,,,,,,
2026-Q4,individual,Growth,Esme Sorrelby,I-1,Ship the new onboarding emails,KR1,Send 5 onboarding emails,G-1,stretchy,0,5,3,,,1.4,,someday,,"Unknown type, score above 1, bad date"
"""


def mistakes() -> pd.DataFrame:
    """A small sheet with one deliberate mistake (or assumption) per row, for demos and tests."""
    return pd.read_csv(io.StringIO(_MISTAKES), dtype=str, keep_default_na=False)


def write_workbook(
    krs: pd.DataFrame,
    path: Path,
    *,
    instructions: bool = True,
    checkins: pd.DataFrame | None = None,
) -> None:
    """Write key results as an .xlsx sheet "OKRs" (sample headers), plus an Instructions sheet
    and a "Check-ins" sheet when given."""
    import xlsxwriter  # writing only; reading uses calamine

    frame = krs.rename(columns=SAMPLE_HEADERS)
    with xlsxwriter.Workbook(
        str(path), {"strings_to_numbers": True, "constant_memory": True}
    ) as book:
        # A fixed creation time makes the file the same bytes every time it is generated.
        book.set_properties({"created": dt.datetime(2026, 11, 20, tzinfo=dt.UTC)})
        if instructions:
            _instructions_sheet(book)
        sheet = book.add_worksheet("OKRs")
        bold = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
        sheet.write_row(0, 0, list(frame.columns), bold)
        sheet.freeze_panes(1, 0)
        percent = book.add_format({"num_format": "0.0%"})
        for r, values in enumerate(frame.itertuples(index=False), start=1):
            for c, value in enumerate(values):
                if isinstance(value, str) and value.endswith("%") and _is_number(value[:-1]):
                    sheet.write_number(r, c, float(value[:-1].replace(",", "")) / 100, percent)
                elif isinstance(value, str) and value:
                    sheet.write(
                        r,
                        c,
                        value.replace(",", "") if _is_number(value.replace(",", "")) else value,
                    )
                elif not isinstance(value, str) and pd.notna(value):
                    sheet.write(r, c, value)
        sheet.set_column(0, len(frame.columns) - 1, 14)
        sheet.set_column(5, 5, 40)
        sheet.set_column(7, 7, 48)
        if checkins is not None:
            _write_table(book, "Check-ins", checkins.rename(columns=CHECKIN_HEADERS), bold, percent)


def _write_table(book, name: str, frame: pd.DataFrame, header, percent) -> None:
    """A sheet with a header row and the frame's text, numbers written as numbers."""
    sheet = book.add_worksheet(name)
    sheet.write_row(0, 0, list(frame.columns), header)
    sheet.freeze_panes(1, 0)
    for r, values in enumerate(frame.itertuples(index=False), start=1):
        for c, value in enumerate(values):
            plain = value.replace(",", "")
            if value.endswith("%") and _is_number(plain[:-1]):
                sheet.write_number(r, c, float(plain[:-1]) / 100, percent)
            elif _is_number(plain):
                sheet.write_number(r, c, float(plain))
            else:
                sheet.write_string(r, c, value)
    sheet.set_column(0, len(frame.columns) - 1, 14)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _instructions_sheet(book) -> None:
    sheet = book.add_worksheet("Instructions")
    title = book.add_format({"bold": True, "font_size": 14})
    lines = [
        (f"{COMPANY} — OKRs", title),
        ("One row per key result. Objectives repeat on each of their key results' rows.", None),
        ("Level: company, department, team or individual.", None),
        ("Aligned To: the Objective ID this objective supports.", None),
        ("Type: committed (expected to reach 1.0) or aspirational (0.7 is success).", None),
        (
            "Direction: increase, decrease, at_least, at_most or binary (blank: from the numbers).",
            None,
        ),
        ("Score: the owner's 0-1 grade at the end of the quarter.", None),
        ("All names and numbers in this workbook are invented.", None),
    ]
    for row, (text, fmt) in enumerate(lines):
        sheet.write(row, 0, text, fmt)
    sheet.set_column(0, 0, 90)


def write_csv(krs: pd.DataFrame, path: Path) -> None:
    """Write key results as a Google-Sheets-style CSV export (displayed values, sample headers)."""
    krs.rename(columns=SAMPLE_HEADERS).to_csv(path, index=False, lineterminator="\r\n")
