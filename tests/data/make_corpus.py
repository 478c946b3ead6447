"""Write the fixture corpus: the OKR spreadsheets people really have, one hazard per file.

Run from the repository root: python tests/data/make_corpus.py (needs requirements-dev.txt:
odfpy writes the .ods file, msoffcrypto-tool the password-protected one). The files are
committed; this script is how they were made.
What each file must read to is written by hand in corpus.yaml, not computed here.

Most files hold the same quarter in a different shape, so they must all score the same:

    Grow revenue       Monthly revenue (k$)    0 -> 100, now 50   0.50
                       New enterprise clients  0 -> 10,  now 8    0.80   objective 0.65
    Delight customers  Net promoter score      20 -> 60, now 50   0.75
                       Monthly churn (%)       10 -> 5,  now 7    0.60   objective 0.675
                                                                   company 0.6625
"""

from __future__ import annotations

import csv
import io
import unicodedata
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import xlsxwriter
from msoffcrypto.format.ooxml import OOXMLFile

HERE = Path(__file__).parent
CORPUS = HERE / "corpus"
BAD = HERE / "bad"

HEADER = ["Quarter", "Objective", "KR ID", "Key Result", "Start", "Target", "Current"]
ROWS = [
    ["2026-Q3", "Grow revenue", "KR1", "Monthly revenue (k$)", 0, 100, 50],
    ["2026-Q3", "Grow revenue", "KR2", "New enterprise clients", 0, 10, 8],
    ["2026-Q3", "Delight customers", "KR1", "Net promoter score", 20, 60, 50],
    ["2026-Q3", "Delight customers", "KR2", "Monthly churn (%)", 10, 5, 7],
]


def xlsx(name: str, sheets: dict[str, list[list[object]]], **options) -> openpyxl.Workbook:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    if "after" in options:
        options["after"](book)
    book.save(CORPUS / name)
    return book


def text_file(name: str, rows: list[list[object]], *, delimiter=",", encoding="utf-8", end="\n"):
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator=end).writerows(rows)
    (CORPUS / name).write_bytes(buffer.getvalue().encode(encoding))


_TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook above, dot below


def cp1258(text: str) -> bytes:
    """Vietnamese in Windows-1258: letters it lacks are written as base letter + tone mark."""
    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            base = "".join(c for c in parts if c not in _TONES)
            out += unicodedata.normalize("NFC", base).encode("cp1258")
            out += "".join(c for c in parts if c in _TONES).encode("cp1258")
    return bytes(out)


def one_row_per_kr() -> None:
    xlsx("01_one_row_per_kr.xlsx", {"OKRs": [HEADER, *ROWS]})


def headers_below_title() -> None:
    xlsx(
        "02_header_below_title_block.xlsx",
        {
            "Plan": [
                ["Lanternfish Tea Co. — quarterly OKRs"],
                ["Department:", "Sales"],
                ["Period:", "Q3 2026"],
                [],
                [None, *HEADER[1:]],
                *[[None, *row[1:]] for row in ROWS],
                [],
                ["Legend: 0.7 is success for a stretch goal."],
                ["Prepared by: ________", None, "Approved by: ________"],
            ]
        },
    )


def two_row_merged_header() -> None:
    def merge(book):
        sheet = book["OKRs"]
        sheet.merge_cells("A1:C1")
        sheet.merge_cells("D1:F1")

    xlsx(
        "03_two_row_merged_header.xlsx",
        {
            "OKRs": [
                ["What we aim for", None, None, "How we measure it", None, None],
                ["Objective", "KR ID", "Key Result", "Start", "Target", "Current"],
                *[row[1:] for row in ROWS],
            ]
        },
        after=merge,
    )


def objective_blocks() -> None:
    xlsx(
        "04_objective_blocks.xlsx",
        {
            "OKRs": [
                ["Objective", "Key Result", "Start", "Target", "Current"],
                ["Grow revenue", None, None, None, None],
                [None, "Monthly revenue (k$)", 0, 100, 50],
                [None, "New enterprise clients", 0, 10, 8],
                ["Delight customers", "Net promoter score", 20, 60, 50],
                [None, "Monthly churn (%)", 10, 5, 7],
            ]
        },
    )


