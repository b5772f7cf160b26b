"""The Chinese font the brief embeds: Debian's Noto Sans CJK (package fonts-noto-cjk), read from
its .ttc collection, face 2 = Simplified Chinese (0 JP, 1 KR, 3-4 TC/HK). Missing font: a
`FontMissing` whose message says which package to install, never a traceback on the page."""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

# Where Debian (and others) put the collection; $HTZ_CJK_FONT_DIR names another folder instead.
DIRS: tuple[str, ...] = (
    (os.environ["HTZ_CJK_FONT_DIR"],)
    if os.environ.get("HTZ_CJK_FONT_DIR")
    else ("/usr/share/fonts/opentype/noto", "/usr/share/fonts/noto-cjk")
)
REGULAR, BOLD = "NotoSansCJK-Regular.ttc", "NotoSansCJK-Bold.ttc"
SC_FACE = 2  # Noto Sans CJK SC inside the collection
FAMILY = "Noto Sans CJK SC"  # the name matplotlib knows the same face by


class FontMissing(RuntimeError):
    """The CJK font is not installed on the server."""


@dataclass(frozen=True)
class CjkFont:
    regular: Path
    bold: Path
    face: int = SC_FACE


def find(dirs: tuple[str, ...] | None = None) -> CjkFont:
    dirs = DIRS if dirs is None else dirs
    for d in filter(None, dirs):
        regular, bold = Path(d) / REGULAR, Path(d) / BOLD
        if regular.is_file():
            return CjkFont(regular, bold if bold.is_file() else regular)
    raise FontMissing(f"{REGULAR} not found in {', '.join(filter(None, dirs))}: install fonts-noto-cjk")


# ---------------------------------------------------------------- the PDF's font, made once
# fpdf2 parses and subsets a font on every document: the whole Noto Sans CJK collection (65k glyphs)
# costs ~9 s per PDF here, a GB2312 subset (~8k glyphs, made once, ~40 s) ~0.5 s. A brief with a
# character outside the subset falls back to the whole collection: slower, never a missing glyph.
CACHE_DIR = Path(os.environ.get("HTZ_CACHE_DIR") or Path(__file__).resolve().parents[2] / ".cache")
SUBSET_NAME = "NotoSansSC-GB2312-subset.otf"
_EXTRA = [*range(0x20, 0x7F), *range(0xA0, 0x180), *range(0x2000, 0x2070), *range(0x2190, 0x2200)] + [
    *range(0x3000, 0x3040),
    *range(0xFF00, 0xFFF0),
]


def gb2312() -> set[int]:
    """Every character of GB2312 (the 6,763 common hanzi and its symbols) plus Latin and punctuation."""
    chars = set(_EXTRA)
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):
                chars.add(ord(bytes((hi, lo)).decode("gb2312")))
    return chars


def subset_path() -> Path:
    return CACHE_DIR / SUBSET_NAME


def make_subset(font: CjkFont) -> Path:
    """Write the GB2312 subset of the SC face once (atomically: a half-written file is never read)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    out = subset_path()
    if out.is_file():
        return out
    out.parent.mkdir(parents=True, exist_ok=True)
    tt = TTFont(str(font.regular), fontNumber=font.face)
    opts = subset.Options()
    opts.name_IDs, opts.notdef_outline, opts.layout_features, opts.hinting = ["*"], True, [], False
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=gb2312())
    sub.subset(tt)
    tmp = out.with_suffix(f".{os.getpid()}.tmp")
    tt.save(str(tmp))
    tmp.replace(out)
    return out


def covered(text: str) -> bool:
    """Whether the subset has every character of `text`."""
    return set(map(ord, text)) - {10, 13} <= _subset_chars()


_CHARS: set[int] = set()


def _subset_chars() -> set[int]:
    if not _CHARS:
        _CHARS.update(gb2312())
    return _CHARS
