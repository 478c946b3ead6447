"""The canonical OKR table's columns, and the one alias table that maps headers to them."""

from __future__ import annotations

import difflib
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
    # "okr" for the template's columns; "tool export" and "check-in" for columns only those
    # sheets have (the template leaves them out).
    group: str = "okr"


# The only table of header aliases, most specific first within each column (that order breaks
# ties when two headers mean one column). Matching ignores case, accents, spacing and
# punctuation (see `normalise_header`), so each alias is written once in its plainest form.
# fmt: off
CANONICAL_COLUMNS: tuple[CanonicalColumn, ...] = (
    CanonicalColumn(
        "quarter",
        "text",
        "The OKR cycle, normalised to YYYY-Qn (accepts Q3 2026, 2026Q3, Q3/2026, Quý III/2026).",
        (
            # English
            "quarter", "qtr", "period", "cycle", "okr cycle",
            # Vietnamese
            "quý", "kỳ", "chu kỳ", "kỳ okr",
            # Portuguese and Spanish
            "trimestre", "período", "periodo", "ciclo",
        ),
    ),
    CanonicalColumn(
        "level",
        "text",
        "company, department, team or individual (synonyms and Vietnamese accepted).",
        (
            # English
            "level", "tier", "okr level", "objective level",
            # Vietnamese
            "cấp", "cấp độ", "cấp bậc",
            # Portuguese and Spanish
            "nível", "nivel", "nível do okr",
        ),
    ),
    CanonicalColumn(
        "unit",
        "text",
        "The department or team the objective belongs to.",
        (
            # English
            "unit", "department", "dept", "division", "team", "org unit", "organisation unit",
            "organization unit", "department team",
            # Vietnamese
            "phòng ban", "bộ phận", "đơn vị", "nhóm", "đội", "phòng",
            # Portuguese and Spanish
            "departamento", "área", "area", "equipe", "equipo", "setor", "sector", "unidade",
            "unidad",
        ),
    ),
    CanonicalColumn(
        "owner",
        "text",
        "The person responsible.",
        (
            # English
            "owner", "owners", "assignee", "responsible", "person", "person in charge", "lead",
            # Vietnamese
            "người phụ trách", "phụ trách", "người chịu trách nhiệm", "chủ sở hữu",
            "người thực hiện",
            # Portuguese and Spanish
            "responsável", "responsable", "dono", "dueño", "proprietário", "propietario",
        ),
    ),
    CanonicalColumn(
        "objective_id",
        "text",
        "The objective's id; generated from its quarter, level, unit, owner and text when absent.",
        (
            # English
            "objective id", "obj id", "objective no", "objective code",
            # Vietnamese
            "mã mục tiêu", "id mục tiêu",
            # Portuguese and Spanish
            "id do objetivo", "id del objetivo", "código do objetivo", "código del objetivo",
        ),
    ),
    CanonicalColumn(
        "objective",
        "text",
        "What the objective says.",
        (
            # English
            "objective", "objectives", "objective name", "objective title", "goal",
            # Vietnamese
            "mục tiêu", "tên mục tiêu",
            # Portuguese and Spanish
            "objetivo", "objetivos",
        ),
        required=True,
    ),
    CanonicalColumn(
        "kr_id",
        "text",
        "The key result's id (it may restart under every objective).",
        (
            # English
            "kr id", "key result id", "kr no", "kr code", "kr #",
            # Vietnamese
            "mã kr", "mã kết quả then chốt",
            # Portuguese and Spanish
            "id do kr", "id del kr", "id do resultado-chave", "id del resultado clave",
        ),
    ),
    CanonicalColumn(
        "key_result",
        "text",
        "What the key result measures.",
        (
            # English
            "key result", "key results", "kr", "krs", "key result name", "key result title",
            "key result description", "kr name", "kr title", "kr description",
            # Vietnamese
            "kết quả then chốt", "kết quả chính", "kết quả",
            # Portuguese and Spanish
            "resultado-chave", "resultados-chave", "resultado chave", "resultado clave",
            "resultados clave",
        ),
        required=True,
    ),
    CanonicalColumn(
        "parent_objective_id",
        "text",
        "The objective this one is aligned to: its id or its exact text.",
        (
            # English
            "parent objective id", "parent objective", "parent id", "parent", "aligned to",
            "aligns to", "aligned with", "supports", "contributes to",
            # Vietnamese
            "mục tiêu cấp trên", "mục tiêu cha", "liên kết với", "căn chỉnh với",
            # Portuguese and Spanish
            "objetivo pai", "objetivo superior", "objetivo padre", "alinhado a", "alineado a",
            "alinhado com", "alineado con",
        ),
    ),
    CanonicalColumn(
        "start",
        "number",
        "The baseline value at the start of the cycle.",
        (
            # English
            "start", "start value", "baseline", "initial", "initial value", "from",
            # Vietnamese
            "ban đầu", "giá trị ban đầu", "điểm xuất phát", "giá trị đầu kỳ",
            # Portuguese and Spanish
            "valor inicial", "linha de base", "línea base", "linea de base", "inicial",
        ),
    ),
    CanonicalColumn(
        "target",
        "number",
        "The value that means the key result is fully achieved.",
        (
            # English
            "target", "target value", "goal value", "to",
            # Vietnamese
            "chỉ tiêu", "mục tiêu số", "giá trị mục tiêu", "giá trị chỉ tiêu",
            # Portuguese and Spanish
            "meta", "valor meta", "valor alvo", "alvo", "valor objetivo",
        ),
    ),
    CanonicalColumn(
        "current",
        "number",
        "The latest measured value.",
        (
            # English
            "current", "current value", "actual value", "latest", "value",
            # Vietnamese
            "hiện tại", "thực tế", "giá trị hiện tại", "giá trị thực tế", "kết quả thực tế",
            "thực hiện",
            # Portuguese and Spanish
            "valor atual", "atual", "valor actual", "realizado", "real",
        ),
    ),
    CanonicalColumn(
        "progress",
        "number",
        "Progress already computed by the sheet (0-1, 0-100 or 70%).",
        (
            # English
            "progress", "% progress", "progress %", "percent complete", "% complete",
            "completion", "% completion",
            # Vietnamese
            "tiến độ", "% hoàn thành", "hoàn thành", "tỷ lệ hoàn thành", "tỉ lệ hoàn thành",
            # Portuguese and Spanish
            "progresso", "progreso", "avance", "% concluído", "% completado", "concluído",
            "completado", "percentual concluído", "porcentaje completado",
        ),
    ),
    CanonicalColumn(
        "direction",
        "text",
        "increase, decrease, at_least, at_most or binary; inferred from start and target if blank.",
        (
            # English
            "direction", "metric direction", "polarity",
            # Vietnamese
            "chiều", "hướng", "chiều hướng",
            # Portuguese and Spanish
            "direção", "dirección", "sentido", "polaridade", "polaridad",
        ),
    ),
    CanonicalColumn(
        "weight",
        "number",
        "The key result's weight within its objective (> 0; equal when blank).",
        (
            # English
            "weight", "weighting", "kr weight",
            # Vietnamese
            "trọng số", "tỷ trọng",
            # Portuguese and Spanish
            "peso", "ponderação", "ponderación",
        ),
    ),
    CanonicalColumn(
        "assessed_score",
        "number",
        "The owner's end-of-cycle grade, 0-1; when present it is the key result's score.",
        (
            # English
            "assessed score", "score", "grade", "final score", "self score", "self assessment",
            # Vietnamese
            "điểm", "điểm đánh giá", "điểm số", "chấm điểm", "tự đánh giá",
            # Portuguese and Spanish
            "pontuação", "puntuación", "nota", "calificación", "avaliação",
        ),
    ),
    CanonicalColumn(
        "confidence",
        "number",
        "Confidence of reaching the target: 0-1, 1-10, or low/medium/high. Shown, not scored.",
        (
            # English
            "confidence", "confidence level",
            # Vietnamese
            "độ tin cậy", "mức độ tự tin", "độ tự tin",
            # Portuguese and Spanish
            "confiança", "confianza", "nível de confiança", "nivel de confianza",
        ),
    ),
    CanonicalColumn(
        "objective_type",
        "text",
        "committed or aspirational (the default).",
        (
            # English
            "objective type", "type", "okr type", "commitment",
            # Vietnamese
            "loại", "loại mục tiêu", "loại okr",
            # Portuguese and Spanish
            "tipo", "tipo de objetivo", "tipo de okr",
        ),
    ),
    CanonicalColumn(
        "due_date",
        "date",
        "When the key result is due. Shown, not scored.",
        (
            # English
            "due date", "due", "deadline", "end date",
            # Vietnamese
            "hạn", "hạn chót", "thời hạn", "ngày hết hạn",
            # Portuguese and Spanish
            "prazo", "data limite", "fecha límite", "vencimiento", "data de entrega",
            "fecha de entrega",
        ),
    ),
    CanonicalColumn(
        "status",
        "text",
        "The sheet's own status text. Shown, not scored.",
        (
            # English
            "status", "state",
            # Vietnamese
            "trạng thái", "tình trạng",
            # Portuguese and Spanish
            "situação", "estado", "situación",
        ),
    ),
    CanonicalColumn(
        "notes",
        "text",
        "Free text. Shown, not scored.",
        (
            # English
            "notes", "note", "comment", "comments", "remarks",
            # Vietnamese
            "ghi chú", "nhận xét", "bình luận",
            # Portuguese and Spanish
            "observações", "observaciones", "notas", "comentários", "comentarios",
        ),
    ),
    # Check-ins: the date a current value was measured on, in a KR table or a check-ins sheet.
    CanonicalColumn(
        "checkin_date",
        "date",
        "Check-ins: when the current value was measured (a check-ins sheet has one row per KR "
        "and date).",
        (
            # English
            "check-in date", "checkin date", "check in date", "date", "update date",
            "updated on", "reported on", "measured on", "last update", "last updated",
            # Vietnamese
            "ngày", "ngày cập nhật", "ngày check-in", "ngày đo",
            # Portuguese and Spanish
            "data", "data do check-in", "data de atualização", "fecha",
            "fecha de actualización", "fecha del check-in",
        ),
        group="check-in",
    ),
    # OKR tools export every item (objective, key result, deliverable) as a row of its own.
    CanonicalColumn(
        "item_type",
        "text",
        "Tool exports: whether the row is an objective, a key result or something else.",
        (
            # English
            "item type", "object type", "row type", "entity type", "okr item type", "kind",
            # Vietnamese
            "loại đối tượng", "loại mục",
            # Portuguese and Spanish
            "tipo de objeto", "tipo de item", "tipo de elemento",
        ),
        group="tool export",
    ),
    CanonicalColumn(
        "title",
        "text",
        "Tool exports: the row's text (an objective's or a key result's).",
        (
            # English
            "title", "name", "item", "item title", "item name",
            # Vietnamese
            "tiêu đề", "tên",
            # Portuguese and Spanish
            "título", "nome", "nombre",
        ),
        group="tool export",
    ),
    CanonicalColumn(
        "item_id",
        "text",
        "Tool exports: the row's id, which other rows name as their parent.",
        (
            # English
            "id", "item id", "object id", "entity id",
            # Vietnamese
            "mã", "mã số",
            # Portuguese and Spanish
            "identificador", "código",
        ),
        group="tool export",
    ),
)
# fmt: on

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


