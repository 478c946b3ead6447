"""Vectorised parsers for the values people type into OKR sheets, and the vocabulary they use.

Every parser takes a Series of raw cells (str, float, int, bool, datetime or missing) and returns
a new Series on the same index. Text is parsed once per distinct value and mapped back, so a
column of 80,000 cells with a few hundred distinct spellings costs a few hundred parses.
Values a parser does not understand are returned unchanged, so validation can quote them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd

from okr_model.columns import fold_text

LEVELS: tuple[str, ...] = ("company", "department", "team", "individual")
DIRECTIONS: tuple[str, ...] = ("increase", "decrease", "at_least", "at_most", "binary")
OBJECTIVE_TYPES: tuple[str, ...] = ("committed", "aspirational")
UNSPECIFIED_QUARTER = "unspecified"


def _fold_keys(table: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    return {vocabulary_key(word): canonical for canonical, words in table.items() for word in words}


def vocabulary_key(value: str) -> str:
    """How a cell is looked up in the vocabularies: folded, `_`/`-` as spaces, spacing collapsed."""
    return " ".join(fold_text(value).replace("_", " ").replace("-", " ").split())


# The vocabularies people write in cells, in one place. Keys are matched as `vocabulary_key`
# folds them (case, accents, `_` and `-` ignored), so each word is written once.
# fmt: off
LEVEL_WORDS = _fold_keys({
    "company": (
        "company", "organisation", "organization", "org", "corporate", "corporation",
        "enterprise", "whole company",
        "công ty", "toàn công ty", "tập đoàn", "doanh nghiệp", "tổ chức",
        "empresa", "companhia", "compañía", "organização", "organización", "corporativo",
    ),
    "department": (
        "department", "dept", "division", "business unit", "bu", "function",
        "phòng ban", "bộ phận", "phòng", "khối", "ban",
        "departamento", "área", "diretoria", "divisão", "división",
    ),
    "team": (
        "team", "squad", "group",
        "nhóm", "đội", "tổ",
        "equipe", "equipo", "time",
    ),
    "individual": (
        "individual", "personal", "person", "employee", "staff", "member",
        "cá nhân", "nhân viên",
        "pessoal", "colaborador", "empleado", "funcionário",
    ),
})

DIRECTION_WORDS = _fold_keys({
    "increase": (
        "increase", "increasing", "up", "higher", "higher is better", "more is better",
        "maximise", "maximize", "grow", "↑",
        "tăng", "càng cao càng tốt",
        "maior melhor", "maior é melhor", "aumentar", "mayor mejor", "mayor es mejor",
    ),
    "decrease": (
        "decrease", "decreasing", "down", "lower", "lower is better", "less is better",
        "minimise", "minimize", "reduce", "↓",
        "giảm", "càng thấp càng tốt",
        "menor melhor", "menor é melhor", "reduzir", "diminuir", "menor mejor",
        "menor es mejor", "reducir", "disminuir",
    ),
    "at_least": (
        "at least", ">=", "≥", "min", "minimum", "no less than",
        "tối thiểu", "ít nhất", "không dưới",
        "no mínimo", "pelo menos", "al menos", "como mínimo", "mínimo",
    ),
    "at_most": (
        "at most", "<=", "≤", "max", "maximum", "no more than",
        "tối đa", "không quá", "không vượt quá",
        "no máximo", "como máximo", "máximo",
    ),
    "binary": (
        "binary", "yes/no", "yes no", "boolean", "done/not done", "milestone",
        "có/không", "nhị phân", "hoàn thành/chưa",
        "sim/não", "sí/no", "binário", "binario", "marco", "hito",
    ),
})

OBJECTIVE_TYPE_WORDS = _fold_keys({
    "committed": (
        "committed", "commit", "commitment", "must",
        "cam kết", "bắt buộc",
        "comprometido", "compromisso", "compromiso",
    ),
    "aspirational": (
        "aspirational", "aspiration", "stretch", "moonshot", "ambitious",
        "tham vọng", "thách thức", "kỳ vọng",
        "aspiracional", "ambicioso", "desafiador", "desafiante",
    ),
})

# What a row of an OKR tool's export is.
ITEM_TYPE_WORDS = _fold_keys({
    "objective": (
        "objective", "goal", "okr objective",
        "mục tiêu",
        "objetivo",
    ),
    "key_result": (
        "key result", "key results", "kr", "keyresult",
        "kết quả then chốt", "kết quả chính",
        "resultado-chave", "resultado chave", "resultado clave",
    ),
    "other": (
        "deliverable", "initiative", "task", "project", "milestone", "action", "action item",
        "sáng kiến", "nhiệm vụ", "dự án", "công việc",
        "iniciativa", "tarefa", "tarea", "projeto", "proyecto", "entregável", "entregable",
    ),
})

# Binary key results: these mean done; anything else written in the cell means not done.
TRUE_WORDS = frozenset(vocabulary_key(w) for w in (
    "done", "yes", "y", "true", "1", "x", "✓", "✔", "☑", "achieved", "complete", "completed",
    "met",
    "có", "hoàn thành", "đã hoàn thành", "đạt", "rồi",
    "sim", "sí", "si", "feito", "concluído", "hecho", "completado", "cumplido", "atingido",
))
# Words that mean "not done" when they appear in a number column (so it reads as 0, not an error).
FALSE_WORDS = frozenset(vocabulary_key(w) for w in (
    "no", "n", "false", "0", "not done", "not met",
    "không", "chưa", "chưa hoàn thành", "không đạt",
    "não", "nao", "não feito", "no hecho",
))
CONFIDENCE_WORDS = {
    vocabulary_key(w): v
    for words, v in (
        (("very low", "rất thấp", "muito baixa", "muy baja"), 0.1),
        (("low", "thấp", "baixa", "baja"), 0.25),
        (("medium", "med", "moderate", "trung bình", "vừa", "média", "media"), 0.5),
        (("high", "cao", "alta"), 0.75),
        (("very high", "rất cao", "muito alta", "muy alta"), 0.9),
    )
    for w in words
}
# fmt: on


def _map_distinct(values: pd.Series, parse: Callable[[pd.Series], pd.Series]) -> pd.Series:
    """Apply a vectorised `parse` to the distinct non-missing values, then map back."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    parsed = parse(pd.Series(uniques, dtype=object)).to_numpy(dtype=object)
    out = np.full(len(values), np.nan, dtype=object)
    present = codes >= 0
    out[present] = parsed[codes[present]]
    return pd.Series(out, index=values.index, dtype=object)


