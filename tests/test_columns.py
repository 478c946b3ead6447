"""The alias table: headers in English and Vietnamese map to canonical columns."""

from __future__ import annotations

import pytest

from okr_model.columns import (
    ALIAS_INDEX,
    CANONICAL_COLUMNS,
    REQUIRED_COLUMNS,
    canonical_name,
    fuzzy_match,
    header_says_percent,
    normalise_header,
)


@pytest.mark.parametrize(
    ("header", "canonical"),
    [
        pytest.param("Objective", "objective", id="plain"),
        pytest.param("  KEY   RESULT ", "key_result", id="case-and-spacing"),
        pytest.param("Key_Result", "key_result", id="snake-case"),
        pytest.param("Progress (%)", "progress", id="percent-in-header"),
        pytest.param("KR #", "kr_id", id="kr-number"),
        pytest.param("Department / Team", "unit", id="department-team"),
        pytest.param("Aligned To", "parent_objective_id", id="alignment"),
        pytest.param("Mục tiêu", "objective", id="vi-objective"),
        pytest.param("Kết quả then chốt", "key_result", id="vi-key-result"),
        pytest.param("Quý", "quarter", id="vi-quarter"),
        pytest.param("Người phụ trách", "owner", id="vi-owner"),
        pytest.param("Trọng số", "weight", id="vi-weight"),
        pytest.param("% hoàn thành", "progress", id="vi-progress"),
        pytest.param("Chỉ tiêu", "target", id="vi-target"),
        pytest.param("Ban đầu", "start", id="vi-start"),
        pytest.param("Thực tế", "current", id="vi-current"),
        pytest.param("Phòng ban", "unit", id="vi-department"),
        pytest.param("MUC TIEU", "objective", id="vi-without-accents"),
        pytest.param("Resultado-chave", "key_result", id="pt-key-result"),
        pytest.param("Resultado clave", "key_result", id="es-key-result"),
        pytest.param("Responsável", "owner", id="pt-owner"),
        pytest.param("Meta", "target", id="pt-es-target"),
        pytest.param("Valor actual", "current", id="es-current"),
        pytest.param("% Concluído", "progress", id="pt-progress"),
        pytest.param("Ponderación", "weight", id="es-weight"),
    ],
)
def test_headers_map_to_canonical_columns(header, canonical):
    assert canonical_name(header) == canonical


@pytest.mark.parametrize("header", ["Comments 2", "Random", "", "Owner's manager"])
def test_unknown_headers_map_to_nothing(header):
    assert canonical_name(header) is None


def test_every_alias_names_exactly_one_column():
    seen = {}
    for column in CANONICAL_COLUMNS:
        for alias in (column.name.replace("_", " "), *column.aliases):
            key = normalise_header(alias)
            assert seen.setdefault(key, column.name) == column.name, alias
    assert {name for name, _ in ALIAS_INDEX.values()} == {c.name for c in CANONICAL_COLUMNS}


def test_only_objective_and_key_result_are_required():
    assert REQUIRED_COLUMNS == ("objective", "key_result")


@pytest.mark.parametrize(
    ("header", "percent"), [("Progress %", True), ("% hoàn thành", True), ("Progress", False)]
)
def test_header_says_percent(header, percent):
    assert header_says_percent(header) is percent


@pytest.mark.parametrize(
    ("header", "canonical"),
    [
        pytest.param("Key Resutl", "key_result", id="transposed-letters"),
        pytest.param("Objectve", "objective", id="missing-letter"),
        pytest.param("Targett", "target", id="doubled-letter"),
        pytest.param("Responsibel", "owner", id="misspelt-alias"),
    ],
)
def test_misspelt_headers_match_the_column_they_nearly_name(header, canonical):
    assert fuzzy_match(header) == canonical


@pytest.mark.parametrize("header", ["Sponsor", "Budget", "Risk", "Qty", "Notes from the board"])
def test_fuzzy_matching_refuses_headers_that_are_not_near_any_column(header):
    assert fuzzy_match(header) is None
