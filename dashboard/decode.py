"""Bytes → text for the data files people save by hand (a layer's GeoJSON, the project ledger).

Detected, never asked: UTF-16 by its BOM (Excel's "Unicode text"), else UTF-8 with or without BOM,
else GB18030 (a superset of GBK: what Excel and older GIS tools write on Chinese Windows), else
charset-normalizer's best guess. The caller decides whether anything but UTF-8 deserves a warning.
"""

from __future__ import annotations

UTF8 = "UTF-8"
UTF8_BOM = "UTF-8 (BOM)"
UTF16 = "UTF-16"
GBK = "GBK/GB18030"


def decode(raw: bytes) -> tuple[str, str]:
    """(text, encoding name); UnicodeDecodeError when no encoding fits."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16"), UTF16
    try:
        return raw.decode("utf-8-sig"), (UTF8_BOM if raw.startswith(b"\xef\xbb\xbf") else UTF8)
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030"), GBK
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None:
        raise UnicodeDecodeError("unknown", raw, 0, len(raw), "no encoding fits")
    return str(best), best.encoding


def is_utf8(encoding: str) -> bool:
    return encoding in (UTF8, UTF8_BOM)