def numbered_sections_vietnamese() -> None:
    xlsx(
        "05_numbered_sections_vietnamese.xlsx",
        {
            "Quý III": [
                ["STT", "Mục tiêu", "Kết quả then chốt", "Giá trị ban đầu", "Chỉ tiêu", "Hiện tại"],
                ["I", "Tăng trưởng doanh thu", None, None, None, None],
                ["1.1", None, "Doanh thu tháng (triệu đồng)", "0", "100", "50"],
                ["1.2", None, "Khách hàng doanh nghiệp mới", "0", "10", "8"],
                ["II", "Làm hài lòng khách hàng", None, None, None, None],
                ["2.1", None, "Chỉ số NPS", "20", "60", "50"],
                ["2.2", None, "Tỷ lệ rời bỏ (%)", "10", "5", "7"],
            ]
        },
    )


VIETNAMESE = [
    ["Quý", "Mục tiêu", "Kết quả then chốt", "Giá trị ban đầu", "Chỉ tiêu", "Hiện tại"],
    ["Quý III/2026", "Tăng trưởng doanh thu", "Doanh thu tháng", "0", "100", "50,0"],
    ["Quý III/2026", "Tăng trưởng doanh thu", "Khách hàng mới", "0", "10", "8"],
    ["Quý III/2026", "Làm hài lòng khách hàng", "Chỉ số NPS", "20", "60", "50"],
    ["Quý III/2026", "Làm hài lòng khách hàng", "Tỷ lệ rời bỏ", "10%", "5%", "7%"],
]


def vietnamese_cp1258() -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(VIETNAMESE)
    (CORPUS / "06_vietnamese_cp1258.csv").write_bytes(cp1258(buffer.getvalue()))


def portuguese_semicolons() -> None:
    text_file(
        "07_portuguese_semicolons_cp1252.csv",
        [
            [
                "Trimestre",
                "Objetivo",
                "Resultado-chave",
                "Valor inicial",
                "Meta",
                "Atual",
                "Direção",
            ],
            [
                "3º trimestre 2026",
                "Aumentar a receita",
                "Receita mensal (R$ mil)",
                "0",
                "100,0",
                "50,0",
                "maior_melhor",
            ],
            [
                "3º trimestre 2026",
                "Aumentar a receita",
                "Novos clientes",
                "0",
                "10",
                "8",
                "maior_melhor",
            ],
            ["3º trimestre 2026", "Encantar clientes", "NPS", "20", "60", "50", "maior_melhor"],
            [
                "3º trimestre 2026",
                "Encantar clientes",
                "Cancelamentos (%)",
                "10",
                "5",
                "7",
                "menor_melhor",
            ],
        ],
        delimiter=";",
        encoding="cp1252",
        end="\r\n",
    )


def spanish_tsv_with_bom() -> None:
    text_file(
        "08_spanish_bom.tsv",
        [
            ["Objetivo ", " Resultado clave", "Valor inicial", "Meta", "Valor actual", "Dirección"],
            [
                "Aumentar ingresos",
                "Ingresos mensuales",
                "US$ 0",
                "US$ 100",
                "US$ 50",
                "mayor es mejor",
            ],
            ["Aumentar ingresos", "Clientes nuevos", "0", "10", "8", "mayor es mejor"],
            ["Encantar a los clientes", "NPS", "20", "60", "50", ""],
            ["Encantar a los clientes", "Bajas (%)", "10", "5", "7", "menor es mejor"],
        ],
        delimiter="\t",
        encoding="utf-8-sig",
    )


def unicode_text_utf16() -> None:
    text_file(
        "09_excel_unicode_text_utf16.txt",
        [HEADER, *ROWS],
        delimiter="\t",
        encoding="utf-16",
        end="\r\n",
    )


