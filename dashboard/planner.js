// The planner's tools on the internal map (issue 13). Inlined into the base map's script by
// dashboard/planner_map.py (JsScript) as `(this function)(map, settings)`; plain ES5.
// - A shape drawn with Leaflet.draw is marked `planner` (so the page tells it from a click on a
//   feature or a district) and taken off the map once streamlit-folium has read it: the server
//   answers with the shape drawn from its own copy, so what is on the map is what the panel
//   describes.
// - While a draw or measure tool is active, dashboard/mapclick.js leaves clicks alone
//   (`map._htzBusy`): a vertex click must not select the feature beneath it.
// - The pointer readout (folium's MousePosition) gets WGS-84 added on a GCJ-02 basemap (there the
//   pointer is in GCJ-02, the tiles' datum), and a click on it copies the text.
function (map, s) {
  "use strict";
  var busy = 0;
  function idle() { setTimeout(function () { busy = Math.max(0, busy - 1); map._htzBusy = busy > 0; }, 0); }
  function start() { busy += 1; map._htzBusy = true; }
  map.on("draw:drawstart", start);
  map.on("draw:drawstop", idle);  // after the click that ends the drawing has gone by
  map.on("measurestart", start);
  map.on("measurefinish", idle);
  map.on("draw:created", function (e) {
    var f = e.layer.feature = e.layer.feature || { type: "Feature", properties: {} };
    f.properties = f.properties || {};
    f.properties.planner = 1;
    f.properties.shape = e.layerType;
    setTimeout(function () { if (e.layer._map) { e.layer.remove(); } }, 0);
  });

  // GCJ-02 -> WGS-84 (the model of dashboard/gcj02.py: forward formula, inverse by iteration)
  var A = 6378245.0, EE = 0.00669342162296594323, PI = Math.PI;
  function delta(lon, lat) {
    var x = lon - 105.0, y = lat - 35.0;
    var c = (20 * Math.sin(6 * x * PI) + 20 * Math.sin(2 * x * PI)) * 2 / 3;
    var dlat = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x)) + c +
      (20 * Math.sin(y * PI) + 40 * Math.sin(y / 3 * PI)) * 2 / 3 + (160 * Math.sin(y / 12 * PI) + 320 * Math.sin(y * PI / 30)) * 2 / 3;
    var dlon = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x)) + c +
      (20 * Math.sin(x * PI) + 40 * Math.sin(x / 3 * PI)) * 2 / 3 + (150 * Math.sin(x / 12 * PI) + 300 * Math.sin(x / 30 * PI)) * 2 / 3;
    var r = lat * PI / 180, m = 1 - EE * Math.sin(r) * Math.sin(r), sm = Math.sqrt(m);
    return [dlon * 180 / (A / sm * Math.cos(r) * PI), dlat * 180 / ((A * (1 - EE)) / (m * sm) * PI)];
  }
  function toWgs(lon, lat) {
    var x = lon, y = lat, i, d;
    for (i = 0; i < 20; i++) { d = delta(x, y); x = lon - d[0]; y = lat - d[1]; }
    return [x, y];
  }
  var box = map.getContainer().querySelector(".leaflet-control-mouseposition");
  if (!box) { return; }
  box.title = s.copy_hint;
  box.style.cursor = "copy";
  if (s.gcj02) {
    map.on("mousemove", function (e) {
      var w = toWgs(e.latlng.lng, e.latlng.lat);
      box.appendChild(document.createElement("br"));
      box.appendChild(document.createTextNode("WGS-84 " + w[0].toFixed(6) + ", " + w[1].toFixed(6)));
    });
  }
  L.DomEvent.disableClickPropagation(box);
  box.addEventListener("click", function () {
    var text = box.innerText, done = function () { box.setAttribute("data-copied", "1"); };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, function () { fallback(text); done(); });
    } else { fallback(text); done(); }
  });
  function fallback(text) {
    var ta = document.createElement("textarea");
    ta.value = text; document.body.appendChild(ta); ta.select();
    try { document.execCommand("copy"); } catch (err) { /* nothing else to try */ }
    document.body.removeChild(ta);
  }
}
