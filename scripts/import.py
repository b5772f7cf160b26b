#!/usr/bin/env python3
"""Import a GIS file as a new version of a layer, list versions, roll back (the store: [store] url
in config.toml, or $HTZ_STORE_URL).

    scripts/import.py LAYER FILE [--crs EPSG:XXXX|gcj02|bd09] [--by NAME] [--dry-run]
    scripts/import.py --list LAYER            # versions (* = current) and the audit log
    scripts/import.py --rollback LAYER VERSION [--by NAME]

FILE: GeoJSON, zipped Shapefile, GeoPackage, KML/KMZ, CSV/XLSX with coordinate columns; for the
layer `ledger`, the ledger workbook (.xlsx/.csv). The report and the diff are printed; a refused
file exits with 1 and changes nothing; --dry-run publishes nothing.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dashboard import config, ledger  # noqa: E402
from dashboard.store import LEDGER, StoreError, importer, open_store, store_url  # noqa: E402
from layers import REGISTRY  # noqa: E402


def import_layer(store, args, cfg) -> int:
    spec = REGISTRY.get(args.layer)
    if spec is None or not spec.source:
        known = ", ".join([lid for lid, s in REGISTRY.items() if s.source] + [LEDGER])
        print(f"unknown layer {args.layer!r}; known: {known}", file=sys.stderr)
        return 2
    try:
        pre = importer.preview(store, spec, Path(args.file), cfg["data"]["bbox"], args.crs)
    except importer.Refused as err:
        print("REFUSED — nothing changed:", *(f"  {p}" for p in err.problems), sep="\n")
        return 1
    print(f"{pre.source_name}: {len(pre.data.gdf)} features read as {pre.crs_used}; current version: {pre.base or '-'}")
    for p in pre.problems:
        print(f"  [{p.severity}] {p}")
    print("diff:" if not pre.diff.empty else "diff: no change", *(f"  {line}" for line in pre.diff.lines()), sep="\n")
    if pre.refused:
        print("REFUSED — nothing changed (fix the errors above)")
        return 1
    if args.dry_run:
        print("dry run: nothing published")
        return 0
    got = importer.publish(store, pre, by=args.by)
    print(
        f"published {spec.id} version {got.version.version}"
        if got.new
        else "same content as the current version: nothing new"
    )
    return 0


def import_ledger(store, args, cfg) -> int:
    path = Path(args.file)
    result = ledger.load_ledger(path, bbox=cfg["data"]["bbox"])
    for p in result.errors + result.notes:
        print(f"  [{p.severity}] {p}")
    if result.rows.empty:
        print("REFUSED — no valid row; nothing changed")
        return 1
    print(f"{path.name}: {len(result.rows)} rows")
    if args.dry_run:
        print("dry run: nothing published")
        return 0
    got = store.publish_ledger(path.read_bytes(), by=args.by, source_name=path.name, base=store.current_version(LEDGER))
    print(f"published ledger version {got.version.version}" if got.new else "same content as the current version")
    return 0


def list_versions(store, name: str) -> int:
    cur = store.current_version(name)
    for v in store.versions(name):
        count = "" if v.feature_count is None else f"{v.feature_count:>6} features  "
        mark = "*" if v.version == cur else " "
        print(f"{mark} v{v.version:<4} {v.created_at:%Y-%m-%d %H:%M:%S}Z  {count}{v.created_by:<12} {v.source_name}")
    print("audit:")
    for a in store.audit_log(name, limit=50):
        print(f"  {a.at:%Y-%m-%d %H:%M:%S}Z  {a.who:<12} {a.action:<8} v{a.version:<4} {a.source_name}  ({a.detail})")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("layer", nargs="?")
    ap.add_argument("file", nargs="?")
    ap.add_argument("--crs", help="the file's CRS: EPSG:XXXX, gcj02 or bd09 (overrides what the file declares)")
    ap.add_argument("--by", default=getpass.getuser(), help="who imports (the audit log); default: the OS user")
    ap.add_argument("--dry-run", action="store_true", help="validate and diff only")
    ap.add_argument("--list", metavar="LAYER")
    ap.add_argument("--rollback", nargs=2, metavar=("LAYER", "VERSION"))
    args = ap.parse_args(argv)
    cfg = config.load()
    store = open_store(store_url(cfg))
    try:
        if args.list:
            return list_versions(store, args.list)
        if args.rollback:
            name, number = args.rollback
            ver = store.rollback(name, int(number), by=args.by)
            print(
                f"{name}: version {ver.version} is current again ({ver.source_name}, {ver.created_at:%Y-%m-%d %H:%M}Z)"
            )
            return 0
        if not (args.layer and args.file):
            ap.print_usage(sys.stderr)
            return 2
        return (import_ledger if args.layer == LEDGER else import_layer)(store, args, cfg)
    except StoreError as err:
        print(f"REFUSED: {err.text.en} / {err.text.zh}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
