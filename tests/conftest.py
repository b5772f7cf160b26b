"""Fixtures shared by the unit and AppTest modules (helpers without fixtures: tests/helpers.py)."""

import pytest

from tests.helpers import sign_in


@pytest.fixture
def signed_in(monkeypatch):
    """The page runs for a signed-in viewer: the internal view (war map, ledger, data problems)."""
    sign_in(monkeypatch)
