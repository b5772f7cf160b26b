"""Sign-in rules (dashboard/auth): hashing, one answer for unknown user and wrong password, the
rate limit per account and per client with an injected clock, session tokens, the first admin."""

from __future__ import annotations

import logging

import pytest
from argon2 import PasswordHasher

from dashboard.auth import Accounts, Limits, Outcome, Session, can, session_from_cookies, signin_href
from dashboard.auth.passwords import Passwords
from dashboard.auth.store import AccountStore
from dashboard.auth.tokens import COOKIE, Signer
from dashboard.store import Store

FAST = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)  # argon2id, cheap: tests only
RIGHT = "correct horse battery"


class Clock:
    def __init__(self, now: float = 1_800_000_000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def accounts(tmp_path, clock):
    acc = Accounts(
        AccountStore(Store(f"sqlite:///{tmp_path}/store.sqlite3").engine),
        Signer("test secret"),
        Passwords(FAST),
        Limits(max_failures=5, window_s=300, session_hours=12),
        clock=clock,
    )
    acc.add_user("ann", "editor", RIGHT)
    return acc


def test_same_password_hashes_differently_and_both_verify():
    pw = Passwords(FAST)
    a, b = pw.hash(RIGHT), pw.hash(RIGHT)
    assert a != b and a.startswith("$argon2id$")
    assert pw.verify(a, RIGHT) and pw.verify(b, RIGHT)
    assert not pw.verify(a, RIGHT + "x")


def test_the_default_hasher_is_argon2id_with_64_mib():
    h = Passwords().hasher
    assert h.type.name == "ID" and h.memory_cost == 65536


def test_unknown_user_and_wrong_password_get_the_same_answer(accounts):
    assert accounts.sign_in("nobody", RIGHT, "10.0.0.1") == accounts.sign_in("ann", "wrong", "10.0.0.2")
    assert accounts.sign_in("nobody", RIGHT, "10.0.0.1").outcome is Outcome.REFUSED


def test_an_unknown_user_costs_a_hash_check_too(accounts, monkeypatch):
    seen = []

    class Spy:  # the real hasher, recording each hash it checks against
        def hash(self, password):
            return FAST.hash(password)

        def verify(self, hash_, password):
            seen.append(hash_)
            return FAST.verify(hash_, password)

    monkeypatch.setattr(accounts.passwords, "hasher", Spy())
    accounts.sign_in("nobody", RIGHT, "10.0.0.1")
    assert len(seen) == 1 and seen[0].startswith("$argon2id$")


def test_right_password_signs_in_with_a_session(accounts, clock):
    result = accounts.sign_in("ann", RIGHT, "10.0.0.1")
    assert result.outcome is Outcome.OK and result.max_age == 12 * 3600
    assert accounts.session(result.cookie) == Session("ann", "editor", clock.now + 12 * 3600)


def test_six_wrong_passwords_lock_the_account_even_for_the_right_one(accounts, clock):
    outcomes = [accounts.sign_in("ann", f"guess {i}", "10.0.0.1").outcome for i in range(6)]
    assert outcomes == [Outcome.REFUSED] * 5 + [Outcome.LOCKED]
    clock.now += 299
    assert accounts.sign_in("ann", RIGHT, "10.0.0.9").outcome is Outcome.LOCKED  # other client too


def test_the_lock_is_checked_before_any_hash(accounts, monkeypatch):
    for i in range(5):
        accounts.sign_in("ann", f"guess {i}", "10.0.0.1")
    monkeypatch.setattr(accounts.passwords, "verify", lambda *a: pytest.fail("hashed while locked"))
    assert accounts.sign_in("ann", RIGHT, "10.0.0.1").outcome is Outcome.LOCKED


def test_lockout_ends_after_the_window(accounts, clock):
    for i in range(5):
        accounts.sign_in("ann", f"guess {i}", "10.0.0.1")
    clock.now += 301
    assert accounts.sign_in("ann", RIGHT, "10.0.0.1").outcome is Outcome.OK


def test_one_client_trying_many_names_is_locked_out(accounts):
    for i in range(5):
        assert accounts.sign_in(f"user{i}", "guess", "10.0.0.66").outcome is Outcome.REFUSED
    assert accounts.sign_in("ann", RIGHT, "10.0.0.66").outcome is Outcome.LOCKED
    assert accounts.sign_in("ann", RIGHT, "10.0.0.1").outcome is Outcome.OK  # others are not


def test_failures_are_logged_without_the_password(accounts, caplog):
    caplog.set_level(logging.INFO, logger="dashboard.auth")
    for i in range(6):
        accounts.sign_in("ann", f"secret-guess-{i}", "10.0.0.7")
    accounts.sign_in("ann", RIGHT, "10.0.0.8")
    failed = [r.getMessage() for r in caplog.records if "failed" in r.getMessage()]
    assert len(failed) == 5 and all("'ann'" in m and "10.0.0.7" in m for m in failed)
    assert "secret-guess" not in caplog.text and RIGHT not in caplog.text


@pytest.mark.parametrize(
    "tamper, why",
    [
        (lambda c: c[:-2] + ("AA" if not c.endswith("AA") else "BB"), "signature changed"),
        (lambda c: "x" + c, "payload changed"),
        (lambda c: Signer("another secret").sign("made-up id"), "signed with another secret"),
        (lambda c: "", "empty"),
    ],
)
def test_forged_tokens_are_refused(accounts, tamper, why):
    cookie = accounts.sign_in("ann", RIGHT, "10.0.0.1").cookie
    assert accounts.session(tamper(cookie)) is None, why


def test_a_session_expires(accounts, clock):
    cookie = accounts.sign_in("ann", RIGHT, "10.0.0.1").cookie
    clock.now += 12 * 3600 - 1
    assert accounts.session(cookie) is not None
    clock.now += 2
    assert accounts.session(cookie) is None


def test_sign_out_and_password_change_revoke_sessions(accounts):
    first = accounts.sign_in("ann", RIGHT, "10.0.0.1").cookie
    second = accounts.sign_in("ann", RIGHT, "10.0.0.1").cookie
    accounts.sign_out(first)
    assert accounts.session(first) is None and accounts.session(second) is not None
    accounts.set_password("ann", "a new password")
    assert accounts.session(second) is None


def test_a_removed_user_has_no_session(accounts):
    cookie = accounts.sign_in("ann", RIGHT, "10.0.0.1").cookie
    accounts.store.remove_user("ann")
    assert accounts.session(cookie) is None


def test_session_from_cookies_reads_our_cookie_only(accounts):
    cookie = accounts.sign_in("ann", RIGHT, "10.0.0.1").cookie
    assert session_from_cookies({COOKIE: cookie}, accounts).user == "ann"
    assert session_from_cookies({"other": cookie}, accounts) is None
    assert session_from_cookies({}) is None  # no cookie: no database opened at all


def test_first_run_creates_admin_once_and_prints_its_password(tmp_path, capsys):
    acc = Accounts(AccountStore(Store(f"sqlite:///{tmp_path}/a.sqlite3").engine), Signer("s"), Passwords(FAST))
    password = acc.ensure_first_admin()
    assert password and password in capsys.readouterr().out
    assert [(u.name, u.role) for u in acc.store.users()] == [("admin", "admin")]
    assert acc.sign_in("admin", password, "127.0.0.1").outcome is Outcome.OK
    assert acc.ensure_first_admin() is None and capsys.readouterr().out == ""
    assert len(acc.store.users()) == 1


def test_no_first_admin_when_accounts_exist(accounts):
    assert accounts.ensure_first_admin(announce=lambda s: pytest.fail("announced")) is None


def test_can_orders_roles():
    editor = Session("ann", "editor", 0)
    assert can(editor, "viewer") and can(editor, "editor") and not can(editor, "admin")
    assert not can(None, "viewer")


def test_signin_href_returns_to_the_same_page():
    assert signin_href({}) == "/signin?next=%2F"
    assert signin_href({"lang": "en", "select": "a/b"}) == "/signin?next=%2F%3Flang%3Den%26select%3Da%252Fb"
