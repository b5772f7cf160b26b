// Layers the map fetches by URL and keeps (issue 12). A file the browser fetches once
// (dashboard/mapscripts.py), called from the base map's script as `(this function)(map)`; plain ES5.
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
  // A point layer too big to draw at once (settings.cells): where more than cells.detail of its
  // points are in view they are counted in squares of cells.px pixels (a disc with the count; a
  // click zooms in), closer in the points in view are drawn one by one, clickable as any layer.
  function aggregated(s, doc) {
    var feats = doc.features, n = feats.length, lat = new Float64Array(n), lng = new Float64Array(n);
    var group = L.featureGroup(), drawn = null, j;
    for (j = 0; j < n; j++) { lng[j] = feats[j].geometry.coordinates[0]; lat[j] = feats[j].geometry.coordinates[1]; }
    function near(b) {
      var out = [], s0 = b.getSouth(), n0 = b.getNorth(), w0 = b.getWest(), e0 = b.getEast();
      for (var k = 0; k < n; k++) { if (lat[k] >= s0 && lat[k] <= n0 && lng[k] >= w0 && lng[k] <= e0) { out.push(k); } }
      return out;
    }
    function grid(m, z) {
      var cells = {}, p, key, c;
      for (var k = 0; k < n; k++) {
        p = m.project([lat[k], lng[k]], z);
        key = Math.floor(p.x / s.cells.px) + ":" + Math.floor(p.y / s.cells.px);
        c = cells[key] || (cells[key] = { n: 0, x: 0, y: 0 });
        c.n += 1; c.x += p.x; c.y += p.y;
      }
      return cells;
    }
    function yielding(m, disc, hit) {  // a disc gives way to any real point under the pointer (a building)
      return function (p) {
        if (!hit.call(disc, p)) { return false; }
        var other = false;
        m.eachLayer(function (l) {
          if (!other && l.feature && !l._htzCount && l instanceof L.CircleMarker && l.options.interactive !== false &&
              l._containsPoint && l._containsPoint(p)) { other = true; }
        });
        return !other;
      };
    }
    function cell(m, z, c) {
      var at = m.unproject([c.x / c.n, c.y / c.n], z), st = s.style;
      var disc = L.circleMarker(at, { radius: 9 + 3 * Math.log(c.n) / Math.LN10, color: st.color, weight: 1,
        fillColor: st.fillColor || st.color, fillOpacity: 0.55 });
      disc._htzCount = c.n;  // the firms it stands for (bench/bench_scale.py counts them)
      disc._htzZoom = z;  // drawn for this zoom (a test waits for the redraw after a zoom)
      // a feature of ours to mapclick.js (which sends a click to the most specific feature under
      // the pointer: a park around the disc must not swallow it); not relayed to the page
      disc.feature = { type: "Feature", properties: { layer: s.layer + "-cells", id: "" } };
      disc._containsPoint = yielding(m, disc, disc._containsPoint);
      disc.bindTooltip(s.cells.tip.replace("{n}", c.n), { className: "map-tip" });
      disc.on("click", function () { m.setView(at, Math.min(z + 2, m.getMaxZoom())); });
      var num = span("agg-count", String(c.n));
      num.style.cssText = "position:absolute;transform:translate(-50%,-50%);font:bold 11px sans-serif;color:#fff;text-shadow:0 0 2px #000;white-space:nowrap";
      group.addLayer(disc);
      group.addLayer(L.marker(at, { interactive: false, icon: L.divIcon({ html: num, iconSize: [0, 0], className: "agg-count-anchor" }) }));
    }
    function redraw() {
      var m = group._map, z, inView, cells, key;
      if (!m) { return; }
      z = m.getZoom();
      inView = near(m.getBounds().pad(0.25));
      if (inView.length > s.cells.detail && drawn === "cells:" + z) { return; }  // a pan at the same zoom
      group.clearLayers();
      if (inView.length <= s.cells.detail) {
        group.addLayer(build(s, { type: "FeatureCollection", features: inView.map(function (k) { return feats[k]; }) }));
        drawn = "points";
        return;
      }
      cells = grid(m, z);
      for (key in cells) { if (cells.hasOwnProperty(key)) { cell(m, z, cells[key]); } }
      drawn = "cells:" + z;
    }
    group.on("add", function () { drawn = null; map.on("moveend", redraw); redraw(); });
    group.on("remove", function () { map.off("moveend", redraw); group.clearLayers(); drawn = null; });
    return group;
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
      .then(function (doc) { cache[s.url].layer = s.cells ? aggregated(s, doc) : build(s, doc); show(s.url); })
      .catch(function (err) { delete cache[s.url]; if (window.console) { window.console.warn("layerload:", err); } });
  }
  window.htzLayers = { want: want, relay: relay };
}