# A misspelt header is read as the column it nearly names only when it is this close (difflib's
# ratio) and no other column's alias is about as close.
FUZZY_CUTOFF = 0.85
_FUZZY_MARGIN = 0.05


def fuzzy_match(header: object) -> str | None:
    """The canonical column a misspelt header ("Key Resutl", "Responsable ") most likely means."""
    key = " ".join(normalise_header(header).replace("%", " ").split())
    if len(key) < 4:
        return None
    scored = []
    for alias, (canonical, _) in ALIAS_INDEX.items():
        if len(alias) < 4:
            continue
        matcher = difflib.SequenceMatcher(None, key, alias)
        if matcher.real_quick_ratio() >= FUZZY_CUTOFF and matcher.quick_ratio() >= FUZZY_CUTOFF:
            scored.append((matcher.ratio(), canonical))
    scored = sorted((s for s in scored if s[0] >= FUZZY_CUTOFF), reverse=True)
    if not scored:
        return None
    best, canonical = scored[0]
    rivals = [score for score, other in scored if other != canonical]
    if rivals and best - rivals[0] < _FUZZY_MARGIN:
        return None
    return canonical


def canonical_name(header: object) -> str | None:
    """The canonical column a spreadsheet header means, or None."""
    match = header_match(header)
    return match[0] if match else None


def header_says_percent(header: object) -> bool:
    """Whether a header announces a 0-100 scale, as in "Progress (%)" or "% hoàn thành"."""
    text = str(header).casefold()
    return "%" in text or "percent" in text or "phần trăm" in text


# The header the template workbook and exports write for a canonical column (each also matches
# back through the alias table).
_LABELS = {
    "objective_id": "Objective ID",
    "kr_id": "KR ID",
    "key_result": "Key Result",
    "parent_objective_id": "Aligned To",
    "assessed_score": "Score",
    "objective_type": "Type",
    "due_date": "Due Date",
}


def column_label(name: str) -> str:
    """The header written for a canonical column: "Key Result" for key_result."""
    return _LABELS.get(name, name.replace("_", " ").title())
