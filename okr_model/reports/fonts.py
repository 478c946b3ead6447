"""The TrueType font the PDF report embeds, so Vietnamese (and all Latin) text renders.

PDF's built-in Helvetica has no glyphs for "ă", "ơ", "ư" or "ạ". DejaVu Sans has them all and
is shipped inside matplotlib's wheel (`matplotlib/mpl-data/fonts/ttf/`), so `pip install -r
requirements.txt` is enough on any machine: nothing is downloaded at run time. matplotlib is
found without being imported (importing it takes a while and is not needed). Debian's
`fonts-dejavu-core` is the fallback; with neither, the report falls back to Helvetica and
letters outside Latin-1 may not show.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from functools import cache
from pathlib import Path

REGULAR, BOLD = "DejaVuSans.ttf", "DejaVuSans-Bold.ttf"
SYSTEM_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))


@dataclass(frozen=True)
class FontFiles:
    regular: Path
    bold: Path


def _matplotlib_fonts() -> Path | None:
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf"


@cache
def find_font() -> FontFiles | None:
    """DejaVu Sans (regular and bold) from matplotlib's package, else the system; else None."""
    folders = [_matplotlib_fonts(), *SYSTEM_DIRS]
    for folder in folders:
        if folder is not None and (folder / REGULAR).is_file() and (folder / BOLD).is_file():
            return FontFiles(regular=folder / REGULAR, bold=folder / BOLD)
    return None
