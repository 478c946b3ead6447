"""Help for driving the app headless with Streamlit's AppTest (tests and benchmarks)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from streamlit.runtime.pages_manager import PagesManager


@contextmanager
def navigation_only() -> Iterator[None]:
    """Make AppTest route through app.py on every rerun, as `streamlit run` does.

    AppTest re-detects a `pages/` folder before every run and then runs the current page as a
    v1 multipage script, skipping app.py. `streamlit run` decides once, and st.navigation turns
    the v1 behaviour off for good.
    """
    original = PagesManager.__init__

    def init(self, *args, **kwargs) -> None:
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    PagesManager.__init__ = init
    try:
        yield
    finally:
        PagesManager.__init__ = original
