"""The session state keys the app and its pages share, defined once."""

from __future__ import annotations

# Widgets (their values live under these keys)
UPLOADS = "uploads"
QUARTER = "quarter"
AS_OF = "as_of"
LEVELS = "filter_levels"
UNITS = "filter_units"
OWNERS = "filter_owners"
TYPES = "filter_types"
USE_ASSESSED = "use_assessed_scores"
NO_DATA_AS_ZERO = "no_data_as_zero"
ROLLUP = "rollup"
# Set by app.py for the pages
VIEW = "view"
# The user's corrections to detected columns (a ColumnMapping as a dict)
MAPPING = "mapping"
# The last uploaded files that could be read: a bad upload keeps showing these
LAST_GOOD = "last_good_files"
