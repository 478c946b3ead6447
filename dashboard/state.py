"""The session state keys the app and its pages share, defined once."""

from __future__ import annotations

QUARTER = "quarter"
AS_OF = "as_of"
UPLOAD = "upload"
