"""The canonical OKR table's columns, and the one alias table that maps headers to them."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class CanonicalColumn:
    """One column of the canonical table: one row per key result."""

    name: str
    kind: str  # "text", "number", "date": how its cells are parsed
    description: str
    aliases: tuple[str, ...] = ()
    required: bool = False


# The only table of header aliases. Matching ignores case, accents, spacing and punctuation
# (see `normalise_header`), so each alias is written once in its plainest form.
CANONICAL_COLUMNS: tuple[CanonicalColumn, ...] = (
    CanonicalColumn(
        "quarter",
        "text",
        "The OKR cycle, normalised to YYYY-Qn (accepts Q3 2026, 2026Q3, Q3/2026, Quý III/2026).",
        ("quarter", "qtr", "period", "cycle", "okr cycle", "quý", "kỳ", "chu kỳ", "kỳ okr"),
    ),
    CanonicalColumn(
        "level",
        "text",
        "company, department, team or individual (synonyms and Vietnamese accepted).",
        ("level", "tier", "okr level", "objective level", "cấp", "cấp độ", "cấp bậc"),
    ),
    CanonicalColumn(
        "unit",
        "text",
        "The department or team the objective belongs to.",
        (
            "unit",
            "department",
            "dept",
            "division",
            "team",
            "org unit",
            "organisation unit",
            "organization unit",
            "department team",
            "phòng ban",
            "bộ phận",
            "đơn vị",
            "nhóm",
            "đội",
            "phòng",
        ),
    ),
    CanonicalColumn(
        "owner",
        "text",
        "The person responsible.",
        (
            "owner",
            "owners",
            "assignee",
            "responsible",
            "person",
            "person in charge",
            "lead",
            "người phụ trách",
            "phụ trách",
            "người chịu trách nhiệm",
            "chủ sở hữu",
            "người thực hiện",
        ),
    ),
    CanonicalColumn(
        "objective_id",
        "text",
        "The objective's id; generated from its quarter, level, unit, owner and text when absent.",
        ("objective id", "obj id", "objective no", "objective code", "mã mục tiêu", "id mục tiêu"),
    ),
    CanonicalColumn(
        "objective",
        "text",
        "What the objective says.",
        ("objective", "objectives", "objective name", "goal", "mục tiêu", "tên mục tiêu"),
        required=True,
    ),
    CanonicalColumn(
        "kr_id",
        "text",
        "The key result's id (it may restart under every objective).",
        ("kr id", "key result id", "kr no", "kr code", "kr #", "mã kr", "mã kết quả then chốt"),
    ),
    CanonicalColumn(
        "key_result",
        "text",
        "What the key result measures.",
        (
            "key result",
            "key results",
            "kr",
            "krs",
            "key result name",
            "kết quả then chốt",
            "kết quả chính",
            "kết quả",
        ),
        required=True,
    ),
    CanonicalColumn(
        "parent_objective_id",
        "text",
        "The objective this one is aligned to: its id or its exact text.",
        (
            "parent objective id",
            "parent objective",
            "parent id",
            "parent",
            "aligned to",
            "aligns to",
            "aligned with",
            "supports",
            "contributes to",
            "mục tiêu cấp trên",
            "mục tiêu cha",
            "liên kết với",
            "căn chỉnh với",
        ),
    ),
    CanonicalColumn(
        "start",
        "number",
        "The baseline value at the start of the cycle.",
        (
            "start",
            "start value",
            "baseline",
            "initial",
            "initial value",
            "from",
            "ban đầu",
            "giá trị ban đầu",
            "điểm xuất phát",
            "giá trị đầu kỳ",
        ),
    ),
    CanonicalColumn(
        "target",
        "number",
        "The value that means the key result is fully achieved.",
        (
            "target",
            "target value",
            "goal value",
            "to",
            "chỉ tiêu",
            "mục tiêu số",
            "giá trị mục tiêu",
            "giá trị chỉ tiêu",
        ),
    ),
    CanonicalColumn(
        "current",
        "number",
        "The latest measured value.",
        (
            "current",
            "current value",
            "actual",
            "actual value",
            "latest",
            "value",
            "hiện tại",
            "thực tế",
            "giá trị hiện tại",
            "giá trị thực tế",
            "kết quả thực tế",
            "thực hiện",
        ),
    ),
    CanonicalColumn(
        "progress",
        "number",
        "Progress already computed by the sheet (0-1, 0-100 or 70%).",
        (
            "progress",
            "% progress",
            "progress %",
            "percent complete",
            "% complete",
            "completion",
            "% completion",
            "tiến độ",
            "% hoàn thành",
            "hoàn thành",
            "tỷ lệ hoàn thành",
            "tỉ lệ hoàn thành",
        ),
    ),
    CanonicalColumn(
        "direction",
        "text",
        "increase, decrease, at_least, at_most or binary; inferred from start and target if blank.",
        ("direction", "metric direction", "polarity", "chiều", "hướng", "chiều hướng"),
    ),
    CanonicalColumn(
        "weight",
        "number",
        "The key result's weight within its objective (> 0; equal when blank).",
        ("weight", "weighting", "kr weight", "trọng số", "tỷ trọng"),
    ),
    CanonicalColumn(
        "assessed_score",
        "number",
        "The owner's end-of-cycle grade, 0-1; when present it is the key result's score.",
        (
            "assessed score",
            "score",
            "grade",
            "final score",
            "self score",
            "self assessment",
            "điểm",
            "điểm đánh giá",
            "điểm số",
            "chấm điểm",
            "tự đánh giá",
        ),
    ),
    CanonicalColumn(
        "confidence",
        "number",
        "Confidence of reaching the target: 0-1, 1-10, or low/medium/high. Shown, not scored.",
        ("confidence", "confidence level", "độ tin cậy", "mức độ tự tin", "độ tự tin"),
    ),
    CanonicalColumn(
        "objective_type",
        "text",
        "committed or aspirational (the default).",
        (
            "objective type",
            "type",
            "okr type",
            "commitment",
            "loại",
            "loại mục tiêu",
            "loại okr",
        ),
    ),
    CanonicalColumn(
        "due_date",
        "date",
        "When the key result is due. Shown, not scored.",
        ("due date", "due", "deadline", "end date", "hạn", "hạn chót", "thời hạn", "ngày hết hạn"),
    ),
    CanonicalColumn(
        "status",
        "text",
        "The sheet's own status text. Shown, not scored.",
        ("status", "state", "trạng thái", "tình trạng"),
    ),
    CanonicalColumn(
        "notes",
        "text",
        "Free text. Shown, not scored.",
        ("notes", "note", "comment", "comments", "remarks", "ghi chú", "nhận xét", "bình luận"),
    ),
)

COLUMNS_BY_NAME: dict[str, CanonicalColumn] = {c.name: c for c in CANONICAL_COLUMNS}
CANONICAL_NAMES: tuple[str, ...] = tuple(COLUMNS_BY_NAME)
REQUIRED_COLUMNS: tuple[str, ...] = tuple(c.name for c in CANONICAL_COLUMNS if c.required)
TEXT_COLUMNS: tuple[str, ...] = tuple(c.name for c in CANONICAL_COLUMNS if c.kind == "text")
NUMBER_COLUMNS: tuple[str, ...] = tuple(c.name for c in CANONICAL_COLUMNS if c.kind == "number")

_NOT_ALPHANUMERIC = re.compile(r"[^0-9a-z%#]+")
_SIGNS = re.compile(r"([%#])")


def fold_text(text: str) -> str:
    """Casefold and strip accents (Vietnamese đ becomes d), keeping only the letters' bases."""
    folded = unicodedata.normalize("NFKD", text.casefold().replace("đ", "d"))
    return "".join(ch for ch in folded if not unicodedata.combining(ch))


