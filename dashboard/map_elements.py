"""The map's own controls and scripts as folium elements: a JS function applied with settings, the
legend, the plain attribution, the metric scale bar, and the fix that lets swapped overlays go.
Used by dashboard/mapview.py (the base map), basemaps.py, screen.py and mapfetch.py."""

from __future__ import annotations

from branca.element import MacroElement
from folium.elements import JSCSSMixin
from jinja2 import Template
from jinja2.utils import htmlsafe_json_dumps

from dashboard import mapscripts

NARROW_PX = 640  # a map this wide or narrower is on a phone (Streamlit stacks its columns below 640 px too)


class JsScript(JSCSSMixin):  # JSCSSMixin: st_folium collects its default_js
    """A JS function from one of our .js files, applied to the map (with JSON settings, if any).

    The settings are compact and key-sorted, so the base map's script stays byte-stable across
    reruns, and html-safe (like jinja's |tojson) so no data can close the <script> element.
    `served`: the function is a file the browser fetches once (dashboard/mapscripts.py) instead of
    text in the map's script, which st_folium re-sends with every click.
    """

    _template = Template("""
    {% macro script(this, kwargs) %}
    {{ this.call }}({{ this._parent.get_name() }}{% if this.settings_json %}, {{ this.settings_json }}{% endif %});
    {% endmacro %}
    """)

    def __init__(self, js: str, settings: dict | None = None, name: str = "JsScript", served: bool = False):
        super().__init__()
        self._name = name
        self.js = js
        self.settings = settings
        self.settings_json = (
            None if settings is None else htmlsafe_json_dumps(settings, separators=(",", ":"), sort_keys=True)
        )
        self.call = f"({js})"
        self.default_js: list[tuple[str, str]] = []
        if served:
            url, self.call = mapscripts.serve(js)
            self.default_js = [(f"htz-{name}", url)]


class Legend(MacroElement):
    """A static legend control in the map's lower-left corner (text pre-escaped). Its title (a click,
    a tap or Enter) folds and opens it; on a narrow map it starts folded."""

    _template = Template("""
    {% macro script(this, kwargs) %}
    (function(){
      var legend = L.control({position: 'bottomleft'});
      legend.onAdd = function () {
        var div = L.DomUtil.create('div', 'map-legend');
        div.innerHTML = {{ this.html|tojson }};
        L.DomEvent.disableClickPropagation(div);
        var title = div.querySelector('.legend-title');
        // its title folds and opens it (a planner drawing near it folds it away); on a phone the
        // open legend would cover most of the map, so there it starts folded
        if (title) {
          var narrow = window.matchMedia && window.matchMedia('(max-width: {{ this.narrow_px }}px)').matches;
          L.DomUtil.addClass(div, 'foldable');
          if (narrow) { L.DomUtil.addClass(div, 'folded'); }
          title.setAttribute('role', 'button');
          title.setAttribute('tabindex', '0');
          title.setAttribute('aria-expanded', String(!narrow));
          var toggle = function (e) {
            if (e.type === 'keydown' && e.key !== 'Enter' && e.key !== ' ') { return; }
            L.DomEvent.preventDefault(e);
            var open = L.DomUtil.hasClass(div, 'folded');
            (open ? L.DomUtil.removeClass : L.DomUtil.addClass)(div, 'folded');
            title.setAttribute('aria-expanded', String(open));
          };
          L.DomEvent.on(title, 'click keydown', toggle);
        }
        return div;
      };
      legend.addTo({{ this._parent.get_name() }});
    })();
    {% endmacro %}
    """)

    def __init__(self, html: str):
        super().__init__()
        self._name = "Legend"
        self.html = html
        self.narrow_px = NARROW_PX


class ReleaseSwappedOverlays(MacroElement):
    """Let overlays that streamlit-folium swapped out be garbage-collected.

    streamlit-folium 0.27.4 pushes each overlay group it adds onto `window.feature_group` and, on
    a rerun that changes them, removes the old ones from the map but never from that list: every
    such rerun leaked the old layers with their SVG nodes and listeners (measured by
    bench/soak_tour.py: +6 groups, ~20 DOM nodes, ~28 listeners per rerun). The list now keeps
    only the groups still on the map.
    """

    _template = Template("""
    {% macro script(this, kwargs) %}
    (function () {
      var groups = [];
      Object.defineProperty(window, "feature_group", { configurable: true,
        get: function () { groups = groups.filter(function (g) { return g._map; }); return groups; },
        set: function (v) { groups = v; } });
    })();
    {% endmacro %}
    """)

    def __init__(self):
        super().__init__()
        self._name = "ReleaseSwappedOverlays"


class PlainAttribution(MacroElement):
    """Leaflet 1.9 prefixes every attribution with a flag icon and a link to leafletjs.com; the
    map credits Leaflet in plain text (no flag, no link off this machine)."""

    _template = Template("""
    {% macro script(this, kwargs) %}
    if ({{ this._parent.get_name() }}.attributionControl) {
      {{ this._parent.get_name() }}.attributionControl.setPrefix("Leaflet");
    }
    {% endmacro %}
    """)

    def __init__(self):
        super().__init__()
        self._name = "PlainAttribution"


class ScaleBar(MacroElement):
    """A metric-only scale bar (folium's control_scale also shows feet)."""

    _template = Template("""
    {% macro script(this, kwargs) %}
    L.control.scale({metric: true, imperial: false, maxWidth: {{ this.width }}})
        .addTo({{ this._parent.get_name() }});
    {% endmacro %}
    """)

    def __init__(self, scale: float = 1.0):
        super().__init__()
        self._name = "ScaleBar"
        self.width = round(120 * scale)