def blank_mask(values: pd.Series) -> pd.Series:
    """True where a cell is empty: missing, or only whitespace."""
    as_str = values.where(values.map(type) == str)  # noqa: E721 - exact type test is intended
    return values.isna() | as_str.str.strip().eq("").fillna(False).astype(bool)


def _cell_to_text(value: object) -> object:
    if isinstance(value, str):
        stripped = value.strip()
        return stripped or np.nan
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if np.isnan(value):
            return np.nan
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def as_text(values: pd.Series) -> pd.Series:
    """Cells as trimmed text (str dtype): blanks become missing, 12.0 becomes "12"."""
    if pd.api.types.infer_dtype(values, skipna=True) in {"string", "empty"}:
        text = values.astype("str").str.strip()
        return text.mask(text.eq(""))
    return _map_distinct(values, lambda u: u.map(_cell_to_text)).astype("str")


def lookup_words(values: pd.Series, vocabulary: Mapping[str, str]) -> pd.Series:
    """Canonical words for cells found in `vocabulary`; other cells keep their (trimmed) text."""
    text = as_text(values)

    def parse(uniques: pd.Series) -> pd.Series:
        keys = uniques.map(vocabulary_key)
        return keys.map(vocabulary).fillna(uniques)

    return _map_distinct(text, parse).astype("str")


# --- numbers -----------------------------------------------------------------------------------

