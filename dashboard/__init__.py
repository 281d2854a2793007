"""The Streamlit dashboard: promises against outcomes."""
