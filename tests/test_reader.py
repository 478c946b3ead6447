"""Reading files: formats, encodings, header rows, sheets, and one clear sentence for bad files."""

from __future__ import annotations

import zipfile

import pytest
import xlsxwriter
from conftest import write_csv, write_xlsx

from okr_model import OKRFileError, load_okrs, read_okr_file

ROWS = [
    ["Objective", "Key Result", "Target", "Current"],
    ["Grow revenue", "MRR", 100, 40],
    ["Grow revenue", "NPS", 50, 45],
]


def test_empty_rows_after_the_table_are_padding_not_rows(tmp_path):
    padded = write_csv(tmp_path / "padded.csv", [*ROWS, *[["", "", "", ""]] * 997])
    assert load_okrs(padded).reconciliation.rows_read == 2


def test_header_below_title_rows_is_found_and_rows_keep_their_excel_numbers(tmp_path):
    path = write_xlsx(
        tmp_path / "titled.xlsx",
        {
            "Q3": [
                ["Lanternfish OKRs"],
                ["Prepared by the strategy team"],
                [],
                *ROWS[:1],
                ["Grow", "MRR", 100, "abc"],
            ]
        },
    )
    source = read_okr_file(path)
    assert source.sheets[0].header_row == 4
    assert source.cells["source_row"].tolist() == [5]
    issue = load_okrs(path).issues.iloc[0]
    assert (issue["sheet"], issue["row"], issue["column"], issue["value"]) == (
        "Q3",
        5,
        "Current",
        "abc",
    )


def test_sheets_without_an_okr_table_are_skipped_with_a_reason(tmp_path):
    path = write_xlsx(
        tmp_path / "book.xlsx",
        {"Instructions": [["How to fill this in"], ["One row per KR"]], "OKRs": ROWS},
    )
    source = read_okr_file(path)
    skipped, used = source.sheets
    assert (skipped.sheet, skipped.used, used.sheet, used.used) == (
        "Instructions",
        False,
        "OKRs",
        True,
    )
    assert "no header row" in skipped.reason
    assert len(source.cells) == 2


def test_table_without_objective_column_is_refused_naming_the_missing_column(tmp_path):
    path = write_xlsx(
        tmp_path / "bare.xlsx", {"KRs": [["Key Result", "Target", "Current"], ["MRR", 100, 40]]}
    )
    with pytest.raises(OKRFileError, match="no Objective column"):
        read_okr_file(path)


def test_unmapped_columns_are_reported_not_dropped_silently(tmp_path):
    path = write_xlsx(
        tmp_path / "extra.xlsx", {"OKRs": [[*ROWS[0], "Sponsor"], [*ROWS[1], "Board"]]}
    )
    sheet = read_okr_file(path).sheets[0]
    assert sheet.unmapped == ("Sponsor",)
    assert sheet.columns == {
        "Objective": "objective",
        "Key Result": "key_result",
        "Target": "target",
        "Current": "current",
    }


def test_ids_written_as_numbers_are_read_as_text(tmp_path):
    path = write_xlsx(
        tmp_path / "ids.xlsx",
        {"OKRs": [["Objective ID", "Objective", "KR ID", "Key Result"], [101, "Grow", 1, "MRR"]]},
    )
    kr = load_okrs(path).key_results.iloc[0]
    assert (kr["objective_id"], kr["kr_id"]) == ("101", "1")


def test_whitespace_only_and_empty_rows_between_data_count_as_blank(tmp_path):
    rows = [ROWS[0], ROWS[1], ["  ", " ", "", ""], ["", "", "", ""], ROWS[2]]
    reconciliation = load_okrs(write_csv(tmp_path / "spaces.csv", rows)).reconciliation
    assert reconciliation.as_dict() == {
        "rows_read": 4,
        "rows_scored": 2,
        "rows_rejected": 0,
        "rows_blank": 2,
        "rows_objectives": 0,
        "rows_not_okrs": 0,
        "rows_checkins": 0,
    }


