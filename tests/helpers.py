"""Helpers shared by the tests: the page under AppTest, and ledger rows and files.

Test modules import from here, never from one another.
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.testing.v1 import AppTest

from dashboard import config
from dashboard.ledger import LEDGER_COLUMNS

APP = str(config.ROOT / "app.py")
SHIPPED_CONFIG = (config.ROOT / "config.toml").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- the page under AppTest


def run(query: dict | None = None, mode: str | None = None, **session) -> AppTest:
    """The page's first run, with these URL parameters (and ?mode=) and session values."""
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in ((query or {}) | ({"mode": mode} if mode else {})).items():
        at.query_params[k] = v
    for k, v in session.items():
        at.session_state[k] = v
    return at.run()


def map_element(at: AppTest):
    comps = [c for c in at.get("component_instance") if "streamlit_folium" in c.proto.component_name]
    assert len(comps) == 1, "exactly one map on the page"
    return comps[0]


def map_args(at: AppTest) -> dict:
    """What the page sent the map component: script, header, feature groups, centre, links."""
    return json.loads(map_element(at).proto.json_args)


def map_js(at: AppTest) -> str:
    """The text of every script the map component loads (one bundle, dashboard/mapbundle.py)."""
    from dashboard import mapscripts

    texts = []
    for url in map_args(at)["js_links"]:
        body = mapscripts.at(url)
        assert body is not None, f"the map loads {url}, which this server does not serve"
        texts.append(body.decode("utf-8"))
    return "\n".join(texts)


def drawn(at: AppTest) -> str:
    """Everything the map draws: its overlay groups plus the data of every layer they fetch by URL
    (dashboard/layerdata.py; the store is this process's, as in the server)."""
    import gzip
    import re

    from dashboard.layerdata import ROUTE, STORE

    fg = map_args(at)["feature_group"]
    found = [STORE.get(d) for d in re.findall(re.escape(ROUTE) + r"/([0-9a-f]+)\.json", fg)]
    return fg + "".join(gzip.decompress(f[0]).decode("utf-8") for f in found if f is not None)


def html_text(at: AppTest) -> str:
    return "\n".join(h.proto.body for h in at.get("html"))


def html_with(at: AppTest, marker: str) -> str:
    found = [h.proto.body for h in at.get("html") if marker in h.proto.body]
    assert found, f"no st.html holding {marker!r}"
    return found[0]


def _send(at: AppTest, widget_id: str, state: WidgetState) -> AppTest:
    # AppTest cannot drive the map component or a table's selection (they need the frontend), so
    # the next run gets the value the browser would send; Streamlit then calls the element's
    # callback exactly as it does in the browser. (Private AppTest API: _tree, _run.)
    states = at._tree.get_widget_states()
    kept = [w for w in states.widgets if w.id != widget_id]
    del states.widgets[:]
    states.widgets.extend(kept + [state])
    return at._run(states)


def click_map(at: AppTest, properties: dict, lat: float = 34.8, lng: float = 113.5) -> AppTest:
    """A click on a drawn feature with these GeoJSON properties, as streamlit-folium reports it."""
    value = {
        "last_active_drawing": {"type": "Feature", "properties": properties},
        "last_object_clicked": {"lat": lat, "lng": lng},
    }
    widget_id = map_element(at).proto.id
    return _send(at, widget_id, WidgetState(id=widget_id, json_value=json.dumps(value)))


def draw_on_map(at: AppTest, drawing: dict) -> AppTest:
    """A shape drawn with the map's draw tool, as streamlit-folium reports it."""
    widget_id = map_element(at).proto.id
    value = {"last_active_drawing": drawing, "last_object_clicked": None}
    return _send(at, widget_id, WidgetState(id=widget_id, json_value=json.dumps(value)))


def pick_table_row(at: AppTest, key: str, row: int) -> AppTest:
    """Row `row` (0-based, as the table shows it) picked in the table with key `key`."""
    widget_id = at.dataframe(key=key).proto.id
    value = {"selection": {"rows": [row], "columns": [], "cells": []}}
    return _send(at, widget_id, WidgetState(id=widget_id, string_value=json.dumps(value)))


# --------------------------------------------------------------------------- data and config copies


def use_config(monkeypatch, tmp_path: Path, text: str) -> Path:
    """Point the app at a config.toml holding `text`."""
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setattr(config, "DEFAULT_PATH", path)
    return path


def copy_data(tmp_path: Path, monkeypatch) -> Path:
    """A copy of the sample layer files and a config.toml pointing at it; returns the folder."""
    geo = tmp_path / "geo"
    shutil.copytree(config.ROOT / "data" / "geo", geo)
    use_config(monkeypatch, tmp_path, SHIPPED_CONFIG.replace('geo_dir = "data/geo"', f'geo_dir = "{geo}"'))
    return geo


def use_ledger(monkeypatch, tmp_path: Path, ledger_path: Path, tour: str | None = None) -> None:
    """Point the app at a copy of config.toml reading `ledger_path` (and these tour stops)."""
    text = SHIPPED_CONFIG.replace('path = "data/ledger"', f'path = "{ledger_path.as_posix()}"')
    if tour is not None:
        text = text.split("\n[tour]")[0] + "\n" + tour
    use_config(monkeypatch, tmp_path, text)


# --------------------------------------------------------------------------- ledger rows and files


def row(**kw) -> list:
    """A ledger row in LEDGER_COLUMNS order; keyword names are the Chinese headers."""
    base = {
        "项目编号": "P-1",
        "项目名称": "测试项目",
        "所属园区": "沟赵园区",
        "责任单位": "区创新发展局",
        "责任岗位": "待定",
        "完成时限": "2027-06-30",
        "当前进度(%)": "50",
    }
    base.update(kw)
    return [base.get(c, "") for c in LEDGER_COLUMNS]


def write_csv(path: Path, rows: list[list], header=LEDGER_COLUMNS, encoding="utf-8-sig") -> Path:
    with path.open("w", encoding=encoding, newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
    return path


def sign_in(monkeypatch, role: str = "viewer") -> None:
    """The page's next runs as a signed-in session (AppTest cannot send the HttpOnly cookie that
    launcher.py's /signin sets; the cookie itself is tested in tests/test_auth*.py and in the browser)."""
    from dashboard import auth
    from dashboard.auth.accounts import Session

    monkeypatch.setattr(auth, "session_from_cookies", lambda cookies: Session("tester", role, 4102444800.0))


def account_cookie(store_url: str, name: str, role: str) -> str:
    """A signed-in session cookie for a new account `name` in the store a test server uses (made
    through the same accounts code as /signin; the form itself: tests/browser/test_signin_browser.py)."""
    from dashboard.auth import accounts_at

    acc = accounts_at(store_url)
    password = f"{name} test password"
    acc.add_user(name, role, password, by="tests")
    cookie = acc.sign_in(name, password, "127.0.0.1").cookie
    assert cookie is not None
    return cookie
