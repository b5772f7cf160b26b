"""A brief for every feature a visitor can select builds, in both languages (one PDF with both
pages, one PNG per language), and each page keeps to one A4 sheet."""

from __future__ import annotations

import io
import subprocess

import pytest
from PIL import Image

from dashboard import audience, brief, candidates, catalog, config

CAT = audience.view(catalog.load_catalog(config.load(config.DEFAULT_PATH)), "public")
OPTS = brief.Options(comparison=candidates.load(config.ROOT / "data" / "candidates.toml", CAT.facts))
SELECTABLE = [sel for sel, _label in catalog.options(CAT, "zh")]


def test_the_public_view_has_features_to_brief():
    assert {s.layer for s in SELECTABLE} >= {"parks", "supercomputing", "radiation", "enterprises"}


@pytest.mark.parametrize("sel", [*SELECTABLE, None], ids=lambda s: str(s) if s else "whole-map")
def test_brief_builds_in_both_languages(sel, tmp_path):
    path = tmp_path / "b.pdf"
    path.write_bytes(brief.pdf_bytes(CAT, sel, ("zh", "en"), OPTS))
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert "Pages:           2" in info
    for lang in ("zh", "en"):
        assert Image.open(io.BytesIO(brief.png_bytes(CAT, sel, lang, OPTS))).width == 1080