def google_sheets_padding() -> None:
    rows = [HEADER, *ROWS, *([[""] * len(HEADER)] * 995)]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    (CORPUS / "10_google_sheets_padding.csv").write_text(buffer.getvalue().rstrip("\r\n"))


def quoted_lines() -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([HEADER, *ROWS])
    wrapped = "\r\n".join(
        '"' + line.replace('"', '""') + '"' for line in buffer.getvalue().splitlines()
    )
    (CORPUS / "11_every_line_quoted.csv").write_text(wrapped)


def multiline_emoji_rtl() -> None:
    text_file(
        "12_multiline_emoji_rtl.csv",
        [
            ["Objective  ", "Key Result", "Start", "Target", "Current ", "Notes"],
            ["Grow revenue 🚀", "Monthly revenue (k$)\nbooked, not invoiced", 0, 100, 50, "=1+1"],
            ["Grow revenue 🚀 ", "New enterprise clients", 0, 10, 8, "@owner check"],
            ["إسعاد العملاء", "صافي نقاط الترويج", 20, 60, 50, "+ next quarter"],
            ["إسعاد العملاء", "Monthly churn (%)", 10, 5, 7, "-"],
        ],
    )


def values_as_text() -> None:
    xlsx(
        "13_values_as_text.xlsx",
        {
            "OKRs": [
                ["Objective", "Key Result", "Start", "Target", "Current", "Due date"],
                ["Grow revenue", "Monthly revenue", "$0", "$100,000", "$50,000", "30/09/2026"],
                ["Grow revenue", "New enterprise clients", "0", "10", " 8 ", "2026-09-30"],
                ["Delight customers", "Net promoter score", "20", "60", "50", "30/09/2026"],
                ["Delight customers", "Monthly churn", "10%", "5%", "7%", "someday"],
            ]
        },
    )


def progress_only() -> None:
    text_file(
        "14_progress_only.csv",
        [
            ["Objective", "Key Result", "Progress"],
            ["Grow revenue", "Monthly revenue", "50%"],
            ["Grow revenue", "New enterprise clients", "80 percent"],
            ["Delight customers", "Net promoter score", "75"],
            ["Delight customers", "Monthly churn", "60"],
        ],
    )


def direction_words() -> None:
    xlsx(
        "15_direction_words.xlsx",
        {
            "OKRs": [
                [*HEADER, "Direction"],
                [*ROWS[0], "higher is better"],
                [*ROWS[1], "maior_melhor"],
                [*ROWS[2], "↑"],
                [*ROWS[3], "lower is better"],
            ]
        },
    )


def tool_export() -> None:
    text_file(
        "16_tool_export.csv",
        [
            ["Id", "Object Type", "Title", "Parent", "Owner", "Team", "Progress %", "Status"],
            [
                "101",
                "Objective",
                "Grow revenue",
                "",
                "An Vo, Bao Lam",
                "Sales; Growth",
                "65",
                "On Track",
            ],
            [
                "102",
                "Key Result",
                "Monthly revenue (k$)",
                "Grow revenue(weight: 50%, Id: 101)",
                "An Vo",
                "Sales",
                "50",
                "At Risk",
            ],
            [
                "103",
                "Key Result",
                "New enterprise clients",
                "Grow revenue(weight: 50%, Id: 101)",
                "Bao Lam",
                "Sales",
                "80",
                "On Track",
            ],
            [
                "104",
                "Deliverable",
                "Pricing page redesign",
                "Monthly revenue (k$)(Id: 102)",
                "An Vo",
                "Sales",
                "100",
                "Closed",
            ],
            ["201", "Objective", "Delight customers", "", "Chi Ha", "Support", "67.5", "On Track"],
            [
                "202",
                "Key Result",
                "Net promoter score",
                "Delight customers(Id: 201)",
                "Chi Ha",
                "Support",
                "75",
                "On Track",
            ],
            [
                "203",
                "Key Result",
                "Monthly churn (%)",
                "Delight customers(Id: 201)",
                "Chi Ha",
                "Support",
                "60",
                "Behind",
            ],
        ],
    )


