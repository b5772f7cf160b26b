"""config.toml: what this deployment shows. Read with tomllib, validated against a schema.

Every key has a default and a check; an unknown key is refused with the list of known ones
(geopandas' `_config.py` habit), so a typo never silently falls back to a default.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# HTZ_CONFIG points a deployment (or a test) at another config file.
DEFAULT_PATH = Path(os.environ.get("HTZ_CONFIG") or ROOT / "config.toml")


class ConfigError(ValueError):
    """config.toml is unreadable or holds an unknown key or a wrong value."""


REQUIRED = object()  # the default of a key a table must give


@dataclass(frozen=True)
class Key:
    default: Any
    check: Callable[[Any], bool]
    expect: str  # what a valid value looks like, for the error message
    items: dict[str, Key] | None = None  # set: a list of tables ([[section.key]]) checked against these


def _num(lo: float, hi: float) -> Callable[[Any], bool]:
    return lambda v: isinstance(v, (int, float)) and not isinstance(v, bool) and lo <= v <= hi


def _int(lo: int, hi: int) -> Callable[[Any], bool]:
    return lambda v: isinstance(v, int) and not isinstance(v, bool) and lo <= v <= hi


def _pair(lo: tuple[float, float], hi: tuple[float, float]) -> Callable[[Any], bool]:
    return lambda v: (
        isinstance(v, list) and len(v) == 2 and all(_num(a, b)(x) for x, a, b in zip(v, lo, hi, strict=False))
    )


def _one_of(*choices: str) -> Callable[[Any], bool]:
    return lambda v: v in choices


def _str_list(v: Any) -> bool:
    return isinstance(v, list) and all(isinstance(x, str) and x for x in v)


def _nonempty_str(v: Any) -> bool:
    return isinstance(v, str) and bool(v.strip())


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _clock(v: Any) -> bool:
    """ "HH:MM", 24-hour."""
    if not isinstance(v, str) or len(v) != 5 or v[2] != ":" or not (v[:2] + v[3:]).isdigit():
        return False
    return int(v[:2]) < 24 and int(v[3:]) < 60


BASEMAPS = ("offline", "offline-dark", "osm", "gaode", "gaode-satellite", "tianditu", "tianditu-img")

SCHEMA: dict[str, dict[str, Key]] = {
    "map": {
        # [lat, lon] of the view centre; the zone lies north-west of Zhengzhou's centre.
        # It must lie inside [data] bbox (checked in `validate`, where both are known).
        "center": Key([34.812, 113.525], _pair((-90, -180), (90, 180)), "[lat, lon]"),
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
        "enabled": Key(
            ["parks", "supercomputing", "radiation", "enterprises", "projects"], _str_list, "a list of layer ids"
        ),
    },
    "radiation": {
        "park_id": Key("park-tianjianhu", _nonempty_str, "a feature id of the parks layer"),
        "area_km2": Key(2.0, _num(0.01, 100.0), "an area in km², 0.01–100"),
        "anchor": Key(
            "footprint",
            _one_of("footprint", "point"),
            '"footprint" (buffer the park outline) or "point" (circle round its centre)',
        ),
    },
    "basemaps": {
        # A tile basemap whose first tile has not loaded this long after it was requested is
        # replaced by the offline basemap in the browser (tile errors switch sooner).
        "fallback_timeout_s": Key(6, _num(1, 60), "seconds, 1–60"),
        # 天地图's map approval number (审图号) as printed on tianditu.gov.cn, shown in the
        # Tianditu attribution. Empty: not shown (never guessed).
        "tianditu_approval_no": Key("", lambda v: isinstance(v, str), 'a string like "GS(…)…号", or ""'),
    },
    "data": {
        # Relative paths are relative to the project folder.
        "geo_dir": Key("data/geo", _nonempty_str, "a folder of GeoJSON layer files"),
        "facts": Key("data/facts.toml", _nonempty_str, "the side-panel facts file"),
        "programme": Key("data/programme.toml", _nonempty_str, "the programme's targets and chain"),
        "candidates": Key("data/candidates.toml", _nonempty_str, "the candidate buildings' comparison"),
        # Coordinates outside this lon/lat box are refused (catches swapped lat/lon). The one
        # place the Zhengzhou box is written: layers, ledger, map centre and graticule use it.
        "bbox": Key(
            [112.7, 34.2, 114.3, 35.0],
            lambda v: (
                isinstance(v, list)
                and len(v) == 4
                and all(_num(-180, 180)(x) for x in v)
                and v[0] < v[2]
                and v[1] < v[3]
            ),
            "[min_lon, min_lat, max_lon, max_lat]",
        ),
    },
    "ledger": {
        # The project ledger (工作台账) behind the war map: a folder holding projects.xlsx and/or
        # projects.csv (the newer wins), or one such file. Relative to the project folder.
        "path": Key("data/ledger", _nonempty_str, "a folder holding projects.xlsx / projects.csv, or one such file"),
        # The page checks the file this often and redraws when it has changed (no restart).
        "poll_s": Key(5, _num(1, 3600), "seconds, 1–3600"),
    },
    "meeting": {
        # The weekly key-project meeting (server's local time): 本周变化 compares the ledger with
        # the version current at the last meeting (dashboard/meeting/baseline.py).
        "weekday": Key("monday", _one_of(*WEEKDAYS), "one of " + ", ".join(WEEKDAYS)),
        "time": Key("09:00", _clock, '"HH:MM", 24-hour, e.g. "09:00"'),
    },
    "screen": {
        # Meeting-room mode (?mode=screen): the basemap, and how much larger than the desk view
        # type, lines and markers are on a 1920-px-wide screen (they grow with wider screens).
        "basemap": Key("offline-dark", _one_of(*BASEMAPS), "one of " + ", ".join(BASEMAPS)),
        "scale": Key(2.0, _num(1, 4), "a factor 1–4"),
    },
    "tour": {
        # Screen mode steps through these stops every interval_s (presenter keys step it too).
        "interval_s": Key(20, _num(3, 3600), "seconds, 3–3600"),
        "stops": Key(
            [],
            lambda v: True,
            "a list of [[tour.stops]] tables",
            items={
                "layer": Key("", _nonempty_str, "a layer id (show the whole layer)"),
                "feature": Key("", _nonempty_str, "a feature id (show that feature)"),
                "zoom": Key(None, _int(3, 20), "a whole number 3–20 (omit: fit the layer or feature)"),
                "caption_zh": Key(REQUIRED, _nonempty_str, "the caption in Chinese"),
                "caption_en": Key("", _nonempty_str, "the caption in English"),
            },
        ),
    },
    "store": {
        # Every version of the layers and the ledger, and the audit log (dashboard/store). SQLite by
        # default (created on first run, git-ignored; relative to the project folder); several
        # replicas share "postgresql+psycopg://user:pass@host/db" (PostGIS). $HTZ_STORE_URL overrides it.
        "url": Key(
            "sqlite:///data/store.sqlite3",
            lambda v: isinstance(v, str) and v.startswith(("sqlite:///", "postgresql")),
            '"sqlite:///path" or "postgresql+psycopg://user:password@host:port/database"',
        ),
    },
    "auth": {
        # Sign-in (dashboard/auth; the accounts live in the [store]): db is the OLD accounts file, taken
        # into the store once if it exists ($HTZ_AUTH_DB overrides it); the failed sign-ins allowed per account and per client address within window_s, and
        # how long a sign-in lasts.
        "db": Key("data/auth.sqlite3", _nonempty_str, "a path to the old accounts file (taken into the store once)"),
        "max_failures": Key(5, _int(1, 100), "a whole number 1–100"),
        "window_s": Key(300, _int(10, 86400), "seconds, 10–86400"),
        "session_hours": Key(12, _num(0.1, 24 * 30), "hours, 0.1–720"),
        # [auth.oidc]: map an identity provider's claim (st.user) to a role.
        "oidc": Key(
            {"role_claim": "groups", "roles": {}},
            lambda v: _oidc_table(v),
            'a table: role_claim = "groups", roles = { "group" = "viewer|editor|admin" }',
        ),
    },
    "brief": {
        # The investor brief's QR code and printed link point here: the PUBLIC address of this
        # dashboard as a visitor reaches it (a page cannot know it behind a proxy).
        "public_url": Key(
            "http://localhost:8501/",
            lambda v: isinstance(v, str) and v.startswith(("http://", "https://")),
            "an http:// or https:// address",
        ),
    },
}

ROLES = ("viewer", "editor", "admin")


def _oidc_table(v: Any) -> bool:
    return (
        isinstance(v, dict)
        and set(v) <= {"role_claim", "roles"}
        and _nonempty_str(v.get("role_claim", "groups"))
        and isinstance(v.get("roles", {}), dict)
        and all(isinstance(k, str) and r in ROLES for k, r in v.get("roles", {}).items())
    )


@dataclass(frozen=True)
class Config:
    values: dict[str, dict[str, Any]] = field(default_factory=dict)
    path: Path | None = None

    def __getitem__(self, section: str) -> dict[str, Any]:
        return self.values[section]

    def path_of(self, key: str, section: str = "data") -> Path:
        """A path from config.toml, resolved against the project folder."""
        return ROOT / self.values[section][key]


def defaults() -> dict[str, dict[str, Any]]:
    return {s: {k: key.default for k, key in keys.items()} for s, keys in SCHEMA.items()}


def _check_table(where: str, body: dict, keys: dict[str, Key], problems: list[str]) -> dict[str, Any]:
    """`body`'s valid values over the defaults of `keys`; each problem is appended, naming `where`."""
    out = {k: key.default for k, key in keys.items()}
    for k, value in body.items():
        spec = keys.get(k)
        if spec is None:
            problems.append(f"{where} {k}: unknown key; known: {', '.join(keys)}")
        elif spec.items is not None:
            if isinstance(value, list) and all(isinstance(x, dict) for x in value):
                out[k] = [_check_table(f"{where} {k} #{i}", x, spec.items, problems) for i, x in enumerate(value, 1)]
            else:
                problems.append(f"{where} {k}: expected {spec.expect}")
        elif not spec.check(value):
            problems.append(f"{where} {k} = {value!r}: expected {spec.expect}")
        else:
            out[k] = value
    for k in [k for k, v in out.items() if v is REQUIRED]:
        problems.append(f"{where} {k}: missing; expected {keys[k].expect}")
    return out


