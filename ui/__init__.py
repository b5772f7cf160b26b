"""The Streamlit page's pieces (app.py wires them): widgets and session state only; the engine is dashboard/."""
