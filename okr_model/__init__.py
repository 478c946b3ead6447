"""okr_model: read, validate, score and roll up OKRs kept in spreadsheets.

A pure library (no Streamlit): the dashboard, the CLI and the reports all call these names.
"""

from importlib.metadata import PackageNotFoundError, version

from okr_model.columns import CANONICAL_COLUMNS, CanonicalColumn
from okr_model.loading import OKRTable, Reconciliation, build_table, load_okrs
from okr_model.output import check_to_dict, scorecard_to_dict
from okr_model.policy import GradeBands, PaceThresholds, ScoringPolicy, formula_card
from okr_model.reader import OKRFileError, SourceTable, combine_sources, read_okr_file
from okr_model.scorecard import Filters, Scorecard, analyse
from okr_model.values import DIRECTIONS, LEVELS, OBJECTIVE_TYPES

try:
    __version__ = version("okr-dashboard")
except PackageNotFoundError:  # running from a checkout that was not installed
    __version__ = "0.0.0"

__all__ = [
    "CANONICAL_COLUMNS",
    "DIRECTIONS",
    "LEVELS",
    "OBJECTIVE_TYPES",
    "CanonicalColumn",
    "Filters",
    "GradeBands",
    "OKRFileError",
    "OKRTable",
    "PaceThresholds",
    "Reconciliation",
    "Scorecard",
    "ScoringPolicy",
    "SourceTable",
    "__version__",
    "analyse",
    "build_table",
    "check_to_dict",
    "combine_sources",
    "formula_card",
    "load_okrs",
    "read_okr_file",
    "scorecard_to_dict",
]