def _inside(center: list[float], bbox: list[float]) -> bool:
    (lat, lon), (x0, y0, x1, y1) = center, bbox
    return x0 <= lon <= x1 and y0 <= lat <= y1


def validate(raw: dict[str, Any], source: str = "config.toml") -> Config:
    """Check `raw` against SCHEMA and fill in defaults; raise ConfigError naming every problem."""
    problems: list[str] = []
    values = defaults()
    for section, body in raw.items():
        if section not in SCHEMA:
            problems.append(f"[{section}]: unknown section; known: {', '.join(SCHEMA)}")
        elif not isinstance(body, dict):
            problems.append(f"[{section}]: must be a table")
        else:
            values[section] = _check_table(f"[{section}]", body, SCHEMA[section], problems)
    m = values["map"]
    if not problems and not m["min_zoom"] <= m["zoom"] <= m["max_zoom"]:
        problems.append("[map] zoom must lie between min_zoom and max_zoom")
    if not problems and not _inside(m["center"], values["data"]["bbox"]):
        x0, y0, x1, y1 = values["data"]["bbox"]
        problems.append(
            f"[map] center = {m['center']!r}: expected [lat, lon] inside [data] bbox "
            f"(lat {y0:g}–{y1:g}, lon {x0:g}–{x1:g})"
        )
    for i, stop in enumerate(values["tour"]["stops"], 1):
        if bool(stop.get("layer")) == bool(stop.get("feature")):
            problems.append(f"[tour] stops #{i}: give either layer or feature (one of the two)")
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