_CURRENCY = re.compile(
    r"(?:R|US|A|C)?\$|[€£¥₫₹]|\b(?:usd|vnd|eur|gbp|vnđ)\b|(?<=\d)\s*đ$", re.IGNORECASE
)
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")
_PERCENT = re.compile(r"%|\bpercent\b|\bpct\b|phần trăm", re.IGNORECASE)
_DONG = re.compile(r"₫|\bvn[dđ]\b|(?<=\d)\s*đ$", re.IGNORECASE)
_DOT_GROUPS = re.compile(r"[-+]?[1-9]\d{0,2}(?:\.\d{3})+")
_PLAIN_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d{1,3})?")
_COMMA_THOUSANDS = re.compile(r"[-+]?[1-9]\d{0,2}(?:,\d{3})+")
_DOT_THOUSANDS = re.compile(r"[-+]?[1-9]\d{0,2}(?:\.\d{3}){2,}")


def _parse_number_text(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Numbers in text cells, and which of them were written as percentages."""
    t = text.astype("str").str.strip()
    negative = t.str.fullmatch(r"\(.*\)")
    t = t.str.replace(r"^\((.*)\)$", r"\1", regex=True).str.replace("−", "-", regex=False)
    percent = t.str.contains(_PERCENT)
    dong = t.str.contains(_DONG)
    t = t.str.replace(_PERCENT, "", regex=True).str.replace(_CURRENCY, "", regex=True)
    t = t.str.replace(_SPACES, "", regex=True)
    has_comma = t.str.contains(",", regex=False)
    has_dot = t.str.contains(".", regex=False)
    comma_last = t.str.rfind(",") > t.str.rfind(".")
    # Both separators: the last one is the decimal point ("1.234,5" and "1,234.5").
    # Commas alone are thousands only in the unambiguous 1,234,567 pattern; otherwise decimal.
    # Dong amounts have no decimals, so their dots group thousands ("500.000 ₫").
    drop_dots = (
        (has_comma & has_dot & comma_last)
        | (~has_comma & t.str.fullmatch(_DOT_THOUSANDS))
        | (dong & ~has_comma & t.str.fullmatch(_DOT_GROUPS))
    )
    drop_commas = (has_comma & has_dot & ~comma_last) | (
        has_comma & ~has_dot & t.str.fullmatch(_COMMA_THOUSANDS)
    )
    t = t.mask(drop_dots, t.str.replace(".", "", regex=False))
    t = t.mask(drop_commas, t.str.replace(",", "", regex=False))
    t = t.str.replace(",", ".", regex=False)
    # Only plain decimal notation: not "inf", "nan" or "1e999", which are not amounts anyone types.
    plain = t.str.fullmatch(_PLAIN_NUMBER).fillna(False).astype(bool)
    number = pd.to_numeric(t.where(plain), errors="coerce").astype(float)
    number = number.where(np.isfinite(number))
    number = number.mask(negative, -number)
    number = number.mask(percent, number / 100)
    return number, percent & number.notna()


def _parse_booleans(text: pd.Series) -> pd.Series:
    keys = text.astype("str").map(vocabulary_key)
    return pd.Series(
        np.select([keys.isin(TRUE_WORDS), keys.isin(FALSE_WORDS)], [1.0, 0.0], np.nan),
        index=text.index,
    )


def parse_numbers(values: pd.Series, *, booleans: bool = False) -> pd.DataFrame:
    """Parse number cells: `value` (float), `percent` (written with %), `failed` (not a number).

    Accepts numbers, numbers stored as text, `70%`, `1,234.5`, `1.234,5`, `0,7`, `(12)`,
    currency symbols; with `booleans`, also yes/no/done words as 1 and 0.
    """
    # Most cells are numbers already (or plain numeric text): convert those in one pass and
    # parse only what is left.
    numeric = pd.to_numeric(values.astype(object), errors="coerce").astype(float)
    numeric = numeric.where(np.isfinite(numeric))  # "inf" is not an amount anyone means
    result = pd.DataFrame({"value": numeric, "percent": False, "failed": False}, index=values.index)
    leftover = numeric.isna() & values.notna()
    if not leftover.any():
        return result
    text = as_text(values[leftover])

    def parse(uniques: pd.Series) -> pd.Series:
        number, percent = _parse_number_text(uniques)
        if booleans:
            number = number.fillna(_parse_booleans(uniques))
        return pd.Series(list(zip(number, percent, strict=True)), index=uniques.index)

    parsed = _map_distinct(text, parse).dropna()
    if len(parsed):
        pairs = pd.DataFrame(parsed.tolist(), index=parsed.index, columns=["value", "percent"])
        result.loc[pairs.index, "value"] = pairs["value"].astype(float)
        result.loc[pairs.index, "percent"] = pairs["percent"].astype(bool)
    result["failed"] = result["value"].isna() & leftover & text.reindex(values.index).notna()
    return result


def as_fraction(parsed: pd.DataFrame, *, percent_scale: bool | pd.Series) -> pd.Series:
    """Values on a 0-1 scale: plain numbers are divided by 100 where the scale is 0-100.

    `percent_scale` is one answer for the column or one per row; cells written with a % sign
    are fractions already.
    """
    divide = ~parsed["percent"] & percent_scale
    return parsed["value"].where(~divide, parsed["value"] / 100)


def binary_done(values: pd.Series) -> pd.Series:
    """1.0 where a binary KR's cell says done (done/yes/true/1/x/✓/có/sim), 0.0 for other text."""
    text = as_text(values)
    keys = _map_distinct(text, lambda u: u.map(vocabulary_key))
    done = keys.isin(TRUE_WORDS)
    return pd.Series(np.where(done, 1.0, 0.0), index=values.index).where(text.notna())


def is_boolean_word(values: pd.Series) -> pd.Series:
    """True where a cell holds a yes/no word (not a bare 0 or 1), hinting at a binary KR."""
    words = pd.Series(False, index=values.index)
    maybe_text = values.notna() & pd.to_numeric(values.astype(object), errors="coerce").isna()
    if maybe_text.any():
        keys = _map_distinct(as_text(values[maybe_text]), lambda u: u.map(vocabulary_key))
        words[maybe_text] = (keys.isin(TRUE_WORDS) | keys.isin(FALSE_WORDS)).to_numpy()
    return words


def parse_confidence(values: pd.Series) -> pd.Series:
    """Confidence on 0-1 from 0-1, 1-10, 0-100 or low/medium/high cells; NaN where unknown."""
    parsed = parse_numbers(values)
    number = parsed["value"].where(~parsed["percent"])
    largest = number.max(skipna=True)
    if largest > 10:
        number = number / 100
    elif largest > 1:
        number = number / 10
    number = number.fillna(parsed["value"].where(parsed["percent"]))
    from_words = _map_distinct(
        as_text(values), lambda u: u.map(vocabulary_key).map(CONFIDENCE_WORDS)
    )
    return number.fillna(from_words.astype(float))


# --- quarters and dates ------------------------------------------------------------------------

_ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4"}
_QUARTER_PATTERNS = (
    re.compile(r"^(?P<year>\d{4})\s*[-/ ]?\s*q\s*(?P<q>[1-4])$"),
    re.compile(r"^q\s*(?P<q>[1-4])\s*(?:[-/ ,.']\s*)?(?:fy\s*)?(?P<year>\d{4}|\d{2})$"),
    re.compile(r"^quy\s*(?P<q>[1-4]|iv|i{1,3})\s*(?:[-/ ,.]\s*)?(?:nam\s*)?(?P<year>\d{4})$"),
    re.compile(r"^(?P<year>\d{4})\s*[-/ ]\s*quy\s*(?P<q>[1-4]|iv|i{1,3})$"),
    # Portuguese and Spanish: T3 2026, 3T 2026, 3º trimestre 2026, 3er trimestre de 2026
    re.compile(
        r"^(?:t|trimestre)\s*(?P<q>[1-4])\s*(?:[-/ ,.']\s*)?(?:de\s*)?(?P<year>\d{4}|\d{2})$"
    ),
    re.compile(
        r"^(?P<q>[1-4])\s*(?:o|º|°|er|do|ro|to)?\s*(?:t|trimestre|tri)\s*(?:[-/ ,.']\s*)?"
        r"(?:de\s*)?(?P<year>\d{4}|\d{2})$"
    ),
)


def _quarter_of_text(text: str) -> str | None:
    key = vocabulary_key(text).replace("/", " / ")
    key = " ".join(key.split())
    for pattern in _QUARTER_PATTERNS:
        match = pattern.match(key)
        if match:
            year = match["year"] if len(match["year"]) == 4 else f"20{match['year']}"
            return f"{year}-Q{_ROMAN.get(match['q'], match['q'])}"
    return None


def _quarter_of_cell(value: object) -> object:
    if isinstance(value, dt.date):
        return f"{value.year}-Q{(value.month - 1) // 3 + 1}"
    if isinstance(value, str):
        return _quarter_of_text(value) or value.strip()
    return _cell_to_text(value)


def parse_quarters(values: pd.Series) -> pd.Series:
    """Quarters as YYYY-Qn; accepts 2026-Q3, Q3 2026, 2026Q3, Q3/2026, Quý 3/2026, Quý III/2026."""
    parsed = _map_distinct(values, lambda u: u.map(_quarter_of_cell)).astype("str")
    return parsed.mask(parsed.eq(""))


def quarter_bounds(quarter: str) -> tuple[dt.date, dt.date]:
    """First and last day of a YYYY-Qn quarter."""
    year, q = int(quarter[:4]), int(quarter[-1])
    first = dt.date(year, 3 * q - 2, 1)
    after = dt.date(year + (q == 4), 1 if q == 4 else 3 * q + 1, 1)
    return first, after - dt.timedelta(days=1)


def is_quarter(values: pd.Series) -> pd.Series:
    """True where a cell is a normalised YYYY-Qn quarter."""
    return values.astype("str").str.fullmatch(r"\d{4}-Q[1-4]").fillna(False).astype(bool)


# Excel stores dates as days since 1899-12-30; a bare number in a date column is read as one
# when it falls between 1954 and 2119, the years OKR due dates plausibly have.
_EXCEL_EPOCH = "1899-12-30"
_EXCEL_SERIALS = (20_000, 80_000)
_ISO_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}(?:[ T].*)?")
_DAY_FIRST = re.compile(r"\d{1,2}/\d{1,2}/\d{4}")


