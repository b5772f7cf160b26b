"""The selected feature as a value: one "layer/id" text both ways, and what each source of a
selection (map click, table row, search box, sent link) turns into."""

import pytest

from dashboard.selection import Selection, from_click, from_row, parse


def test_text_round_trip_is_layer_slash_id():
    sel = Selection("supercomputing", "sc-building-11")
    assert str(sel) == "supercomputing/sc-building-11"
    assert parse(str(sel)) == sel
    layer, fid = sel
    assert (layer, fid) == ("supercomputing", "sc-building-11")


@pytest.mark.parametrize("text", [None, "", "parks", "parks/", "/park-gouzhao", 7])
def test_anything_else_in_a_link_or_the_search_box_selects_nothing(text):
    assert parse(text) is None


def test_an_id_may_hold_a_slash_after_the_layer():
    assert parse("projects/P-2019/11") == Selection("projects", "P-2019/11")


def test_a_click_on_one_of_our_features_selects_it():
    returned = {
        "last_active_drawing": {"type": "Feature", "properties": {"layer": "parks", "id": "park-gouzhao"}},
        "last_object_clicked": {"lat": 34.8, "lng": 113.5},
    }
    assert from_click(returned) == Selection("parks", "park-gouzhao")


@pytest.mark.parametrize(
    "returned",
    [
        None,
        {},
        {"last_active_drawing": None},
        {"last_active_drawing": {"properties": {"name": "中原区"}}},  # a basemap district
        {"last_active_drawing": {"properties": {"layer": "parks", "id": 3}}},  # not our properties
    ],
)
def test_a_click_on_anything_else_selects_nothing(returned):
    assert from_click(returned) is None


def test_a_picked_table_row_selects_the_project_shown_in_that_row():
    state = {"selection": {"rows": [1], "columns": [], "cells": []}}
    assert from_row("projects", ["P-1", "P-2"], state) == Selection("projects", "P-2")


@pytest.mark.parametrize("state", [None, {}, {"selection": {"rows": []}}, {"selection": {"rows": [5]}}])
def test_a_cleared_or_stale_row_selection_selects_nothing(state):
    assert from_row("projects", ["P-1", "P-2"], state) is None
