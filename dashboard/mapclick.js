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
// control, or at the end of a drag is left to Leaflet untouched.
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
  var restackPending = false;
  function restack() {
    restackPending = false;
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
    } catch (err) {  // never break clicking: Leaflet's own handling stays in place
      if (window.console) { window.console.warn("mapclick:", err); }
    }
  }
  // Leaflet focuses the map on a press (for its keys). Where the map's bottom is below the fold
  // (a notice above it, a short window) focus() scrolls the page to show it all: the press and the
  // release then land on different points, and the click picks whatever lies there (a count disc
  // zooms in; 7号楼 on the 200,000-firm page was never selected). Focus it without scrolling first.
  map.getContainer().addEventListener("mousedown", function () {
    var box = map.getContainer();
    if (document.activeElement !== box) { try { box.focus({ preventScroll: true }); } catch (err) { /* old browser */ } }
  }, true);
  map.getContainer().addEventListener("click", onClick, true);
  map.on("layeradd", function (e) {  // overlays are swapped in a batch: order them once, after it
    if (!restackPending && e.layer.feature) {
      restackPending = true;
      setTimeout(function () { try { restack(); } catch (err) { if (window.console) { window.console.warn("mapclick:", err); } } }, 0);
    }
  });
}