def checkins_long() -> None:
    xlsx(
        "17_checkins_sheet.xlsx",
        {
            "OKRs": [HEADER, [*ROWS[0][:-1], None], *ROWS[1:]],
            "Check-ins": [
                ["Objective", "KR", "Date", "Value"],
                ["Grow revenue", "KR1", "2026-07-31", 20],
                ["Grow revenue", "KR1", "2026-08-31", 35],
                ["Grow revenue", "KR1", "2026-09-30", 50],
                ["Delight customers", "Net promoter score", "2026-08-31", 40],
            ],
        },
    )


def checkins_wide() -> None:
    weeks = [f"Week {w}" for w in range(1, 5)]
    # Each KR's weekly values; the last is the current value of the other files.
    values = [[10, 20, 35, 50], [2, 4, 6, 8], [25, 30, 40, 50], [10, 9, 8, 7]]
    rows = [[*HEADER[:-1], "Current", *weeks]]
    for row, weekly in zip(ROWS, values, strict=True):
        rows.append([*row[:-1], None, *weekly])
    xlsx("18_checkins_by_week.xlsx", {"OKRs": rows})


def linked_tables() -> None:
    xlsx(
        "19_linked_tables.xlsx",
        {
            "Objectives": [
                ["Objective ID", "Objective", "Level", "Owner"],
                ["O-1", "Grow revenue", "company", "An Vo"],
                ["O-2", "Delight customers", "company", "Chi Ha"],
                ["O-3", "Hire the support team", "department", "Chi Ha"],
            ],
            "Key results": [
                ["Objective ID", "KR ID", "Key Result", "Start", "Target", "Current"],
                ["O-1", "KR1", "Monthly revenue (k$)", 0, 100, None],
                ["O-1", "KR2", "New enterprise clients", 0, 10, 8],
                ["O-2", "KR1", "Net promoter score", 20, 60, 50],
                ["O-2", "KR2", "Monthly churn (%)", 10, 5, 7],
            ],
            "Check-ins": [
                ["Objective ID", "KR ID", "Check-in date", "Value"],
                ["O-1", "KR1", "2026-08-15", 30],
                ["O-1", "KR1", "2026-09-15", 50],
            ],
        },
    )


def team_sheets() -> None:
    def hide(book):
        book["Old draft"].sheet_state = "hidden"

    xlsx(
        "20_sheet_per_team.xlsx",
        {
            "Read me": [["How to fill in this workbook"], ["One sheet per team."]],
            "Sales": [HEADER, *ROWS[:2]],
            "Support": [HEADER, *ROWS[2:]],
            "Chart data": [["Month", "Revenue"], ["Jul", 10], ["Aug", 30]],
            "Old draft": [HEADER, ["2026-Q3", "Draft", "KR1", "Ignore me", 0, 1, 1]],
        },
        after=hide,
    )


def quarter_sheets() -> None:
    q2 = [["Objective", "Key Result", "Start", "Target", "Current"]]
    q2 += [
        ["Grow revenue", "Monthly revenue (k$)", 0, 80, 80],
        ["Grow revenue", "Clients", 0, 5, 1],
    ]
    xlsx(
        "21_sheet_per_quarter.xlsx",
        {"Q2 2026": q2, "Q3 2026": [HEADER[1:], *[row[1:] for row in ROWS]]},
    )


def merged_objective_cells() -> None:
    def merge(book):
        sheet = book["OKRs"]
        sheet.merge_cells("B2:B3")
        sheet.merge_cells("B4:B5")

    rows = [HEADER, ROWS[0], [*ROWS[1][:1], None, *ROWS[1][2:]], ROWS[2]]
    rows.append([*ROWS[3][:1], None, *ROWS[3][2:]])
    xlsx("22_merged_objective_cells.xlsx", {"OKRs": rows}, after=merge)


