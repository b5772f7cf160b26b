"""What a layer is: a declarative spec, checked when it is built (kepler.gl's layer schema).

A spec holds values only (no lambdas): the map builder turns them into folium styles.
A bad spec fails at import with its id named, never later while drawing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from layers.text import Text

GEOMETRY_KINDS = ("polygon", "point", "mixed")
# which side panel renders a selected feature (dashboard/panels.py holds one renderer per name)
PANELS = ("facts", "zone", "project", "site")
# who may be sent a layer's data: anyone (a visitor, no sign-in), or signed-in internal users only
AUDIENCES = ("public", "internal")
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


class SpecError(ValueError):
    """A layer spec holds a value outside its bounds."""


@dataclass(frozen=True)
class Style:
    color: str = "#3388ff"  # outline / marker edge
    fill_color: str = "#3388ff"
    weight: float = 2.0  # outline width, px (scaled up on big screens)
    fill_opacity: float = 0.2
    dash: str | None = None  # SVG dash array, e.g. "6 4"
    radius: float = 7.0  # point marker radius, px

    def check(self, owner: str) -> None:
        for name in ("color", "fill_color"):
            if not _COLOR.match(getattr(self, name)):
                raise SpecError(f"layer {owner!r}: style.{name} must be #rrggbb, got {getattr(self, name)!r}")
        if not 0.5 <= self.weight <= 12:
            raise SpecError(f"layer {owner!r}: style.weight must be 0.5–12, got {self.weight}")
        if not 0 <= self.fill_opacity <= 1:
            raise SpecError(f"layer {owner!r}: style.fill_opacity must be 0–1, got {self.fill_opacity}")
        if not 2 <= self.radius <= 40:
            raise SpecError(f"layer {owner!r}: style.radius must be 2–40, got {self.radius}")
        if self.dash is not None and not re.fullmatch(r"\d+( \d+)*", self.dash):
            raise SpecError(f"layer {owner!r}: style.dash must be numbers separated by spaces")


@dataclass(frozen=True)
class Kind:
    """One kind of feature in a layer: how it is drawn and what the legend calls it."""

    style: Style
    legend: Text


@dataclass(frozen=True)
class LayerSpec:
    id: str
    label: Text
    geometry: str  # one of GEOMETRY_KINDS
    source: str | None = None  # file under data/geo/; None for a derived layer
    id_field: str = "id"
    required_fields: tuple[str, ...] = ("name_zh",)
    kinds: dict[str, Kind] = field(default_factory=dict)  # style + legend text per feature `kind`
    style: Style = Style()  # style for features whose kind is not in `kinds`
    tooltip_fields: tuple[str, ...] = ("name_zh", "name_en")
    visible: bool = True  # default visibility
    selectable: bool = True  # clicking selects a feature and fills the side panel
    z_order: int = 50  # lower draws first (below)
    audience: str = "public"  # one of AUDIENCES: decided on the server, never by hiding
    panel: str = "facts"  # one of PANELS: which side panel renders a selected feature
    # fields a visitor is not sent unless the feature itself is marked public (`public: true`):
    # dashboard/audience.py drops them from the public view on the server
    internal_fields: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not ID_PATTERN.match(self.id):
            raise SpecError(f"layer id {self.id!r} must match {ID_PATTERN.pattern}")
        if not self.label.zh.strip() or not self.label.en.strip():
            raise SpecError(f"layer {self.id!r}: label needs both zh and en")
        if self.geometry not in GEOMETRY_KINDS:
            raise SpecError(f"layer {self.id!r}: geometry must be one of {GEOMETRY_KINDS}, got {self.geometry!r}")
        if self.source is not None and not self.source.endswith((".geojson", ".json")):
            raise SpecError(f"layer {self.id!r}: source must be a .geojson file, got {self.source!r}")
        if not 0 <= self.z_order <= 100:
            raise SpecError(f"layer {self.id!r}: z_order must be 0–100")
        if self.audience not in AUDIENCES:
            raise SpecError(f"layer {self.id!r}: audience must be one of {AUDIENCES}, got {self.audience!r}")
        if self.panel not in PANELS:
            raise SpecError(f"layer {self.id!r}: panel must be one of {PANELS}, got {self.panel!r}")
        self.style.check(self.id)
        for name, kind in self.kinds.items():
            kind.style.check(f"{self.id}.{name}")
            if not kind.legend.zh.strip() or not kind.legend.en.strip():
                raise SpecError(f"layer {self.id!r}: kind {name!r} needs legend text in zh and en")

    @property
    def styles(self) -> dict[str, Style]:
        """The style of each feature kind."""
        return {name: kind.style for name, kind in self.kinds.items()}

    def style_for(self, kind: str | None) -> Style:
        return self.styles.get(kind or "", self.style)

    def legend(self, lang: str) -> list[tuple[str, Style]]:
        """(text, style) rows for the legend: one per kind, or one for the whole layer."""
        if self.kinds:
            return [(k.legend.get(lang), k.style) for k in self.kinds.values()]
        return [(self.label.get(lang), self.style)]