def parse_dates(values: pd.Series) -> pd.Series:
    """Dates (datetime64[us]) from date cells, Excel serial numbers, and text written ISO
    (2026-09-30) or day first (30/09/2026); NaT for blanks and anything else (a time alone, say).
    """
    result = pd.Series(pd.NaT, index=values.index, dtype="datetime64[us]")
    present = values.notna()
    if not present.any():
        return result
    values = values[present]
    kind = pd.api.types.infer_dtype(values, skipna=True)
    if kind in {"datetime", "datetime64", "date"}:
        result[present] = pd.to_datetime(values, errors="coerce").astype("datetime64[us]")
        return result
    is_date = values.map(lambda v: isinstance(v, dt.date)) if kind != "string" else None
    serial = pd.to_numeric(values.where(values.map(type) != str), errors="coerce")  # noqa: E721
    serial = serial.where(serial.between(*_EXCEL_SERIALS))
    text = as_text(values.where(values.map(type) == str))  # noqa: E721
    codes, uniques = pd.factorize(text)
    # Parse each distinct text once, then spread the results back with the codes.
    distinct = pd.Series(uniques, dtype=object)
    iso = distinct.where(distinct.str.fullmatch(_ISO_DATE).fillna(False).astype(bool))
    day_first = distinct.where(distinct.str.fullmatch(_DAY_FIRST).fillna(False).astype(bool))
    parsed = pd.to_datetime(iso, format="ISO8601", errors="coerce").astype("datetime64[us]")
    parsed = parsed.fillna(pd.to_datetime(day_first, format="%d/%m/%Y", errors="coerce"))
    dates = pd.Series(pd.NaT, index=values.index, dtype="datetime64[us]")
    if len(uniques):
        found = parsed.to_numpy(dtype="datetime64[us]")[codes.clip(0)]
        dates = dates.mask(codes >= 0, pd.Series(found, index=values.index))
    dates = dates.fillna(
        pd.to_datetime(serial, unit="D", origin=_EXCEL_EPOCH).astype("datetime64[us]")
    )
    if is_date is not None and is_date.any():
        dates = dates.fillna(pd.to_datetime(values.where(is_date), errors="coerce"))
    result[present] = dates.astype("datetime64[us]")
    return result