def formulas_without_results() -> None:
    rows = [[*HEADER], *[list(r) for r in ROWS]]
    rows[4][6] = "=E5-3"  # churn: a formula openpyxl saves with no result
    xlsx("23_formulas_without_results.xlsx", {"OKRs": rows})


def formulas_with_results() -> None:
    with xlsxwriter.Workbook(str(CORPUS / "24_formulas_with_results.xlsx")) as book:
        sheet = book.add_worksheet("OKRs")
        sheet.write_row(0, 0, HEADER)
        for r, row in enumerate(ROWS, start=1):
            sheet.write_row(r, 0, row)
        # What Excel saves: the formula and its last result.
        sheet.write_formula(4, 6, "=E5+2", None, 7)


def ods() -> None:
    frame = pd.DataFrame(ROWS, columns=HEADER)
    frame.to_excel(CORPUS / "25_libreoffice.ods", engine="odf", index=False, sheet_name="OKRs")


def xlsm() -> None:
    path = CORPUS / "26_macro_workbook.xlsm"
    with xlsxwriter.Workbook(str(path)) as book:
        sheet = book.add_worksheet("OKRs")
        sheet.write_row(0, 0, HEADER)
        for r, row in enumerate(ROWS, start=1):
            sheet.write_row(r, 0, row)


def rows_with_errors() -> None:
    rows = [[*HEADER, "Weight"], *[[*r, 1] for r in ROWS]]
    rows[2][6] = "eight"  # not a number: the row is set aside
    rows.append(["2026-Q3", None, "KR3", "Orphan key result", 0, 1, 1, 1])
    xlsx("27_rows_with_errors.xlsx", {"OKRs": rows})


def bad_inputs() -> None:
    (BAD / "empty.csv").write_bytes(b"")
    text = [["Product", "Price", "Stock"], ["Green tea", "4.50", "120"], ["Oolong", "6.00", "80"]]
    buffer = io.StringIO()
    csv.writer(buffer).writerows(text)
    (BAD / "price_list.csv").write_text(buffer.getvalue())
    (BAD / "bare_kr_list.csv").write_text(
        "Key Result,Target,Current\nMonthly revenue,100,50\nNew clients,10,8\n"
    )
    (BAD / "picture_renamed.xlsx").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    with (
        (CORPUS / "01_one_row_per_kr.xlsx").open("rb") as plain,
        (BAD / "password_protected.xlsx").open("wb") as locked,
    ):
        OOXMLFile(plain).encrypt("not-a-real-secret", locked)
    whole = (CORPUS / "01_one_row_per_kr.xlsx").read_bytes()
    (BAD / "truncated.xlsx").write_bytes(whole[: len(whole) // 2])
    # A workbook whose first sheet claims 1,048,576 rows by 16,384 columns of used range.
    with (
        zipfile.ZipFile(CORPUS / "01_one_row_per_kr.xlsx") as source,
        zipfile.ZipFile(BAD / "huge_used_range.xlsx", "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(
                    b'<dimension ref="A1:G5"/>', b'<dimension ref="A1:XFD1048576"/>'
                )
            target.writestr(item, data)


def main() -> None:
    CORPUS.mkdir(exist_ok=True)
    BAD.mkdir(exist_ok=True)
    for make in (
        one_row_per_kr,
        headers_below_title,
        two_row_merged_header,
        objective_blocks,
        numbered_sections_vietnamese,
        vietnamese_cp1258,
        portuguese_semicolons,
        spanish_tsv_with_bom,
        unicode_text_utf16,
        google_sheets_padding,
        quoted_lines,
        multiline_emoji_rtl,
        values_as_text,
        progress_only,
        direction_words,
        tool_export,
        checkins_long,
        checkins_wide,
        linked_tables,
        team_sheets,
        quarter_sheets,
        merged_objective_cells,
        formulas_without_results,
        formulas_with_results,
        ods,
        xlsm,
        rows_with_errors,
        bad_inputs,
    ):
        make()
    for path in sorted([*CORPUS.iterdir(), *BAD.iterdir()]):
        print(f"{path.relative_to(HERE)} ({path.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
