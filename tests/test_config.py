"""config.toml: validated at start-up, unknown keys refused with the known ones listed."""

import pytest

from dashboard import config


def test_shipped_config_is_valid_and_centred_on_the_zone():
    cfg = config.load(config.ROOT / "config.toml")
    lat, lon = cfg["map"]["center"]
    assert 34.7 < lat < 34.9 and 113.4 < lon < 113.7
    assert cfg["radiation"]["area_km2"] == 2.0


def test_missing_keys_take_their_defaults():
    cfg = config.validate({})
    assert cfg["radiation"]["area_km2"] == 2.0 and cfg["map"]["zoom"] == 13


@pytest.mark.parametrize(
    "raw, fragment",
    [
        ({"map": {"zom": 12}}, "[map] zom: unknown key; known: center, zoom"),  # typo names the right keys
        ({"mapp": {}}, "unknown section; known: map, ui"),  # typo in a section
        ({"map": {"zoom": 30}}, "[map] zoom = 30: expected a whole number 8–18"),
        ({"map": {"center": [113.5, 34.8]}}, "[map] center"),  # swapped lat/lon
        ({"radiation": {"area_km2": -2}}, "[radiation] area_km2 = -2"),
        ({"radiation": {"anchor": "radius"}}, "[radiation] anchor"),  # there is no radius mode
        ({"ui": {"language": "fr"}}, '"zh" or "en"'),
        ({"map": {"zoom": 9, "min_zoom": 10}}, "zoom must lie between"),
    ],
)
def test_bad_config_names_the_key_and_what_is_expected(raw, fragment):
    with pytest.raises(config.ConfigError) as err:
        config.validate(raw)
    assert fragment in str(err.value)


def test_broken_toml_names_the_file(tmp_path):
    bad = tmp_path / "config.toml"
    bad.write_text("[map\nzoom = 3", encoding="utf-8")
    with pytest.raises(config.ConfigError, match="config.toml: not valid TOML"):
        config.load(bad)
