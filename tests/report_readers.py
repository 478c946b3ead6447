"""Read generated reports back with each format's own reader, for the report tests.

Each `*_outline` function gives a small text summary of a file's structure (sheets and headers,
slide titles, PDF headings, HTML headings) for the golden files in tests/golden/reports/.
"""

from __future__ import annotations

import os
import re
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
from pptx import Presentation
from pypdf import PdfReader

GOLDEN = Path(__file__).parent / "golden" / "reports"
# OKR_UPDATE_GOLDEN=1 python -m pytest tests/test_reports.py rewrites the golden files.
UPDATE_GOLDEN = os.environ.get("OKR_UPDATE_GOLDEN") == "1"
_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?")
_COUNT = re.compile(r"\(\d+\)")


def mask(text: str) -> str:
    """Timestamps and counts in brackets replaced: the files pin structure, not the data."""
    return _COUNT.sub("(N)", _TIME.sub("<time>", text))


def assert_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    text = mask(text)
    if UPDATE_GOLDEN:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no golden file {path.name}: run with OKR_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8")


# --- xlsx ---


def sheet_rows(path: Path, sheet: str) -> list[tuple]:
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return list(book[sheet].iter_rows(values_only=True))
    finally:
        book.close()


def sheet_records(path: Path, sheet: str) -> list[dict]:
    """A table sheet (header on row 1) as dicts."""
    rows = sheet_rows(path, sheet)
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def xlsx_charts(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        return sorted(n for n in archive.namelist() if n.startswith("xl/charts/chart"))


def xlsx_outline(path: Path) -> str:
    book = openpyxl.load_workbook(path, read_only=True)
    lines = []
    for sheet in book.worksheets:
        first = [v for v in next(sheet.iter_rows(max_row=1, values_only=True), ()) if v]
        # A table sheet's first row is its header; other sheets start with a title.
        header = f": {' | '.join(map(str, first))}" if len(first) > 1 else ""
        lines.append(f"{sheet.title}{header}")
    book.close()
    lines.append(f"charts: {len(xlsx_charts(path))}")
    return "\n".join(lines) + "\n"


# --- pptx ---


@dataclass
class Slide:
    title: str
    texts: list[str] = field(default_factory=list)  # every paragraph of every text frame
    tables: list[list[list[str]]] = field(default_factory=list)
    charts: list = field(default_factory=list)


def pptx_slides(path: Path) -> list[Slide]:
    slides = []
    for slide in Presentation(str(path)).slides:
        title = slide.shapes.title.text if slide.shapes.title is not None else ""
        read = Slide(title=title)
        for shape in slide.shapes:
            if shape.has_text_frame:
                read.texts += [p.text for p in shape.text_frame.paragraphs]
            if shape.has_table:
                read.tables.append([[c.text for c in row.cells] for row in shape.table.rows])
            if shape.has_chart:
                read.charts.append(shape.chart)
        slides.append(read)
    return slides


def pptx_outline(path: Path) -> str:
    lines = []
    for number, slide in enumerate(pptx_slides(path), start=1):
        parts = [f"{len(slide.charts)} charts"] if slide.charts else []
        parts += [f"table {len(t)}x{len(t[0])}" for t in slide.tables]
        lines.append(f"{number}. {slide.title}" + (f" [{', '.join(parts)}]" if parts else ""))
    return "\n".join(lines) + "\n"


# --- pdf ---


def pdf_pages(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def flat(text: str) -> str:
    """Text with every run of whitespace (line breaks in table cells) as one space."""
    return " ".join(text.split())


def pdf_outline(path: Path) -> str:
    reader = PdfReader(path)
    lines = [f"pages: {len(reader.pages)}", f"title: {reader.metadata.title}"]
    lines += [f"- {entry.title}" for entry in reader.outline]
    return "\n".join(lines) + "\n"


def pdf_fonts(path: Path) -> set[str]:
    fonts = set()
    for page in PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    return fonts


# --- html ---


class Page(HTMLParser):
    """The parts of an HTML report the tests look at."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.headings: list[str] = []
        self.scripts: list[dict] = []  # attributes of each <script>
        self.tables: list[list[list[str]]] = []
        self.text: list[str] = []  # every piece of text outside scripts and styles
        self.classes: dict[str, list[str]] = {}  # text inside elements of a class
        self._stack: list[tuple[str, dict]] = []
        self._heading: str | None = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self._stack.append((tag, attributes))
        if tag in {"h1", "h2", "h3"}:
            self._heading = ""
        elif tag == "script":
            self.scripts.append(attributes)
        elif tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in {"td", "th"}:
            self.tables[-1][-1].append("")

    def handle_endtag(self, tag):
        while self._stack:
            opened, _ = self._stack.pop()
            if opened == tag:
                break
        if tag in {"h1", "h2", "h3"} and self._heading is not None:
            self.headings.append(f"{tag}: {self._heading}")
            self._heading = None

    def handle_data(self, data):
        inside = [t for t, _ in self._stack]
        if "script" in inside or "style" in inside:
            return
        self.text.append(data)
        if self._heading is not None:
            self._heading += data
        if inside and inside[-1] in {"td", "th"}:
            self.tables[-1][-1][-1] += data
        for _, attributes in self._stack:
            for name in attributes.get("class", "").split():
                self.classes.setdefault(name, []).append(data)


def html_outline(text: str) -> str:
    page = Page(text)
    charts = text.count('<div class="chart">')
    return "\n".join([*page.headings, f"charts: {charts}"]) + "\n"
