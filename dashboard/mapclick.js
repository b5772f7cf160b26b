// A click on the map goes to the MOST SPECIFIC of our features under the pointer, whatever is
// drawn on top. A file the browser fetches once (dashboard/mapview.py: JsScript, served), called
// as `(this function)(map)`. Plain ES5: meeting-room PCs run old browsers.
//
// Why here and not by stacking order: SVG sends a click to the topmost painted element, and
// what is on top is the wrong answer in two places: a project's big ring (drawn above, so it
// is seen) lies over 7号楼 at the default zoom, and the parks (above the zone) cover the whole
// radiation zone, so the zone could never be clicked. Which one covers which changes with the
// zoom (rings keep their pixel size, the ground does not), so no fixed order is right.
// Instead, at click time, every interactive feature of ours is hit-tested at the pointer with
// Leaflet's own geometry tests (the ones its canvas renderer uses), except that a ring (an
// unfilled point) is hit on its stroke only, as it is drawn: a project's ring is wider than the
// Tianjian Lake park at zoom 13, and the park must stay clickable inside it. The candidates are
// ranked, and the click is fired on the winner only:
//   solid point  <  ring (unfilled point)  <  line  <  polygon,
//   points by distance from the pointer, polygons by area (a smaller one lies inside a larger:
//   inside the zone but outside the Tianjian Lake park the zone wins over 沟赵园区; inside the
//   park, the park wins over the zone).
// The drawing order follows the same ranking (larger polygons below, solid points on top, the
// selection highlight above all), so what a visitor sees on top and what the hover tooltip
// names agree with what a click picks.
// The winner's `click` propagates to its GeoJSON group as Leaflet's own would, so
// streamlit-folium records it as `last_active_drawing`. A click on no feature of ours, on a
// control, or at the end of a drag is left to Leaflet untouched. The click's value then goes to
// Python at once, not after streamlit-folium's 250 ms debounce (`sendNow`, below).
function (map) {
  "use strict";
  var SOLID = 0, RING = 1, LINE = 2, AREA = 3;

  function ours(l) {
    var p = l.feature && l.feature.properties;
    return !!(p && p.layer && l._map && l.options.interactive !== false && typeof l._containsPoint === "function");
  }
  function hits(l, p) {
    if (l instanceof L.CircleMarker && !l.options.fill) {  // a ring: its stroke, not its inside
      return Math.abs(p.distanceTo(l._point) - l._radius) <= l._clickTolerance();
    }
    return l._containsPoint(p);
  }
  function ringArea(ring) {  // shoelace in zoom-0 pixels: only compared with each other
    var a = 0, n = ring.length, i, p, q;
    for (i = 0; i < n; i++) {
      p = map.project(ring[i], 0); q = map.project(ring[(i + 1) % n], 0);
      a += p.x * q.y - q.x * p.y;
    }
    return Math.abs(a / 2);
  }
  function area(lls) {  // a ring, a polygon [outer, holes...] or a multipolygon [polygon...]
    var i, a = 0;
    if (L.LineUtil.isFlat(lls)) { return ringArea(lls); }
    if (L.LineUtil.isFlat(lls[0])) {
      a = ringArea(lls[0]);
      for (i = 1; i < lls.length; i++) { a -= ringArea(lls[i]); }
      return a;
    }
    for (i = 0; i < lls.length; i++) { a += area(lls[i]); }
    return a;
  }
  function rank(l, p) {
    if (l instanceof L.CircleMarker) { return [l.options.fill ? SOLID : RING, p.distanceTo(l._point)]; }
    if (l instanceof L.Polygon) { return [AREA, area(l.getLatLngs())]; }
    return [LINE, 0];
  }
  function stackKey(l) {  // [class, size]: drawn from the largest key down, so the smallest is on top
    var p = l.feature && l.feature.properties;
    if (l.options.interactive === false) { return [-1, 0]; }  // the selection highlight: always on top
    if (l instanceof L.CircleMarker) { return [l.options.fill ? SOLID : RING, 0]; }
    if (l instanceof L.Polygon) {
      if (l._stackArea === undefined) { l._stackArea = area(l.getLatLngs()); }
      return [AREA, l._stackArea];
    }
    return [p ? LINE : -1, 0];
  }
  // A click moves only the selection highlight: it just goes on top. The whole order is redone
  // only when data layers come (at 10,000 firms a full restack was a 0.1 s freeze after each click).
  var restackPending = false, full = false, onTop = [];
  function restack() {
    var top = onTop, j;
    restackPending = false;
    onTop = [];
    if (!full) {
      for (j = 0; j < top.length; j++) { if (top[j]._map) { top[j].bringToFront(); } }
      return;
    }
    full = false;
    var list = [];
    map.eachLayer(function (l) {
      if (l.feature && l.feature.properties && l.feature.properties.layer && (l._path || l._renderer)) { list.push(l); }  // SVG or canvas
    });
    list.sort(function (a, b) {
      var ka = stackKey(a), kb = stackKey(b);
      return (kb[0] - ka[0]) || (kb[1] - ka[1]);
    });
    for (var i = 0; i < list.length; i++) { list[i].bringToFront(); }
  }
  function before(a, b) { return !b || a[0] < b[0] || (a[0] === b[0] && a[1] <= b[1]); }

  // The feature a click at layer point p is meant for (null: none of ours is there).
  function winner(p) {
    var best = null, bestRank = null;
    map.eachLayer(function (l) {
      if (!ours(l) || !hits(l, p)) { return; }
      var r = rank(l, p);
      if (before(r, bestRank)) { best = l; bestRank = r; }  // "<=": on a tie the one drawn later (on top)
    });
    return best;
  }
  function onClick(e) {
    try {
      if (map._htzBusy) { return; }  // a draw/measure tool is active (dashboard/planner.js)
      var box = map.getContainer(), t = e.target;
      if (t !== box && !map.getPane("mapPane").contains(t)) { return; }  // a control, the legend, a caption
      if (map.dragging && map.dragging.moved()) { return; }               // the end of a drag
      var cp = map.mouseEventToContainerPoint(e), lp = map.containerPointToLayerPoint(cp);
      var hit = winner(lp);
      if (!hit) { return; }
      e.stopPropagation();  // capture phase: Leaflet never sees it, so the top path gets no click
      var data = { latlng: map.layerPointToLatLng(lp), layerPoint: lp, containerPoint: cp, originalEvent: e };
      hit.fire("click", data, true);  // true: on to its GeoJSON group, as Leaflet does
      map.fire("click", data);
      sendNow();
    } catch (err) {  // never break clicking: Leaflet's own handling stays in place
      if (window.console) { window.console.warn("mapclick:", err); }
    }
  }
  // streamlit-folium (0.27.4, its frontend's index.tsx) tells Python of a click only through
  // debounce(updateComponentValue, 250): every click waited 250 ms before the page heard of it.
  // So, once the click above has filled its __GLOBAL_DATA__, the same value is sent at once, built
  // as updateComponentValue builds it (its keys in its order, kept to returned_objects), and
  // recorded as previous_data: the debounced call then finds nothing changed and sends nothing.
  // Whatever cannot be built the same way here is left to the debounce.
  var SENT = {  // updateComponentValue's keys, in its order: JSON.stringify compares them in order
    last_clicked: function (g) { return g.lat_lng_clicked; },
    last_object_clicked: function (g) { return g.last_object_clicked; },
    last_object_clicked_count: function (g) { return g.last_object_clicked_count; },
    last_object_clicked_tooltip: function (g) { return g.last_object_clicked_tooltip; },
    last_object_clicked_popup: function (g) { return g.last_object_clicked_popup; },
    all_drawings: function (g) { return g.all_drawings; },
    last_active_drawing: function (g) { return g.last_active_drawing; },
    last_geocoder_result: function (g) { return g.last_geocoder_result; },
    bounds: function () { return map.getBounds(); },
    zoom: function () { return map.getZoom(); },
    last_circle_radius: function (g) { return g.last_circle_radius; },
    last_circle_polygon: function (g) { return g.last_circle_polygon; },
    center: function () { return map.getCenter(); },
    selected_layers: function (g) {
      var out = [], k;
      for (k in g.selected_layers) { if (Object.prototype.hasOwnProperty.call(g.selected_layers, k)) { out.push(g.selected_layers[k]); } }
      return out;
    },
    selected_tags: function (g) { return g.selected_tags; }
  };
  function sendNow() {
    var g = window.__GLOBAL_DATA__, st = window.Streamlit, wanted, data = {}, k, text;
    if (!g || !st || typeof st.setComponentValue !== "function") { return; }
    wanted = g.returned_objects;
    if (!wanted || g.wrap_longitude) { return; }  // all keys / wrapped ones: the debounce builds them
    for (k in SENT) {
      if (Object.prototype.hasOwnProperty.call(SENT, k) && wanted.indexOf(k) >= 0) { data[k] = SENT[k](g); }
    }
    text = JSON.stringify(data);
    if (text === JSON.stringify(g.previous_data)) { return; }  // the same feature again: nothing new
    g.previous_data = JSON.parse(text);  // as compared later: by its JSON
    st.setComponentValue(data);
  }
  // Leaflet focuses the map on mousedown (its keyboard handler), and a browser scrolls the page to
  // show what gets the focus: a map running past the window's bottom jumped up between mousedown
  // and click, so the click landed on whatever had come under the pointer (on the 200k-file page,
  // 146 px lower: a cluster, which zoomed in, instead of 7号楼). The map is focused without it.
  var box = map.getContainer(), focus = box.focus;
  box.focus = function () {
    try { focus.call(box, { preventScroll: true }); } catch (err) { focus.call(box); }  // old browsers: as before
  };
  box.addEventListener("click", onClick, true);
  map.on("layeradd", function (e) {  // overlays are swapped in a batch: order them once, after it
    if (!e.layer.feature) { return; }
    if (e.layer.options.interactive === false) { onTop.push(e.layer); } else { full = true; }  // the highlight, or data
    if (!restackPending) {
      restackPending = true;
      setTimeout(function () { try { restack(); } catch (err) { if (window.console) { window.console.warn("mapclick:", err); } } }, 0);
    }
  });
}
