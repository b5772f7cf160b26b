// Layers the map fetches by URL and keeps (issue 12). Inlined into the base map's script by
// dashboard/mapview.py (JsScript) as `(this function)(map)`; plain ES5.
//
// streamlit-folium removes and re-runs every overlay group whenever one changes (a click that
// moves the selection highlight, a toggle). So a layer's group only calls
// `htzLayers.want(map, settings)` with its data's URL; the drawn layer lives on the map itself,
// outside the group, and survives that churn. After a batch of groups has run, the layers no
// group asked for are taken off (a toggle), and are kept to come back without a fetch.
// Clicks reach streamlit-folium through `relay`, a layer that exists when its component binds
// its click handler (layers drawn later, after their fetch, would not be bound).
// Tooltips are built as DOM nodes with textContent: data text is never parsed as HTML.
function (map) {
  "use strict";
  var cache = {}, wanted = null, shown = {}, relay = L.layerGroup().addTo(map);
  var BADGE = "\u793a\u610f";  // 示意, replaced by settings.approx

  function span(cls, text) {
    var s = document.createElement("span");
    if (cls) { s.className = cls; }
    s.textContent = text;
    return s;
  }
  function tooltip(s) {
    return function (layer) {
      var p = layer.feature.properties, box = document.createElement("div");
      var first = s.lang === "en" ? (p.e || p.n) : (p.n || p.e), second = s.lang === "en" ? p.n : p.e;
      var b = document.createElement("b");
      b.textContent = first || "";
      box.appendChild(b);
      if (second && second !== first) { box.appendChild(document.createElement("br")); box.appendChild(span("tip-sub", second)); }
      if (p.a) { box.appendChild(document.createTextNode(" ")); box.appendChild(span("approx-badge", s.approx || BADGE)); }
      if (p.d) { box.appendChild(document.createTextNode(" ")); box.appendChild(span("demo-badge", s.demo || "demo")); }
      if (p.t) { box.appendChild(document.createElement("br")); box.appendChild(span("tip-sub", p.t)); }
      return box;
    };
  }
  function ringHit(p) {  // an unfilled ring is hit on its stroke, as drawn (canvas hit-tests the disc)
    return Math.abs(p.distanceTo(this._point) - this._radius) <= this._clickTolerance();
  }
  function label(s, f, layer) {
    var c = layer.getBounds ? layer.getBounds().getCenter() : layer.getLatLng();
    var name = s.lang === "en" ? (f.properties.e || f.properties.n) : (f.properties.n || f.properties.e);
    return L.marker(c, { interactive: false, icon: L.divIcon({ html: span("map-label", name || ""), iconSize: [0, 0], className: "map-label-anchor" }) });
  }
  function halo(s, st, layer) {  // changed since the last meeting: a dashed violet ring round a changed point (payload flag c)
    var w = Math.max(2, (st.weight || 3) * 0.6);
    return L.circleMarker(layer.getLatLng(), { radius: (st.radius || 8) * 1.6, color: s.ring, weight: w,
      dashArray: (3 * w) + " " + (2 * w), fill: false, interactive: false, className: "changed-halo" });
  }
  function build(s, doc) {
    var style = function (f) { return s.styles[f.properties.kind] || s.style; };
    var labels = [];
    var gj = L.geoJSON(doc, {
      style: style,
      pointToLayer: function (f, ll) {
        var m = L.circleMarker(ll, style(f));
        if (!style(f).fill) { m._containsPoint = ringHit; }
        return m;
      },
      onEachFeature: function (f, layer) {
        layer.bindTooltip(tooltip(s), { sticky: true, className: "map-tip" });
        layer.on("mouseover", function () { layer.setStyle({ weight: s.hover_weight, fillOpacity: 0.45 }); });
        layer.on("mouseout", function () { layer.setStyle(style(f)); });
        if (s.labels) { labels.push(label(s, f, layer)); }
        if (f.properties.c && layer.getLatLng) { labels.push(halo(s, style(f), layer)); }
      }
    });
    gj.on("click", function (e) { relay.fire("click", e); });
    return labels.length ? L.featureGroup([gj].concat(labels)) : gj;
  }
  function show(url) {
    if (!shown[url] && cache[url].layer && wanted && wanted[url]) { cache[url].layer.addTo(map); shown[url] = true; }
  }
  function reconcile() {
    var url;
    for (url in shown) {
      if (shown[url] && !wanted[url]) { map.removeLayer(cache[url].layer); shown[url] = false; }
    }
    for (url in wanted) { if (cache[url] && cache[url].layer) { show(url); } }
  }
  function want(m, s) {
    if (m !== map) { return; }
    if (wanted === null || wanted._done) { wanted = {}; setTimeout(function () { wanted._done = true; reconcile(); }, 0); }
    if (!s) { return; }  // the end of a batch (dashboard/mapfetch.end_of_batch)
    wanted[s.url] = true;
    if (cache[s.url]) { return; }
    cache[s.url] = { layer: null };
    fetch(s.url, { credentials: "same-origin" })
      .then(function (r) { if (!r.ok) { throw new Error(s.url + ": " + r.status); } return r.json(); })
      .then(function (doc) { cache[s.url].layer = build(s, doc); show(s.url); })
      .catch(function (err) { delete cache[s.url]; if (window.console) { window.console.warn("layerload:", err); } });
  }
  window.htzLayers = { want: want, relay: relay };
}