@pytest.mark.parametrize(
    ("delimiter", "encoding"),
    [
        pytest.param(",", "utf-8", id="comma-utf8"),
        pytest.param(";", "utf-8-sig", id="semicolon-with-bom"),
        pytest.param("\t", "utf-16", id="tab-utf16-excel-unicode-text"),
        pytest.param(",", "cp1252", id="windows-1252"),
    ],
)
def test_csv_delimiters_and_encodings(tmp_path, delimiter, encoding):
    rows = [ROWS[0], ["Café growth", "Décor sales", 100, 40]]
    path = write_csv(tmp_path / "okrs.csv", rows, delimiter=delimiter, encoding=encoding)
    kr = load_okrs(path).key_results.iloc[0]
    assert (kr["objective"], kr["key_result"], kr["target"]) == (
        "Café growth",
        "Décor sales",
        100.0,
    )


def test_vietnamese_headers_and_values(tmp_path):
    rows = [
        [
            "Quý",
            "Cấp",
            "Phòng ban",
            "Người phụ trách",
            "Mục tiêu",
            "Kết quả then chốt",
            "Ban đầu",
            "Chỉ tiêu",
            "Thực tế",
            "Chiều",
        ],
        [
            "Quý III/2026",
            "Phòng ban",
            "Kinh doanh",
            "Chi Lanternby",
            "Tăng doanh thu",
            "Doanh thu tháng",
            "1.000",
            "2.000",
            "1.500",
            "Tăng",
        ],
    ]
    kr = load_okrs(write_csv(tmp_path / "vi.csv", rows)).key_results.iloc[0]
    assert (kr["quarter"], kr["level"], kr["direction"]) == ("2026-Q3", "department", "increase")
    assert (kr["start"], kr["target"], kr["current"]) == (1.0, 2.0, 1.5)