def normalise_header(header: object) -> str:
    """The form headers are compared in: folded, punctuation and spacing collapsed to one space."""
    spaced = _SIGNS.sub(r" \1 ", fold_text(str(header)))
    return " ".join(_NOT_ALPHANUMERIC.sub(" ", spaced).split())


def _build_alias_index() -> dict[str, tuple[str, int]]:
    index: dict[str, tuple[str, int]] = {}
    for column in CANONICAL_COLUMNS:
        for rank, alias in enumerate((column.name.replace("_", " "), *column.aliases)):
            key = normalise_header(alias)
            owner, _ = index.setdefault(key, (column.name, rank))
            if owner != column.name:  # pragma: no cover - guarded by a test
                raise ValueError(f"alias {alias!r} names both {owner} and {column.name}")
    return index


# alias (normalised) -> (canonical column, rank); a lower rank is a more specific alias.
ALIAS_INDEX: dict[str, tuple[str, int]] = _build_alias_index()


def header_match(header: object) -> tuple[str, int] | None:
    """The canonical column a header means and how specific that alias is (0 = its own name)."""
    key = normalise_header(header)
    if key in ALIAS_INDEX:
        return ALIAS_INDEX[key]
    # "Progress (%)" and "Weight %" mean their columns; the % only says the scale.
    return ALIAS_INDEX.get(" ".join(key.replace("%", " ").split()))


def canonical_name(header: object) -> str | None:
    """The canonical column a spreadsheet header means, or None."""
    match = header_match(header)
    return match[0] if match else None


def header_says_percent(header: object) -> bool:
    """Whether a header announces a 0-100 scale, as in "Progress (%)" or "% hoàn thành"."""
    text = str(header).casefold()
    return "%" in text or "percent" in text or "phần trăm" in text
