"""Value parsers: numbers, quarters, levels, directions, yes/no words, confidence, dates."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest

from okr_model.values import (
    DIRECTION_WORDS,
    LEVEL_WORDS,
    OBJECTIVE_TYPE_WORDS,
    as_text,
    binary_done,
    lookup_words,
    parse_confidence,
    parse_dates,
    parse_numbers,
    parse_quarters,
    quarter_bounds,
)


@pytest.mark.parametrize(
    ("cell", "value", "percent"),
    [
        pytest.param(12.0, 12.0, False, id="number"),
        pytest.param("12", 12.0, False, id="number-as-text"),
        pytest.param("70%", 0.7, True, id="percent"),
        pytest.param("12,5 %", 0.125, True, id="percent-decimal-comma"),
        pytest.param("60 percent", 0.6, True, id="percent-word"),
        pytest.param("1,234.5", 1234.5, False, id="thousands-comma"),
        pytest.param("1.234,5", 1234.5, False, id="thousands-dot-decimal-comma"),
        pytest.param("1.234.567", 1234567.0, False, id="dot-thousands"),
        pytest.param("12,345,678", 12345678.0, False, id="comma-thousands"),
        pytest.param("0,7", 0.7, False, id="decimal-comma"),
        pytest.param("5 000", 5000.0, False, id="space-thousands"),
        pytest.param("$1,000", 1000.0, False, id="dollars"),
        pytest.param("1.500.000 ₫", 1500000.0, False, id="dong"),
        pytest.param("(12)", -12.0, False, id="accounting-negative"),
        pytest.param("R$ 1.234,50", 1234.5, False, id="reais"),
        pytest.param("−3", -3.0, False, id="unicode-minus"),
        pytest.param(" 7 ", 7.0, False, id="padded"),
    ],
)
def test_parse_numbers_reads_what_people_type(cell, value, percent):
    parsed = parse_numbers(pd.Series([cell], dtype=object)).iloc[0]
    assert parsed["value"] == pytest.approx(value)
    assert parsed["percent"] == percent
    assert not parsed["failed"]


@pytest.mark.parametrize("cell", ["abc", "12 apples", "1,2,3", "--"])
def test_parse_numbers_flags_text_that_is_not_a_number(cell):
    parsed = parse_numbers(pd.Series([cell], dtype=object)).iloc[0]
    assert parsed["failed"]
    assert math.isnan(parsed["value"])


def test_parse_numbers_reads_yes_no_words_only_when_asked():
    cells = pd.Series(["yes", "Done", "no", "không"], dtype=object)
    assert parse_numbers(cells, booleans=True)["value"].tolist() == [1.0, 1.0, 0.0, 0.0]
    assert parse_numbers(cells)["failed"].all()


def test_parse_numbers_leaves_blanks_blank_not_failed():
    parsed = parse_numbers(pd.Series([None, float("nan")], dtype=object))
    assert parsed["value"].isna().all()
    assert not parsed["failed"].any()


@pytest.mark.parametrize(
    ("cell", "quarter"),
    [
        pytest.param("2026-Q3", "2026-Q3", id="canonical"),
        pytest.param("Q3 2026", "2026-Q3", id="q-first"),
        pytest.param("2026Q3", "2026-Q3", id="compact"),
        pytest.param("Q3/2026", "2026-Q3", id="slash"),
        pytest.param("q3-2026", "2026-Q3", id="dash-lowercase"),
        pytest.param("Q4 '26", "2026-Q4", id="two-digit-year"),
        pytest.param("Quý 3/2026", "2026-Q3", id="vietnamese"),
        pytest.param("Quý III/2026", "2026-Q3", id="vietnamese-roman"),
        pytest.param("quý IV năm 2026", "2026-Q4", id="vietnamese-words"),
        pytest.param(dt.date(2026, 8, 15), "2026-Q3", id="a-date-in-the-quarter"),
        pytest.param("T3 2026", "2026-Q3", id="pt-trimestre-letter"),
        pytest.param("3º trimestre 2026", "2026-Q3", id="pt-ordinal"),
        pytest.param("3er trimestre de 2026", "2026-Q3", id="es-ordinal"),
    ],
)
def test_parse_quarters_normalises_to_year_dash_q(cell, quarter):
    assert parse_quarters(pd.Series([cell], dtype=object)).iloc[0] == quarter


def test_parse_quarters_keeps_what_it_cannot_read_for_the_error_message():
    assert parse_quarters(pd.Series(["H1 2026", "Q5 2026"], dtype=object)).tolist() == [
        "H1 2026",
        "Q5 2026",
    ]


def test_quarter_bounds():
    assert quarter_bounds("2026-Q4") == (dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    assert quarter_bounds("2027-Q1") == (dt.date(2027, 1, 1), dt.date(2027, 3, 31))


@pytest.mark.parametrize(
    ("vocabulary", "cells", "expected"),
    [
        pytest.param(
            LEVEL_WORDS,
            [
                "Company",
                "Organisation",
                "Corporate",
                "Division",
                "Dept",
                "Squad",
                "Personal",
                "Employee",
            ],
            [
                "company",
                "company",
                "company",
                "department",
                "department",
                "team",
                "individual",
                "individual",
            ],
            id="level-synonyms",
        ),
        pytest.param(
            LEVEL_WORDS,
            ["Công ty", "Phòng ban", "Bộ phận", "Nhóm", "Đội", "Cá nhân"],
            ["company", "department", "department", "team", "team", "individual"],
            id="level-vietnamese",
        ),
        pytest.param(
            DIRECTION_WORDS,
            [
                "Higher is better",
                "lower_is_better",
                ">=",
                "≤",
                "tăng",
                "Giảm",
                "maior_melhor",
                "Yes/No",
            ],
            [
                "increase",
                "decrease",
                "at_least",
                "at_most",
                "increase",
                "decrease",
                "increase",
                "binary",
            ],
            id="direction-synonyms",
        ),
        pytest.param(
            OBJECTIVE_TYPE_WORDS,
            ["Committed", "stretch", "Aspirational", "Cam kết"],
            ["committed", "aspirational", "aspirational", "committed"],
            id="objective-types",
        ),
        pytest.param(
            LEVEL_WORDS,
            ["Empresa", "Departamento", "Equipe", "Equipo", "Colaborador"],
            ["company", "department", "team", "team", "individual"],
            id="level-portuguese-spanish",
        ),
        pytest.param(
            DIRECTION_WORDS,
            ["Maior é melhor", "menor_melhor", "Mayor es mejor", "Al menos", "Máximo"],
            ["increase", "decrease", "increase", "at_least", "at_most"],
            id="direction-portuguese-spanish",
        ),
    ],
)
def test_lookup_words_maps_synonyms_case_and_accent_insensitively(vocabulary, cells, expected):
    assert lookup_words(pd.Series(cells, dtype=object), vocabulary).tolist() == expected


def test_lookup_words_keeps_unknown_words_as_written():
    assert lookup_words(pd.Series([" Departmnt "], dtype=object), LEVEL_WORDS).tolist() == [
        "Departmnt"
    ]


def test_as_text_reads_ids_written_as_numbers_without_a_decimal_point():
    cells = pd.Series([101.0, "  A-7 ", None, 2.5, dt.datetime(2026, 9, 30)], dtype=object)
    text = as_text(cells)
    assert str(text.dtype) == "str"
    assert text.tolist()[:2] == ["101", "A-7"]
    assert pd.isna(text.iloc[2])
    assert text.tolist()[3:] == ["2.5", "2026-09-30"]


def test_binary_done_leaves_blanks_as_no_data():
    assert binary_done(pd.Series(["done", None], dtype=object)).tolist()[0] == 1.0
    assert math.isnan(binary_done(pd.Series(["done", None], dtype=object)).iloc[1])


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        pytest.param([0.2, 0.9], [0.2, 0.9], id="fractions"),
        pytest.param([7, 10], [0.7, 1.0], id="one-to-ten"),
        pytest.param([70, 100], [0.7, 1.0], id="percent-scale"),
        pytest.param(["low", "Medium", "HIGH"], [0.25, 0.5, 0.75], id="words"),
    ],
)
def test_parse_confidence_lands_on_zero_to_one(cells, expected):
    assert parse_confidence(pd.Series(cells, dtype=object)).tolist() == pytest.approx(expected)


def test_parse_dates_reads_iso_day_first_and_date_cells():
    cells = pd.Series(
        ["2026-09-30", "30/09/2026", dt.datetime(2026, 9, 30), "someday", None], dtype=object
    )
    dates = parse_dates(cells)
    assert dates.iloc[:3].tolist() == [pd.Timestamp("2026-09-30")] * 3
    assert dates.iloc[3:].isna().all()


@pytest.mark.parametrize("cell", ["inf", "Infinity", "NaN", "1e999", float("inf")])
def test_parse_numbers_refuses_infinities_and_nan_text(cell):
    assert parse_numbers(pd.Series([cell], dtype=object)).iloc[0]["failed"]


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        pytest.param("(5%)", -0.05, id="negative-percent"),
        pytest.param("500.000 ₫", 500_000.0, id="dong-dot-groups"),
        pytest.param("500.000 VND", 500_000.0, id="vnd-dot-groups"),
        pytest.param("1.5", 1.5, id="dot-decimal-without-currency"),
    ],
)
def test_parse_numbers_signs_and_currencies(cell, value):
    assert parse_numbers(pd.Series([cell], dtype=object)).iloc[0]["value"] == pytest.approx(value)


@pytest.mark.parametrize(
    ("cell", "date"),
    [
        pytest.param(dt.datetime(9999, 12, 31), "9999-12-31", id="no-deadline-date-cell"),
        pytest.param("31/12/9999", "9999-12-31", id="no-deadline-text"),
        pytest.param(46295.0, "2026-09-30", id="excel-serial-number"),
        pytest.param("1/10", None, id="day-and-month-only"),
        pytest.param(dt.time(10, 30), None, id="time-alone"),
        pytest.param(-3.0, None, id="implausible-number"),
    ],
)
def test_parse_dates_edge_cases(cell, date):
    parsed = parse_dates(pd.Series([cell], dtype=object)).iloc[0]
    assert (None if pd.isna(parsed) else parsed.date().isoformat()) == date
