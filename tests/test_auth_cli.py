"""scripts/users.py round trip (a subprocess, password on standard input), the OIDC role table,
the [auth] config keys, and the server's start without any outbound connection."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from dashboard import config
from dashboard.auth import Outcome, accounts_from_config, legacy_db_path, role_from_claims
from dashboard.store import open_store
from tests.browser.server import ROOT

USERS = [sys.executable, str(ROOT / "scripts" / "users.py")]


def users(url, *args, stdin=""):
    env = os.environ | {"HTZ_STORE_URL": url}
    return subprocess.run(USERS + list(args), input=stdin, capture_output=True, text=True, env=env, timeout=60)


def test_users_cli_round_trip(tmp_path, monkeypatch):
    db = f"sqlite:///{tmp_path}/store.sqlite3"
    added = users(db, "add", "ann", "--role", "viewer", stdin="first password\n")
    assert added.returncode == 0 and "first password" not in added.stdout + added.stderr
    assert users(db, "add", "ann", "--role", "admin", stdin="other password\n").returncode != 0
    assert users(db, "passwd", "ann", stdin="second password\n").returncode == 0
    listed = users(db, "list")
    assert listed.stdout.split("\t")[:2] == ["ann", "viewer"]
    monkeypatch.setenv("HTZ_STORE_URL", db)
    acc = accounts_from_config(config.load())
    assert acc.sign_in("ann", "first password", "127.0.0.1").outcome is Outcome.REFUSED
    assert acc.sign_in("ann", "second password", "127.0.0.1").outcome is Outcome.OK
    assert users(db, "remove", "ann").returncode == 0
    assert users(db, "list").stdout == ""


def test_users_cli_changes_a_role_disables_and_says_who_in_the_audit_log(tmp_path, monkeypatch):
    db = f"sqlite:///{tmp_path}/store.sqlite3"
    assert users(db, "--by", "张工", "add", "ann", "--role", "viewer", stdin="first password\n").returncode == 0
    assert users(db, "--by", "张工", "role", "ann", "--role", "editor").returncode == 0
    assert users(db, "--by", "张工", "disable", "ann").returncode == 0
    assert users(db, "list").stdout.strip().split("\t")[1::2] == ["editor", "disabled"]
    monkeypatch.setenv("HTZ_STORE_URL", db)
    assert accounts_from_config(config.load()).sign_in("ann", "first password", "::1").outcome is Outcome.REFUSED
    assert users(db, "role", "nobody", "--role", "admin").returncode != 0
    logged = [(a.who, a.action, a.source_name) for a in reversed(open_store(db).audit_log("accounts"))]
    via = "scripts/users.py"
    assert logged == [
        ("张工", "account-created", via),
        ("张工", "account-role", via),
        ("张工", "account-disabled", via),
    ]


def test_users_cli_refuses_a_short_password_and_a_bad_role(tmp_path):
    db = f"sqlite:///{tmp_path}/store.sqlite3"
    assert users(db, "add", "bob", "--role", "viewer", stdin="short\n").returncode != 0
    assert users(db, "add", "bob", "--role", "boss", stdin="long enough\n").returncode != 0
    assert users(db, "list").stdout == ""


OIDC = {"role_claim": "groups", "roles": {"htz-admins": "admin", "htz-editors": "editor", "htz-staff": "viewer"}}


@pytest.mark.parametrize(
    "claims, role, why",
    [
        ({"groups": ["htz-staff"]}, "viewer", "one mapped group"),
        ({"groups": ["htz-staff", "htz-admins", "other"]}, "admin", "the highest mapped role wins"),
        ({"groups": "htz-editors"}, "editor", "a single string claim"),
        ({"groups": ["other"]}, None, "no mapped group: public view"),
        ({"email": "a@b"}, None, "no claim at all"),
        ({"groups": None}, None, "an empty claim"),
    ],
)
def test_oidc_claims_map_to_a_role(claims, role, why):
    assert role_from_claims(claims, OIDC) == role, why


def test_oidc_claim_name_is_configurable():
    assert role_from_claims({"roles": ["x"]}, {"role_claim": "roles", "roles": {"x": "editor"}}) == "editor"


def test_auth_config_defaults_and_checks():
    auth = config.validate({})["auth"]
    assert (auth["db"], auth["max_failures"], auth["window_s"], auth["session_hours"]) == (
        "data/auth.sqlite3",
        5,
        300,
        12,
    )
    with pytest.raises(config.ConfigError, match="oidc"):
        config.validate({"auth": {"oidc": {"roles": {"g": "superuser"}}}})
    with pytest.raises(config.ConfigError, match="max_failures"):
        config.validate({"auth": {"max_failures": 0}})


def test_the_old_accounts_file_is_auth_db_or_its_env_override(monkeypatch, tmp_path):
    monkeypatch.setenv("HTZ_AUTH_DB", str(tmp_path / "x.db"))
    assert legacy_db_path(config.validate({})) == tmp_path / "x.db"
    monkeypatch.delenv("HTZ_AUTH_DB", raising=False)
    assert legacy_db_path(config.validate({})) == config.ROOT / "data" / "auth.sqlite3"


PRINT_URLS = """
import sys
from streamlit import config, net_util
from streamlit.web import bootstrap
config._main_script_path = sys.argv[1]  # as `streamlit run launcher.py` does: reads .streamlit/config.toml
bootstrap.load_config_options({})
net_util.get_external_ip = lambda: print("EXTERNAL-IP-CHECK")
bootstrap._print_url(False)
"""


def test_starting_the_server_asks_no_service_for_the_external_ip():
    # With no server.address given (the usual deployment), streamlit would call checkip.amazonaws.com
    # to print an "External URL"; .streamlit/config.toml's browser.serverAddress turns that off.
    out = subprocess.run(
        [sys.executable, "-c", PRINT_URLS, str(ROOT / "launcher.py")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert "URL" in out.stdout and "EXTERNAL-IP-CHECK" not in out.stdout


def test_a_provider_signed_in_user_with_a_mapped_group_gets_an_internal_session():
    from dashboard.auth import session_from_claims

    claims = {"is_logged_in": True, "email": "li@htz.example", "groups": ["htz-staff"]}
    session = session_from_claims(claims, OIDC, now=1000.0, hours=12)
    assert (session.user, session.role, session.expires) == ("li@htz.example", "viewer", 1000.0 + 12 * 3600)
    assert session_from_claims(claims | {"groups": ["others"]}, OIDC, 1000.0, 12) is None, "no mapped group: public"
    assert session_from_claims({"is_logged_in": False}, OIDC, 1000.0, 12) is None
