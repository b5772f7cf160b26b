"""Serve the dashboard with its sign-in routes: `streamlit run launcher.py` (scripts/run.sh does).

st.App (Streamlit ≥ 1.56's ASGI app) serves app.py plus our routes, which match before
Streamlit's own: /signin (form), /auth/logout (where st.logout() sends the browser), /signout,
and /layerdata/<hash>.json (the map's layer data, dashboard/layerroute.py).
On the first start with no account, an `admin` account is created and its random password
printed here, once. `app` is what `streamlit run` looks for.
"""

from __future__ import annotations

import streamlit as st

from dashboard import auth, config, layerroute
from dashboard.auth import web

_accounts = auth.accounts_from_config(config.load())
_accounts.ensure_first_admin(announce=lambda text: print(text, flush=True))

app = st.App("app.py", routes=web.routes(_accounts) + layerroute.routes(lambda: _accounts))

if __name__ == "__main__":
    app.run()
