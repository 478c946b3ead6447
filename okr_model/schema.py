"""pandera schemas: the contract of the canonical OKR table, and how raw cells are parsed into it.

`PARSE_KEY_RESULT_ROWS` parses and checks raw cells (the reader's output) row by row;
`KEY_RESULT_ROWS` is the same contract without parsers, for frames already typed.
`FAILURE_CODES` names the issue each failed check becomes (see `issues.CATALOGUE`).
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from okr_model.values import (
    DIRECTION_WORDS,
    DIRECTIONS,
    LEVEL_WORDS,
    LEVELS,
    OBJECTIVE_TYPE_WORDS,
    OBJECTIVE_TYPES,
    UNSPECIFIED_QUARTER,
    as_text,
    lookup_words,
    parse_confidence,
    parse_numbers,
    parse_quarters,
)

QUARTER_PATTERN = rf"\d{{4}}-Q[1-4]|{UNSPECIFIED_QUARTER}"

# (canonical column, what failed) -> issue code. "null": a required cell is empty;
# "coerce": a cell could not be read as the column's type; "check": the column's value check.
FAILURE_CODES: dict[tuple[str, str], str] = {
    ("quarter", "null"): "missing_quarter",
    ("objective", "null"): "missing_objective",
    ("key_result", "null"): "missing_key_result",
    ("quarter", "check"): "unknown_quarter",
    ("level", "check"): "unknown_level",
    ("direction", "check"): "unknown_direction",
    ("objective_type", "check"): "unknown_objective_type",
    ("start", "coerce"): "not_a_number",
    ("target", "coerce"): "not_a_number",
    ("current", "coerce"): "not_a_number",
    ("progress", "coerce"): "not_a_number",
    ("weight", "coerce"): "not_a_number",
    ("weight", "check"): "weight_not_positive",
    ("assessed_score", "coerce"): "not_a_number",
    ("assessed_score", "check"): "score_out_of_range",
    ("confidence", "coerce"): "bad_confidence",
    ("confidence", "check"): "confidence_out_of_range",
}


def _words(vocabulary: dict[str, str]) -> pa.Parser:
    return pa.Parser(lambda s: lookup_words(s, vocabulary))


def _number_or_cell(values: pd.Series, *, booleans: bool = False) -> pd.Series:
    """Parsed numbers, leaving cells that are not numbers as they were so coercion quotes them."""
    parsed = parse_numbers(values, booleans=booleans)
    return _keep_failures(parsed["value"], parsed["failed"])


def _confidence_or_cell(values: pd.Series) -> pd.Series:
    confidence = parse_confidence(values)
    return _keep_failures(confidence, confidence.isna() & values.notna())


# What a cell that failed to parse becomes, so that coercion fails on it and pandera reports
# the cell; the issue then quotes the cell as the sheet has it (text like "NaN" would coerce).
_UNPARSED = "<not parsed>"


def _keep_failures(parsed: pd.Series, failed: pd.Series) -> pd.Series:
    if not failed.any():
        return parsed
    return parsed.astype(object).mask(failed, _UNPARSED)


def _text(required: bool = False, parse: bool = True, **kwargs) -> pa.Column:
    return pa.Column(
        "str", nullable=not required, parsers=pa.Parser(as_text) if parse else None, **kwargs
    )


def _columns(parse: bool) -> dict[str, pa.Column]:
    """The canonical columns; with `parse`, each parses raw cells first.

    Progress and assessed score arrive already on a 0-1 scale (see `validation.fraction_columns`,
    which needs each sheet's header to tell 0-100 from 0-1).
    """

    def number(parser=None, checks=None) -> pa.Column:
        return pa.Column(
            "float64", nullable=True, coerce=True, parsers=parser if parse else None, checks=checks
        )

    def words(vocabulary: dict[str, str], allowed: tuple[str, ...]) -> pa.Column:
        return pa.Column(
            "str",
            nullable=True,
            parsers=_words(vocabulary) if parse else None,
            checks=pa.Check.isin(allowed),
        )

    return {
        "quarter": pa.Column(
            "str",
            nullable=False,
            parsers=pa.Parser(parse_quarters) if parse else None,
            checks=pa.Check.str_matches(QUARTER_PATTERN),
        ),
        "level": words(LEVEL_WORDS, LEVELS),
        "unit": _text(parse=parse),
        "owner": _text(parse=parse),
        "objective_id": _text(parse=parse),
        "objective": _text(required=True, parse=parse),
        "kr_id": _text(parse=parse),
        "key_result": _text(required=True, parse=parse),
        "parent_objective_id": _text(parse=parse),
        "start": number(pa.Parser(lambda s: _number_or_cell(s, booleans=True))),
        "target": number(pa.Parser(lambda s: _number_or_cell(s, booleans=True))),
        "current": number(pa.Parser(lambda s: _number_or_cell(s, booleans=True))),
        "progress": number(pa.Parser(_number_or_cell)),
        "direction": words(DIRECTION_WORDS, DIRECTIONS),
        "weight": number(pa.Parser(_number_or_cell), pa.Check.gt(0)),
        "assessed_score": number(pa.Parser(_number_or_cell), pa.Check.in_range(0, 1)),
        "confidence": number(pa.Parser(_confidence_or_cell), pa.Check.in_range(0, 1)),
        "objective_type": words(OBJECTIVE_TYPE_WORDS, OBJECTIVE_TYPES),
        # Parsed before validation (see validation.parse_date_columns): pandera cannot point at the
        # cells of a date column it fails to coerce, and it would coerce to nanoseconds, which
        # end in 2262 (9999-12-31 is a common "no deadline").
        "due_date": pa.Column("datetime64[us]", nullable=True),
        "checkin_date": pa.Column("datetime64[us]", nullable=True),
        "status": _text(parse=parse),
        "notes": _text(parse=parse),
    }


# Parse and check raw cells into the canonical table, one key result per row.
PARSE_KEY_RESULT_ROWS = pa.DataFrameSchema(
    _columns(parse=True), strict=False, name="key result rows"
)
# The same contract for frames already typed.
KEY_RESULT_ROWS = pa.DataFrameSchema(_columns(parse=False), strict=False, name="key result rows")


def failure_kind(check: str) -> str:
    """Classify a pandera failure: "null", "coerce", "dtype" (a duplicate of coerce) or "check"."""
    if check == "not_nullable":
        return "null"
    if check.startswith("coerce_dtype"):
        return "coerce"
    if check.startswith("dtype("):
        return "dtype"
    return "check"
