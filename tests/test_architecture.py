"""The core library stays pure (no Streamlit) and its public surface is deliberate."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT

import okr_model


def test_okr_model_never_imports_streamlit():
    code = (
        "import sys, okr_model, okr_model.cli, okr_model.samples\n"
        "import pkgutil, importlib\n"
        "for m in pkgutil.iter_modules(okr_model.__path__):\n"
        "    if m.name != '__main__': importlib.import_module('okr_model.' + m.name)\n"
        "loaded = sorted(m for m in sys.modules if 'streamlit' in m)\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_no_module_in_okr_model_mentions_streamlit():
    offenders = [
        p.name
        for p in (ROOT / "okr_model").rglob("*.py")
        if "streamlit" in p.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_public_names_are_pinned():
    assert sorted(okr_model.__all__) == sorted(
        [
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
    )
    for name in okr_model.__all__:
        assert hasattr(okr_model, name)
