"""Mapping files: correcting detection, and writing what was detected as a starting point."""

from __future__ import annotations

import json

import pytest
import yaml
from conftest import write_csv, write_xlsx

from okr_model import load_okrs
from okr_model.cli import main
from okr_model.mapping import ColumnMapping, MappingError, load_mapping, mapping_from_dict
from okr_model.reader import OKRFileError, detected_mapping, read_okr_file

ODD = [
    ["Company OKRs"],
    ["Goal", "KR Text", "Target", "Now", "Notes 2"],
    ["Grow", "MRR", 10, 5, "x"],
]


def test_a_mapping_reads_a_sheet_detection_cannot(tmp_path):
    path = write_csv(tmp_path / "odd.csv", ODD)
    with pytest.raises(OKRFileError, match="no Key Result column"):
        read_okr_file(path)
    mapping = ColumnMapping(columns={"KR Text": "key_result", "now": "current", "Notes 2": None})
    table = load_okrs(path, mapping=mapping)
    kr = table.key_results.iloc[0]
    assert (kr["objective"], kr["key_result"], kr["target"], kr["current"]) == (
        "Grow",
        "MRR",
        10.0,
        5.0,
    )
    assert table.source.sheets[0].unmapped == ("Notes 2",)


def test_a_mapping_can_move_a_column_away_from_what_detection_chose(tmp_path):
    rows = [
        ["Objective", "Key Result", "KR", "Target"],
        ["Grow", "MRR", "Monthly recurring revenue", 10],
    ]
    path = write_csv(tmp_path / "two.csv", rows)
    table = load_okrs(
        path, mapping=ColumnMapping(columns={"KR": "key_result", "Key Result": "kr_id"})
    )
    kr = table.key_results.iloc[0]
    assert (kr["kr_id"], kr["key_result"]) == ("MRR", "Monthly recurring revenue")


def test_a_mapping_picks_sheets_and_header_rows(tmp_path):
    okrs = [["Objective", "Key Result"], ["Grow", "MRR"]]
    titled = [["Team B"], ["Objective", "Key Result"], ["Ship", "App"]]
    path = write_xlsx(tmp_path / "book.xlsx", {"A": okrs, "B": titled, "C": okrs})
    table = load_okrs(path, mapping=ColumnMapping(sheets=("B",), header_rows={"B": 2}))
    assert table.key_results["objective"].tolist() == ["Ship"]
    assert [s.reason for s in table.source.sheets if not s.used] == [
        "not among the mapping's sheets"
    ] * 2
    with pytest.raises(OKRFileError, match="no sheet named 'Z'"):
        read_okr_file(path, mapping=ColumnMapping(sheets=("Z",)))


def test_the_detected_mapping_reads_the_file_the_same_way(tmp_path):
    rows = [
        ["Title"],
        ["Quarter", "Objective", "Key Result", "Target", "Current", "Sponsor"],
        ["Q3 2026", "Grow", "MRR", 10, 5, "x"],
    ]
    path = write_csv(tmp_path / "t.csv", rows)
    detected = detected_mapping(read_okr_file(path).sheets)
    assert detected.header_row == 2
    assert detected.columns["Sponsor"] is None
    again = load_okrs(path, mapping=mapping_from_dict(json.loads(json.dumps(detected.as_dict()))))
    assert again.key_results.drop(columns=[]).equals(load_okrs(path).key_results)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param({"colums": {}}, "unknown settings", id="misspelt-setting"),
        pytest.param({"columns": {"Goal": "objectif"}}, "unknown columns", id="unknown-column"),
        pytest.param({"header_row": 0}, "row number from 1", id="row-zero"),
        pytest.param({"sheets": 3}, "list of sheet names", id="sheets-not-a-list"),
        pytest.param(["objective"], "table of settings", id="not-a-table"),
    ],
)
def test_bad_mappings_are_refused_with_one_sentence(tmp_path, content, message):
    path = tmp_path / "m.json"
    path.write_text(json.dumps(content), encoding="utf-8")
    with pytest.raises(MappingError, match=message):
        load_mapping(path)


def test_mapping_files_may_be_yaml_and_broken_ones_are_explained(tmp_path):
    good = tmp_path / "m.yaml"
    good.write_text(
        "header_row: 2\ncolumns:\n  KR Text: key_result\n  Now: current\n", encoding="utf-8"
    )
    assert load_mapping(good).columns == {"KR Text": "key_result", "Now": "current"}
    broken = tmp_path / "broken.yaml"
    broken.write_text("columns: [unclosed\n", encoding="utf-8")
    with pytest.raises(MappingError, match="is not valid YAML"):
        load_mapping(broken)


def test_cli_writes_the_detected_mapping_even_for_a_file_it_cannot_read(tmp_path, capsys):
    path = write_csv(tmp_path / "odd.csv", ODD)
    written = tmp_path / "mapping.yaml"
    assert main(["check", str(path), "--write-mapping", str(written)]) == 2
    mapping = yaml.safe_load(written.read_text(encoding="utf-8"))
    assert mapping == {
        "header_row": 2,
        "columns": {
            "Goal": "objective",
            "Target": "target",
            "KR Text": None,
            "Now": None,
            "Notes 2": None,
        },
    }
    mapping["columns"].update({"KR Text": "key_result", "Now": "current"})
    written.write_text(yaml.safe_dump(mapping), encoding="utf-8")
    capsys.readouterr()
    assert main(["score", str(path), "--mapping", str(written), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["key_results"][0]["current"] == 5.0
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    assert main(["check", str(path), "--mapping", str(bad)]) == 2
    assert "is not valid JSON" in capsys.readouterr().err