def test_bytes_are_read_with_the_name_given(tmp_path):
    data = write_xlsx(tmp_path / "x.xlsx", {"OKRs": ROWS}).read_bytes()
    source = read_okr_file(data, name="upload.xlsx")
    assert source.cells["source_file"].unique().tolist() == ["upload.xlsx"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        pytest.param("empty.xlsx", b"", "is empty", id="empty"),
        pytest.param("blank.csv", b"\n\n  \n", "is empty", id="only-whitespace"),
        pytest.param("report.pdf", b"%PDF-1.7 ...", "not a spreadsheet", id="wrong-suffix"),
        pytest.param(
            "renamed.xlsx", b"\x00\x01garbage" * 100, "not a readable workbook", id="renamed-binary"
        ),
        pytest.param("binary.csv", b"\x00\x01\x02\x03" * 100, "binary file", id="binary-as-csv"),
        pytest.param(
            "notes.csv", b"just some notes\nnothing tabular\n", "no OKR table", id="not-okrs"
        ),
    ],
)
def test_unreadable_files_raise_one_clear_sentence(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(OKRFileError, match=message) as raised:
        read_okr_file(path)
    assert "\n" not in str(raised.value)


def test_corrupted_workbook_is_reported_as_damaged(tmp_path):
    good = write_xlsx(tmp_path / "good.xlsx", {"OKRs": ROWS})
    damaged = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            if "sheet1" not in item.filename:
                target.writestr(item, source.read(item))
    with pytest.raises(OKRFileError, match=r"damaged|cannot be read"):
        read_okr_file(damaged)


def test_missing_file_and_folder_are_explained(tmp_path):
    with pytest.raises(OKRFileError, match="does not exist"):
        read_okr_file(tmp_path / "nope.xlsx")
    with pytest.raises(OKRFileError, match="is a folder"):
        read_okr_file(tmp_path)


def test_hidden_sheets_are_skipped_and_said_so(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "OKRs"
    for row in ROWS:
        book.active.append(row)
    hidden = book.create_sheet("Old copy")
    for row in ROWS:
        hidden.append(row)
    hidden.sheet_state = "hidden"
    book.save(tmp_path / "hidden.xlsx")
    source = read_okr_file(tmp_path / "hidden.xlsx")
    assert [(s.sheet, s.used, s.reason) for s in source.sheets] == [
        ("OKRs", True, ""),
        ("Old copy", False, "the sheet is hidden"),
    ]
    assert len(source.cells) == 2


def test_merged_cells_give_their_value_to_every_row_they_span(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Level", "Owner", "Objective", "Key Result", "Target", "Current"])
    sheet.append(["team", "Bao", "Grow revenue", "MRR", 100, 50])
    sheet.append([None, None, None, "NPS", 100, 100])
    for column in "ABC":
        sheet.merge_cells(f"{column}2:{column}3")
    book.save(tmp_path / "merged.xlsx")
    table = load_okrs(tmp_path / "merged.xlsx")
    assert len(table.objectives) == 1
    assert table.key_results["owner"].tolist() == ["Bao", "Bao"]
    assert not table.issues["severity"].eq("error").any()


def test_csv_with_title_lines_and_ragged_rows_is_read(tmp_path):
    text = (
        "Company OKRs Q3 2026\n"
        "\n"
        "Objective,Key Result,Target,Current\n"
        "Grow,MRR,100,40\n"
        "Grow,NPS,50,45,an extra cell\n"
    )
    path = tmp_path / "titled.csv"
    path.write_text(text, encoding="utf-8")
    source = read_okr_file(path)
    assert source.sheets[0].header_row == 3
    assert source.cells["source_row"].tolist() == [4, 5]
    assert load_okrs(path).reconciliation.rows_scored == 2


def test_two_headers_meaning_one_column_prefer_the_specific_one_and_warn(tmp_path):
    path = write_xlsx(
        tmp_path / "dup.xlsx",
        {
            "OKRs": [
                ["KR", "Objective", "Key Result", "Target", "Current"],
                ["KR1", "Grow", "MRR", 10, 5],
            ]
        },
    )
    table = load_okrs(path)
    assert table.key_results["key_result"].tolist() == ["MRR"]
    issue = table.issues.set_index("code").loc["duplicate_column"]
    assert (issue["row"], issue["column"], issue["severity"]) == (1, "KR", "warning")
    assert "'Key Result' is used" in issue["message"]


def test_a_sheet_that_looks_like_okrs_but_lacks_a_column_is_an_error_not_silence(tmp_path):
    path = write_xlsx(
        tmp_path / "partial.xlsx",
        {
            "OKRs": ROWS,
            "Team B": [["Objective", "Deliverable", "Target"], ["Ship", "Launch", 1]],
        },
    )
    table = load_okrs(path)
    issue = table.issues.set_index("code").loc["sheet_missing_column"]
    assert (issue["sheet"], issue["row"], issue["severity"]) == ("Team B", 1, "error")
    assert "no Key Result column" in issue["message"]
    assert table.reconciliation.balanced


def test_files_with_the_same_name_stay_apart(tmp_path):
    from okr_model import build_table, combine_sources

    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    bad = [ROWS[0], ["Grow", "MRR", "abc", 1]]
    sources = [read_okr_file(write_csv(tmp_path / d / "okrs.csv", bad)) for d in ("a", "b")]
    table = build_table(combine_sources(sources))
    assert table.issues["file"].tolist() == ["okrs.csv", "okrs.csv (2)"]
    assert table.reconciliation.as_dict() == {
        "rows_read": 2,
        "rows_scored": 0,
        "rows_rejected": 2,
        "rows_blank": 0,
        "rows_objectives": 0,
        "rows_not_okrs": 0,
        "rows_checkins": 0,
    }


def test_a_sheet_whose_used_range_is_enormous_is_refused_without_loading_it(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Objective", "Key Result"])
    sheet.append(["Grow", "MRR"])
    sheet["XFD1048576"] = "stray"  # 17 billion cells if loaded as a grid
    book.save(tmp_path / "far.xlsx")
    with pytest.raises(OKRFileError, match="1,048,576 rows by 16,384 columns"):
        read_okr_file(tmp_path / "far.xlsx")


def test_zip_bombs_are_refused_from_the_archive_directory(tmp_path, monkeypatch):
    from okr_model import reader

    path = write_xlsx(tmp_path / "ok.xlsx", {"OKRs": ROWS})
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", b"\0" * 2_000_000)
    monkeypatch.setattr(reader, "MAX_UNPACKED_BYTES", 1_000_000)
    with pytest.raises(OKRFileError, match="unpacks to"):
        read_okr_file(path)


def test_xml_entity_bombs_are_not_expanded(tmp_path):
    path = write_xlsx(tmp_path / "base.xlsx", {"OKRs": ROWS})
    entities = "".join(f'<!ENTITY a{i} "{f"&a{i - 1};" * 10 if i else "lol"}">' for i in range(10))
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(bomb, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode().replace(
                    "<worksheet", f"<!DOCTYPE w [{entities}]><worksheet", 1
                )
                data = text.replace(">Grow revenue<", ">&a9;<", 1).encode()
            target.writestr(item, data)
    with pytest.raises(OKRFileError):
        read_okr_file(bomb)


def test_files_larger_than_the_limit_are_refused_before_parsing(tmp_path, monkeypatch):
    from okr_model import reader

    path = write_csv(tmp_path / "big.csv", [*ROWS, *[ROWS[1]] * 200])
    monkeypatch.setattr(reader, "MAX_FILE_BYTES", 1000)
    with pytest.raises(OKRFileError, match="MB, more than the 0 MB this product reads"):
        read_okr_file(path)


def test_portuguese_sheet_is_read_as_written(tmp_path):
    rows = [
        [
            "Trimestre",
            "Nível",
            "Área",
            "Responsável",
            "Objetivo",
            "Resultado-chave",
            "Valor inicial",
            "Meta",
            "Valor atual",
            "Direção",
            "Tipo",
        ],
        [
            "T3 2026",
            "Empresa",
            "",
            "Ana Luz",
            "Crescer receita",
            "Receita mensal",
            "R$ 100,00",
            "R$ 200,00",
            "R$ 150,00",
            "maior_melhor",
            "Comprometido",
        ],
    ]
    table = load_okrs(write_csv(tmp_path / "pt.csv", rows))
    kr = table.key_results.iloc[0]
    assert table.issues.empty
    assert (kr["quarter"], kr["level"], kr["direction"], kr["objective_type"]) == (
        "2026-Q3",
        "company",
        "increase",
        "committed",
    )
    assert (kr["start"], kr["target"], kr["current"]) == (100.0, 200.0, 150.0)


def test_misspelt_headers_are_read_and_reported(tmp_path):
    path = write_csv(
        tmp_path / "typo.csv",
        [["Objectve", "Key Resutl", "Targett", "Curent"], ["Grow", "MRR", 10, 5]],
    )
    table = load_okrs(path)
    sheet = table.source.sheets[0]
    assert sheet.approximate == {
        "Objectve": "objective",
        "Key Resutl": "key_result",
        "Targett": "target",
        "Curent": "current",
    }
    assert (table.issues["code"] == "approximate_header").sum() == 4
    assert table.reconciliation.rows_scored == 1


def test_sheet_names_give_the_quarter_or_unit_a_table_lacks(tmp_path):
    table_rows = [["Objective", "Key Result", "Target", "Current"], ["Grow", "MRR", 10, 5]]
    by_team = write_xlsx(
        tmp_path / "teams.xlsx",
        {"Sales": table_rows, "Marketing": table_rows, "Sheet3": table_rows},
    )
    source = read_okr_file(by_team)
    assert source.cells["unit"].fillna("").tolist() == ["Sales", "Marketing", ""]
    assert source.sheets[0].from_sheet_name == {"unit": "Sales"}
    by_quarter = write_xlsx(
        tmp_path / "quarters.xlsx", {"Q2 2026": table_rows, "Quý III 2026": table_rows}
    )
    assert load_okrs(by_quarter).quarters == ["2026-Q2", "2026-Q3"]


def test_a_single_sheet_name_is_not_taken_as_a_unit(tmp_path):
    path = write_xlsx(
        tmp_path / "one.xlsx", {"Sales OKRs": [["Objective", "Key Result"], ["Grow", "MRR"]]}
    )
    assert read_okr_file(path).cells["unit"].isna().all()


def test_a_csv_with_every_line_wrapped_in_quotes_is_unwrapped(tmp_path):
    path = tmp_path / "wrapped.csv"
    path.write_text(
        '"Objective,Key Result,Target,Current"\r\n"Grow,MRR,10,5"\r\n"Grow,""NPS, net"",50,45"\r\n',
        encoding="utf-8",
    )
    krs = load_okrs(path).key_results
    assert krs["key_result"].tolist() == ["MRR", "NPS, net"]
    assert krs["current"].tolist() == [5.0, 45.0]


def test_multi_line_cells_emoji_and_right_to_left_text_survive(tmp_path):
    rows = [ROWS[0], ["Grow 🚀", "MRR\nmonthly", 10, 5], ["نمو الإيرادات", "Deals", 10, 5]]
    krs = load_okrs(write_csv(tmp_path / "text.csv", rows)).key_results
    assert krs["objective"].tolist() == ["Grow 🚀", "نمو الإيرادات"]
    assert krs["key_result"].tolist()[0] == "MRR\nmonthly"


def test_a_formula_saved_without_its_result_is_reported_at_its_cell(tmp_path):
    rows = [
        ["Objective", "Key Result", "Start", "Target", "Current"],
        ["Grow revenue", "Revenue", 0, 100, "=SUM(C2:D2)/2"],
        ["Grow revenue", "Clients", 0, 10, 4],
    ]
    table = load_okrs(write_xlsx(tmp_path / "script.xlsx", {"OKRs": rows}))
    issue = table.issues[table.issues["code"].eq("formula_without_result")].iloc[0]
    assert (issue["severity"], issue["sheet"], issue["row"], issue["column"]) == (
        "warning",
        "OKRs",
        2,
        "Current",
    )
    assert issue["value"] == "=SUM(C2:D2)/2"
    assert "did not calculate it" in issue["message"]
    # The cell reads as empty: the KR is scored as having no data, never a guessed value.
    assert table.key_results["current"].isna().tolist() == [True, False]


def test_a_formula_with_its_saved_result_reads_as_that_result(tmp_path):
    path = tmp_path / "excel.xlsx"
    with xlsxwriter.Workbook(str(path)) as book:
        sheet = book.add_worksheet("OKRs")
        sheet.write_row(0, 0, ["Objective", "Key Result", "Start", "Target", "Current"])
        sheet.write_row(1, 0, ["Grow revenue", "Revenue", 0, 100])
        sheet.write_formula(1, 4, "=SUM(C2:D2)/2", None, 50)
    table = load_okrs(path)
    assert table.issues[table.issues["code"].eq("formula_without_result")].empty
    assert table.key_results["current"].tolist() == [50]


def test_rows_below_a_blank_row_are_a_footer_only_when_they_hold_no_key_result(tmp_path):
    rows = [
        ["Objective", "Key Result", "Target", "Current"],
        ["Grow revenue", "Revenue", 100, 50],
        [None, None, None, None],
        ["Grow revenue", "Clients", 10, 8],
        [None, None, None, None],
        ["Signed: ________", None, None, None],
    ]
    table = load_okrs(write_xlsx(tmp_path / "okrs.xlsx", {"OKRs": rows}))
    assert table.key_results["key_result"].tolist() == ["Revenue", "Clients"]
    footer = table.issues[table.issues["code"].eq("footer_row")]
    assert footer["row"].tolist() == [6]
    assert table.reconciliation.as_dict()["rows_not_okrs"] == 1
    assert table.reconciliation.balanced


def test_a_label_value_block_above_the_header_fills_columns_the_table_lacks(tmp_path):
    rows = [
        ["Team OKRs"],
        ["Team:", "Payments"],
        ["Quý:", "Quý IV/2026"],
        ["Owner:", "Lan Ha", "extra"],  # three cells: not a label and its value
        ["Objective", "Key Result", "Target", "Current", "Owner"],
        ["Grow revenue", "Revenue", 100, 50, "Bao Lam"],
    ]
    table = load_okrs(write_xlsx(tmp_path / "okrs.xlsx", {"OKRs": rows}))
    kr = table.key_results.iloc[0]
    assert (kr["unit"], kr["quarter"], kr["owner"]) == ("Payments", "2026-Q4", "Bao Lam")
    assert table.source.sheets[0].from_header_block == {"unit": "Payments", "quarter": "2026-Q4"}
