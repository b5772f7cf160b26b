"""The meeting-room screen through AppTest: a small notice when data problems exist (signed in: the
problems, short; a visitor: one neutral line) and a legend that lists only what is drawn; a screen
pinned to a ledger version ignores a saved change until unpinned (issue 10)."""

import os
import time

import pytest

from tests.helpers import copy_data, html_text, map_args, row, run, sign_in, use_ledger, write_csv

NOTICE = 'class="screen-notice'


def overdue(at) -> str:
    """The KPI strip's overdue count."""
    strip = next(h.proto.body for h in at.get("html") if "kpi-strip" in h.proto.body and "screen-top" in h.proto.body)
    return strip.split('st-overdue"><span class="kpi-n">')[1].split("<")[0]


# --------------------------------------------------------------------------- problem notice


@pytest.fixture
def broken_parks(tmp_path, monkeypatch):
    (copy_data(tmp_path, monkeypatch) / "parks.geojson").write_text("{ not json", encoding="utf-8")


def test_no_notice_on_a_screen_whose_data_is_whole(signed_in):
    at = run(mode="screen")
    assert not at.exception and NOTICE not in html_text(at)


def test_a_broken_file_shows_a_short_notice_and_its_layer_leaves_the_legend(signed_in, broken_parks):
    at = run(mode="screen")
    notice = html_text(at).split(NOTICE)[1].split("</div></div>")[0]
    assert "数据问题" in notice and "parks.geojson" in notice, notice
    script = map_args(at)["script"]
    assert "园区(示意范围)" not in script and 'data-layer=\\"parks\\"' not in script, (
        "the legend lists only what is drawn"
    )
    assert 'data-layer=\\"enterprises\\"' in script


def test_a_visitors_screen_says_only_that_some_data_could_not_be_shown(broken_parks):
    at = run(mode="screen", query={"lang": "en"})
    text = html_text(at)
    assert "Some data could not be shown" in text
    assert "parks.geojson" not in text and "parks.geojson" not in map_args(at)["script"]


# --------------------------------------------------------------------------- pinned version


@pytest.fixture
def ledger_file(tmp_path, monkeypatch):
    path = write_csv(
        tmp_path / "projects.csv", [row(项目编号="P-1", 完成时限="2099-12-31", 经度="113.50", 纬度="34.80")]
    )
    use_ledger(monkeypatch, tmp_path, path)
    return path


def save(path, deadline: str) -> None:
    write_csv(path, [row(项目编号="P-1", 完成时限=deadline, 经度="113.50", 纬度="34.80")])
    os.utime(path, (time.time(), time.time() + 2))


def test_a_pinned_screen_ignores_a_saved_change_until_unpinned(signed_in, ledger_file):
    desk = run()  # takes the file in as version 1; the sidebar offers to pin the screen to it
    pin = [b for b in desk.get("link_button") if "version=" in b.proto.url]
    assert [b.proto.url for b in pin] == ["./?mode=screen&version=1&lang=zh"]
    pinned = run(mode="screen", query={"version": "1"})
    assert overdue(pinned) == "0" and "已固定:台账第 1 版" in html_text(pinned)
    save(ledger_file, "2020-01-01")  # the deadline moves into the past: version 2, overdue
    assert overdue(run(mode="screen")) == "1", "a live screen follows the save"
    pinned.run()  # whatever reruns the pinned screen, it still shows version 1
    assert overdue(pinned) == "0" and "已固定:台账第 1 版" in html_text(pinned)
    del pinned.query_params["version"]  # unpinned: live again
    assert overdue(pinned.run()) == "1" and "已固定" not in html_text(pinned)


def test_an_unknown_version_says_so_and_shows_live_data(signed_in, ledger_file):
    run()
    save(ledger_file, "2020-01-01")
    at = run(mode="screen", query={"version": "99", "lang": "en"})
    assert "There is no ledger version 99: showing live data" in html_text(at) and overdue(at) == "1"
    assert "version= should be" in html_text(run(mode="screen", query={"version": "x1", "lang": "en"}))


def test_a_visitors_screen_ignores_version_and_the_desk_offers_no_pin(ledger_file, monkeypatch):
    from dashboard import auth

    sign_in(monkeypatch)
    run()  # version 1, then version 2
    save(ledger_file, "2020-01-01")
    monkeypatch.setattr(auth, "session_from_cookies", lambda cookies: None)  # signed out: a visitor
    at = run(mode="screen", query={"version": "1"})
    assert "已固定" not in html_text(at) and 'class="kpi-n"' not in html_text(at), "no pin, no ledger for a visitor"
    assert not [b for b in run().get("link_button") if "version=" in b.proto.url]
