"""Streamlit glue for the dashboard: session state keys, cached loading, the sidebar.

Everything here may import Streamlit; `okr_model` never does.
"""
