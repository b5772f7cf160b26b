// Screen mode inside the map iframe, inlined into the base map's script by dashboard/screen.py
// (ScreenScript) as `(this function)(map, cfg)`. Plain ES5: meeting-room PCs run old browsers.
//
// fit: type, lines and markers follow the iframe's width: 1 at 1920 px, 2 at 3840 px, 0.71 at 1366 px
//   (the same layout at every size: what fits at 1920 fits at every 16:9 screen).
//   CSS sizes are calc(Npx * var(--fit)); path weights and marker radii are multiplied as
//   Leaflet styles them, so the overlays streamlit-folium swaps in later grow too.
// tour: shows cfg.stops (after the lead stops window.htzTour.lead gets) one after another every cfg.intervalMs. PageDown, Right, space: next;
//   PageUp, Left: back; B or P: pause / resume (what presenter clickers send). Heard in this
//   iframe and in the page around it (same origin). One timer, one caption element and one
//   listener per document, reused at every step: a tour that runs all day keeps nothing new.
//   window.tourIndex is the stop shown (tests read it).
function (map, cfg) {
  "use strict";
  var fit = Math.max(0.5, Math.min(4, (window.innerWidth || 1920) / 1920));
  document.documentElement.style.setProperty("--fit", String(fit));
  window.screenFit = fit;

  function scaled(style, key) {
    if (!style || typeof style[key] !== "number") { return style; }
    var out = L.extend({}, style);   // the caller's style object is reused by Leaflet: never scale it in place
    out[key] = style[key] * fit;
    return out;
  }
  if (fit !== 1 && !L.Path.prototype._screenFit) {
    var pathSetStyle = L.Path.prototype.setStyle, markerSetStyle = L.CircleMarker.prototype.setStyle;
    L.Path.prototype._screenFit = true;
    L.Path.prototype.setStyle = function (style) { return pathSetStyle.call(this, scaled(style, "weight")); };
    L.CircleMarker.prototype.setStyle = function (style) {  // L.Circle's radius is metres: left alone
      return markerSetStyle.call(this, this instanceof L.Circle ? style : scaled(style, "radius"));
    };
    L.Path.addInitHook(function () {
      if (typeof this.options.weight === "number") { this.options.weight *= fit; }
      if (this._radius && !(this instanceof L.Circle)) { this._radius *= fit; this.options.radius = this._radius; }
    });
  }

  if (map.keyboard) { map.keyboard.disable(); }  // arrows step the tour here, they must not also pan
  var base = cfg.stops || [], stops = base.slice(), leadKey = "[]";
  var index = 0, paused = false, timer = null;
  var box = L.DomUtil.create("div", "tour-caption", map.getContainer());
  var count = L.DomUtil.create("span", "tour-count", box);
  var text = L.DomUtil.create("span", "tour-text", box);
  box.setAttribute("role", "status");

  function render() {
    box.style.display = stops.length ? "" : "none";
    if (!stops.length) { return; }
    count.textContent = (index + 1) + " / " + stops.length + (paused ? " · " + cfg.pausedLabel : "");
    text.textContent = stops[index].caption;
    box.setAttribute("data-index", String(index));
  }
  function arm() {
    if (timer) { clearTimeout(timer); timer = null; }
    if (!paused && stops.length > 1) { timer = setTimeout(function () { go(index + 1); }, cfg.intervalMs); }
  }
  // Everything is drawn `fit` times larger, so a stop shows the same ground at zoom + log2(fit).
  var zoomUp = Math.round(Math.log(fit) / Math.LN2);
  var legend = map.getContainer().querySelector(".map-legend");
  // the stop's labels (names set with textContent, never parsed as HTML) on a pane above the markers
  map.createPane("tourLabels").style.zIndex = 640;
  var labels = L.layerGroup().addTo(map);
  function label(l) {
    var box = document.createElement("span"), name = document.createElement("span");
    box.className = "tour-label" + (l.point ? " at-point" : "");
    name.textContent = l.text;
    box.appendChild(name);
    function badge(cls, text) {
      var b = document.createElement("span");
      b.className = cls;
      b.textContent = text;
      box.appendChild(document.createTextNode(" "));
      box.appendChild(b);
    }
    if (l.approx) { badge("approx-badge", cfg.approxLabel); }
    if (l.demo) { badge("demo-badge", cfg.demoLabel); }
    return L.marker(l.at, { interactive: false, keyboard: false, pane: "tourLabels",
                            icon: L.divIcon({ html: box, className: "tour-label-anchor", iconSize: [0, 0] }) });
  }
  function focus(s) {  // the stop's labels, and only its layer's rows in the legend
    labels.clearLayers();
    for (var i = 0; i < (s.labels || []).length; i++) { labels.addLayer(label(s.labels[i])); }
    var rows = legend ? legend.querySelectorAll(".lg-layer") : [];
    for (var j = 0; j < rows.length; j++) {
      rows[j].style.display = !s.layer || rows[j].getAttribute("data-layer") === s.layer ? "" : "none";
    }
  }
  function go(n) {
    if (!stops.length) { render(); return; }
    index = ((n % stops.length) + stops.length) % stops.length;
    window.tourIndex = index;
    var s = stops[index], pad = 32 * fit;
    render();  // first: the caption's and the legend's new heights are part of the padding
    focus(s);
    try {
      if (s.zoom !== null && s.zoom !== undefined) {
        map.flyTo(s.center, s.zoom + zoomUp, { duration: 1.2 });
      } else {  // keep what is shown clear of the caption (top) and the legend (bottom)
        map.flyToBounds(s.bounds, { paddingTopLeft: [pad, box.offsetTop + box.offsetHeight + pad],
                                    paddingBottomRight: [pad, (legend ? legend.offsetHeight : 0) + pad],
                                    maxZoom: cfg.maxZoom + zoomUp, duration: 1.2 });
      }
    } catch (e) { if (window.console) { window.console.warn("tour:", e); } }  // a bad stop must not stop the tour
    arm();
  }
  function onKey(e) {
    var tag = e.target && e.target.tagName;
    if (e.ctrlKey || e.altKey || e.metaKey || tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") { return; }
    var k = e.key;
    if (k === "PageDown" || k === "ArrowRight" || k === "Right" || k === " " || k === "Spacebar") {
      go(index + 1);
    } else if (k === "PageUp" || k === "ArrowLeft" || k === "Left") {
      go(index - 1);
    } else if (k === "b" || k === "B" || k === "p" || k === "P") {
      paused = !paused;
      render();
      arm();
    } else {
      return;
    }
    e.preventDefault();
  }
  window.addEventListener("keydown", onKey);
  try {  // the page around the iframe: one listener, replaced (not added) if the map is remounted
    var host = window.parent;
    if (host && host !== window && host.document) {
      if (host.__tourKey) { host.document.removeEventListener("keydown", host.__tourKey); }
      host.__tourKey = onKey;
      host.document.addEventListener("keydown", onKey);
      window.addEventListener("pagehide", function () {
        if (host.__tourKey === onKey) { host.document.removeEventListener("keydown", onKey); host.__tourKey = null; }
      });
    }
  } catch (e) { if (window.console) { window.console.warn("tour: keys work inside the map only", e); } }
  // Leading stops (the changes since the last meeting) come in an overlay group, not in
  // this script, so new changes do not reload the map (dashboard/meeting/marks.LeadStops). New
  // lead stops start the tour over from them; the same ones again (every rerun) change nothing.
  window.htzTour = { lead: function (extra) {
    var key = JSON.stringify(extra || []);
    if (key === leadKey) { return; }
    leadKey = key;
    stops = (extra || []).concat(base);
    go(0);
  } };
  go(0);
}
