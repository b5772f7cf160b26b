"""Who may see a ledger row: internal unless marked 公开 with an English name."""

from __future__ import annotations

import pytest

from tests.test_ledger import load, row, write_csv


@pytest.mark.parametrize(
    "typed, name_en, expected, reason",
    [
        ("", "", "internal", "unmarked rows are internal"),
        ("内部", "Some project", "internal", "marked internal"),
        ("公开", "Tianjian Lake park, phase 1", "public", "marked public with an English name"),
        ("public", "Phase 1", "public", "the English word works too"),
        ("公开", "", "internal", "public needs an English name; without one it stays internal"),
    ],
)
def test_row_audience(tmp_path, typed, name_en, expected, reason):
    res = load(write_csv(tmp_path / "p.csv", [row(公开范围=typed, **{"项目名称(英文)": name_en})]))
    assert res.errors == [], reason
    assert list(res.rows["audience"]) == [expected], reason


def test_public_without_english_name_is_noted(tmp_path):
    res = load(write_csv(tmp_path / "p.csv", [row(公开范围="公开")]))
    notes = [p for p in res.notes if p.field == "公开范围"]
    assert len(notes) == 1 and "English name" in notes[0].render("en")


def test_unreadable_audience_is_a_row_error(tmp_path):
    res = load(write_csv(tmp_path / "p.csv", [row(公开范围="也许")]))
    assert res.rows.empty
    assert [(p.row, p.field) for p in res.errors] == [(2, "公开范围")]
