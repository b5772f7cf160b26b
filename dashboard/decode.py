"""Bytes → text for the data files people save by hand (a layer's GeoJSON, the project ledger).

Detected, never asked: UTF-16 by its BOM (Excel's "Unicode text"), else UTF-8 with or without BOM,
else GB18030 (a superset of GBK: what Excel and older GIS tools write on Chinese Windows), else
charset-normalizer's best guess. The caller decides whether anything but UTF-8 deserves a warning.

A file that is UTF-8 text up to one name saved in GBK (two programs wrote it) is not guessed at:
any single encoding would garble one of the parts. The error, like the one when nothing fits,
names the first byte the likeliest encoding (of UTF-8 and GBK, the one that reads further) cannot
read, with its line and column — that name, not byte 0 or the first character GBK stumbles on.
"""

from __future__ import annotations

from dashboard.strings import t
from dashboard.text import Text

UTF8 = "UTF-8"
UTF8_BOM = "UTF-8 (BOM)"
UTF16 = "UTF-16"
GBK = "GBK/GB18030"


class Undecodable(UnicodeDecodeError):
    """No encoding fits. `start` is the first unreadable byte (0-based) in `encoding`, the likeliest
    one; `line`/`column` (1-based, the column in characters) say where an editor shows it."""

    def __init__(self, raw: bytes, start: int, encoding: str):
        super().__init__(encoding, raw, start, min(start + 1, len(raw)), "no encoding fits")
        line_start = raw.rfind(b"\n", 0, start) + 1
        self.line = raw.count(b"\n", 0, start) + 1
        self.column = len(raw[line_start:start].decode(_CODEC[encoding], errors="replace")) + 1
        self.bytes_hex = " ".join(f"{b:02X}" for b in raw[start : start + 4])

    @property
    def message(self) -> Text:
        params = {
            "byte": self.start,
            "line": self.line,
            "col": self.column,
            "hex": self.bytes_hex,
            "enc": self.encoding,
        }
        return Text(t("undecodable", "zh", **params), t("undecodable", "en", **params))

    def __str__(self) -> str:
        return self.message.en


_CODEC = {UTF8: "utf-8-sig", GBK: "gb18030"}


def _first_bad(raw: bytes) -> Undecodable:
    """The error at the first byte of the encoding (UTF-8 or GBK) that reads the longest prefix."""
    starts = {}
    for name, codec in _CODEC.items():
        try:
            raw.decode(codec)
        except UnicodeDecodeError as err:
            starts[name] = err.start
    best = max(starts, key=lambda n: starts[n])  # ties: UTF-8, the encoding files should have
    return Undecodable(raw, starts[best], best)


UTF8_EVIDENCE = 3  # Chinese characters read as UTF-8 before the first bad byte: a GBK file never has so many


def _is_utf8_text(prefix: bytes) -> bool:
    """Does the readable start of the file hold real UTF-8 text (several characters beyond ASCII)?
    A few GBK byte pairs happen to be valid UTF-8; a run of them before the first failure does not."""
    text = prefix.decode("utf-8-sig")
    return sum(ord(c) > 0x7F for c in text) >= UTF8_EVIDENCE


def decode(raw: bytes) -> tuple[str, str]:
    """(text, encoding name); `Undecodable` (a UnicodeDecodeError) when no encoding fits."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16"), UTF16
    try:
        return raw.decode("utf-8-sig"), (UTF8_BOM if raw.startswith(b"\xef\xbb\xbf") else UTF8)
    except UnicodeDecodeError as err:
        if _is_utf8_text(raw[: err.start]):  # UTF-8 with a foreign part: any guess would garble the rest
            raise Undecodable(raw, err.start, UTF8) from None
    try:
        return raw.decode("gb18030"), GBK
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None:
        raise _first_bad(raw)
    return str(best), best.encoding


def is_utf8(encoding: str) -> bool:
    return encoding in (UTF8, UTF8_BOM)
