"""What an investor brief says, in one language, as plain text: the PDF and the PNG only lay it out.

Built from a PUBLIC catalog only (`audience.view(cat, "public")`): `check_public` refuses a catalog
holding an internal layer, an internal fact or data problems, so whoever presses the button, no
internal value can reach a brief. No streamlit here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import quote

from dashboard import candidates, panels, sites
from dashboard.catalog import Catalog
from dashboard.facts import Fact, source_label
from dashboard.geodata import CONFIDENCE
from dashboard.selection import Selection
from dashboard.strings import t
from dashboard.text import pick

DEFAULT_URL = "http://localhost:8501/"


class NotPublic(ValueError):
    """The catalog given to the brief is not the public view."""


@dataclass(frozen=True)
class FactLine:
    kind: str  # the kind's label: 报道 / 目标 / 后续结果 / 待核实 / 说明
    text: str
    source: str  # "来源:… · 日期:…", with 非原文 where the source is not the article
    target: str | None = None  # a target fact: the goal ...
    known: str | None = None  # ... and what is known (待核实 where the source is silent)
    tbc: bool = False  # the fact itself says the source is silent


@dataclass(frozen=True)
class Brief:
    lang: str
    name: str  # in this language
    other_name: str  # in the other language ("" when the same)
    layer: str
    approx: str  # the 示意 note ("" for a surveyed feature)
    rows: tuple[tuple[str, str], ...]
    facts: tuple[FactLine, ...]
    comparison: candidates.Table | None
    link: str
    made: str

    def text(self) -> str:
        """Every word of the brief, for tests and for a plain-text fallback."""
        parts = [self.name, self.other_name, self.layer, self.approx, self.link, self.made]
        parts += [f"{k}: {v}" for k, v in self.rows]
        parts += [" ".join(filter(None, (f.kind, f.text, f.target, f.known, f.source))) for f in self.facts]
        return "\n".join(filter(None, parts))


def check_public(cat: Catalog) -> None:
    """Refuse anything but the public view: internal layers, internal facts, data problems."""
    internal_layers = [lid for lid, d in cat.layers.items() if d.spec.audience != "public"]
    internal_facts = [fid for fid, items in cat.facts.by_feature.items() if any(f.audience != "public" for f in items)]
    if internal_layers or internal_facts or cat.problems:
        raise NotPublic(
            f"{t('brief_not_public', 'en')}: layers {internal_layers}, facts {internal_facts}, "
            f"{len(cat.problems)} problems"
        )


def public_link(base_url: str, selected: Selection | None, lang: str) -> str:
    """The public link to the same view: `?select=layer/id&lang=..` on the configured base URL."""
    base = base_url if base_url.endswith("/") or "?" in base_url else base_url + "/"
    query = (f"select={quote(str(selected), safe='/')}&" if selected else "") + f"lang={lang}"
    return f"{base}{'&' if '?' in base else '?'}{query}"


def fact_line(f: Fact, lang: str) -> FactLine:
    label = source_label(f.source, lang)
    source = t("brief_source_line", lang, source=label, date=f.date)
    known = None
    if f.kind == "target":
        known = f.known if f.known and f.known.strip() not in ("", "待核实") else t("tbc", lang)
    target = f.target
    if target and " / " in target:  # facts.toml writes a target as "2022年 / 2022": this language's half
        target = target.split(" / ", 1)[0 if lang == "zh" else 1]
    return FactLine(t("kind_" + f.kind, lang), pick(f.zh, f.en, lang), source, target, known, f.kind == "tbc")


def _badged(name: str, props: dict, lang: str) -> str:
    """A demo row's name carries its 演示数据 / demo badge, in the brief as on the map (issue 9)."""
    return t("demo_badged", lang, name=name) if sites.flag(props.get("demo")) else name


def _approx_note(props: dict, lang: str) -> str:
    if props.get("confidence") != "approximate" and not props.get("basis"):
        return ""
    conf = props.get("confidence")
    return t(
        "approx_note",
        lang,
        basis=pick(props.get("basis"), props.get("basis_en"), lang) or t("tbc", lang),
        confidence=t(f"conf_{conf}", lang) if conf in CONFIDENCE else t("tbc", lang),
    )


def comparison_table(cat: Catalog, comp: candidates.Comparison | None, fid: str, lang: str) -> candidates.Table | None:
    """The candidate buildings side by side when `fid` is one of them (the panel's card and the brief)."""
    if comp is None or not comp.covers(fid):
        return None
    names = {}
    for b in comp.buildings:
        props = next((p for d in cat.layers.values() if (p := cat.feature(d.spec.id, b))), None)
        names[b] = pick(props.get("name_zh"), props.get("name_en"), lang) if props else b
    return candidates.table(comp, names, cat.facts, lang)


def gather(
    cat: Catalog,
    selected: Selection | None,
    lang: str,
    base_url: str = DEFAULT_URL,
    comparison: candidates.Comparison | None = None,
    today: dt.date | None = None,
) -> Brief:
    """The brief of `selected` (or of the whole map when None) in `lang`, from a public catalog."""
    check_public(cat)
    made = t("brief_made", lang, date=(today or dt.date.today()).isoformat())
    link = public_link(base_url, selected, lang)
    props = cat.feature(*selected) if selected else None
    if selected is None or props is None:
        return _overview(cat, lang, link, made)
    spec = cat.layers[selected.layer].spec
    name = pick(props.get("name_zh"), props.get("name_en"), lang)
    other = pick(props.get("name_zh"), props.get("name_en"), "zh" if lang == "en" else "en")
    demo = [(t("demo", lang), t("demo_note", lang))] if sites.flag(props.get("demo")) else []
    return Brief(
        lang,
        _badged(name, props, lang),
        "" if other == name else other,
        spec.label.get(lang),
        _approx_note(props, lang),
        tuple(demo + panels.extra_rows(cat, props, spec, lang)),
        tuple(fact_line(f, lang) for f in cat.facts.for_feature(selected.fid)),
        comparison_table(cat, comparison, selected.fid, lang),
        link,
        made,
    )


def _overview(cat: Catalog, lang: str, link: str, made: str) -> Brief:
    """The whole map: what is on it, layer by layer, and every sourced target (deduplicated)."""
    rows = []
    for data in cat.layers.values():
        if data.spec.selectable and not data.gdf.empty:
            names = [
                _badged(pick(r.get("name_zh"), r.get("name_en"), lang), r, lang) for r in data.gdf.to_dict("records")
            ]
            rows.append((data.spec.label.get(lang), t("list_sep", lang).join(names)))
    seen, targets = set(), []
    for items in cat.facts.by_feature.values():
        for f in items:
            if f.kind == "target" and (f.zh, f.target) not in seen:
                seen.add((f.zh, f.target))
                targets.append(fact_line(f, lang))
    other = "en" if lang == "zh" else "zh"
    return Brief(
        lang,
        t("app_title", lang),
        t("app_title", other),
        t("brief_overview", lang),
        t("brief_map_note", lang),
        tuple(rows),
        tuple(targets),
        None,
        link,
        made,
    )
