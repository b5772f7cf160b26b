"""config.toml: what this deployment shows. Read with tomllib, validated against a schema.

Every key has a default and a check; an unknown key is refused with the list of known ones
(geopandas' `_config.py` habit), so a typo never silently falls back to a default.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
# HTZ_CONFIG points a deployment (or a test) at another config file.
DEFAULT_PATH = Path(os.environ.get("HTZ_CONFIG") or ROOT / "config.toml")


class ConfigError(ValueError):
    """config.toml is unreadable or holds an unknown key or a wrong value."""


@dataclass(frozen=True)
class Key:
    default: Any
    check: Callable[[Any], bool]
    expect: str  # what a valid value looks like, for the error message


def _num(lo: float, hi: float) -> Callable[[Any], bool]:
    return lambda v: isinstance(v, (int, float)) and not isinstance(v, bool) and lo <= v <= hi


def _int(lo: int, hi: int) -> Callable[[Any], bool]:
    return lambda v: isinstance(v, int) and not isinstance(v, bool) and lo <= v <= hi


def _pair(lo: tuple[float, float], hi: tuple[float, float]) -> Callable[[Any], bool]:
    return lambda v: (
        isinstance(v, list) and len(v) == 2
        and all(_num(a, b)(x) for x, a, b in zip(v, lo, hi))
    )


def _one_of(*choices: str) -> Callable[[Any], bool]:
    return lambda v: v in choices


def _str_list(v: Any) -> bool:
    return isinstance(v, list) and all(isinstance(x, str) and x for x in v)


def _nonempty_str(v: Any) -> bool:
    return isinstance(v, str) and bool(v.strip())


BASEMAPS = ("offline", "offline-dark", "osm", "gaode", "gaode-satellite", "tianditu", "tianditu-img")

SCHEMA: dict[str, dict[str, Key]] = {
    "map": {
        # [lat, lon] of the view centre; the zone lies north-west of Zhengzhou's centre.
        "center": Key([34.812, 113.525], _pair((34.2, 112.7), (35.0, 114.3)),
                      "[lat, lon] inside Zhengzhou (lat 34.2–35.0, lon 112.7–114.3)"),
        "zoom": Key(13, _int(8, 18), "a whole number 8–18"),
        "min_zoom": Key(9, _int(3, 18), "a whole number 3–18"),
        "max_zoom": Key(18, _int(10, 20), "a whole number 10–20"),
        "height_px": Key(720, _int(300, 3000), "a whole number of pixels 300–3000"),
        "basemap": Key("offline", _one_of(*BASEMAPS), "one of " + ", ".join(BASEMAPS)),
    },
    "ui": {
        "language": Key("zh", _one_of("zh", "en"), '"zh" or "en"'),
    },
    "layers": {
        "enabled": Key(["parks", "supercomputing", "radiation", "enterprises"], _str_list,
                       "a list of layer ids"),
    },
    "radiation": {
        "park_id": Key("park-tianjianhu", _nonempty_str, "a feature id of the parks layer"),
        "area_km2": Key(2.0, _num(0.01, 100.0), "an area in km², 0.01–100"),
        "anchor": Key("footprint", _one_of("footprint", "point"),
                      '"footprint" (buffer the park outline) or "point" (circle round its centre)'),
    },
    "data": {
        # Relative paths are relative to the project folder.
        "geo_dir": Key("data/geo", _nonempty_str, "a folder of GeoJSON layer files"),
        "facts": Key("data/facts.toml", _nonempty_str, "the side-panel facts file"),
        # Coordinates outside this lon/lat box are refused (catches swapped lat/lon).
        "bbox": Key([112.7, 34.2, 114.3, 35.0],
                    lambda v: isinstance(v, list) and len(v) == 4
                    and all(_num(-180, 180)(x) for x in v) and v[0] < v[2] and v[1] < v[3],
                    "[min_lon, min_lat, max_lon, max_lat]"),
    },
}


@dataclass(frozen=True)
class Config:
    values: dict[str, dict[str, Any]] = field(default_factory=dict)
    path: Path | None = None

    def __getitem__(self, section: str) -> dict[str, Any]:
        return self.values[section]

    def path_of(self, key: str) -> Path:
        """A [data] path, resolved against the project folder."""
        return ROOT / self.values["data"][key]


def defaults() -> dict[str, dict[str, Any]]:
    return {s: {k: key.default for k, key in keys.items()} for s, keys in SCHEMA.items()}


def validate(raw: dict[str, Any], source: str = "config.toml") -> Config:
    """Check `raw` against SCHEMA and fill in defaults; raise ConfigError naming every problem."""
    problems: list[str] = []
    values = defaults()
    for section, body in raw.items():
        if section not in SCHEMA:
            problems.append(f"[{section}]: unknown section; known: {', '.join(SCHEMA)}")
            continue
        if not isinstance(body, dict):
            problems.append(f"[{section}]: must be a table")
            continue
        for key, value in body.items():
            spec = SCHEMA[section].get(key)
            if spec is None:
                problems.append(f"[{section}] {key}: unknown key; known: {', '.join(SCHEMA[section])}")
            elif not spec.check(value):
                problems.append(f"[{section}] {key} = {value!r}: expected {spec.expect}")
            else:
                values[section][key] = value
    m = values["map"]
    if not problems and not m["min_zoom"] <= m["zoom"] <= m["max_zoom"]:
        problems.append("[map] zoom must lie between min_zoom and max_zoom")
    if problems:
        raise ConfigError(f"{source}: " + "; ".join(problems))
    return Config(values=values)


def load(path: Path | None = None) -> Config:
    path = path or DEFAULT_PATH  # read at call time: tests and deployments may repoint it
    try:
        raw = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: file not found") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise ConfigError(f"{path}: not valid TOML ({err})") from None
    cfg = validate(raw, source=str(path))
    return Config(values=cfg.values, path=Path(path))
