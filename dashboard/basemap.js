// Basemap of the folium map, inlined into the map script by dashboard/basemaps.py
// (BasemapScript) as `(this function)(map, cfg)`. Plain ES5: meeting-room PCs run old browsers.
//
// - The offline vector basemap (districts, city outline, graticule: fetched from cfg.offline.url;
//   district names inline) is always
//   drawn, in panes *below* Leaflet's tile pane: under a tile basemap it is hidden by the tiles,
//   shows through while they load, and is what is left when they are removed.
// - Tile layers (cfg.tiles) go on top. If they fail (errors before any tile loads, a run of
//   errors later, or nothing loaded cfg.timeoutMs after the first request) the tiles are
//   removed, the offline attribution is added and a notice says so.
// Nothing here may throw: a thrown error would stop the rest of the map script.
function (map, cfg) {
  "use strict";
  function log(e) { try { if (window.console) { window.console.warn("basemap:", e); } } catch (ignore) {} }
  function safe(fn) {
    return function () { try { return fn.apply(this, arguments); } catch (e) { log(e); } };
  }
  var ERRORS_BEFORE_LOAD = 2;  // no tile loaded yet: a couple of errors is enough
  var ERRORS_AFTER_LOAD = 8;   // tiles worked before: only a long run of errors means "gone"

  function pane(name, z) {
    var p = map.getPane(name) || map.createPane(name);
    p.style.zIndex = z;            // tilePane is 200, overlayPane 400
    p.style.pointerEvents = "none";
    return name;
  }

  function drawOffline(o) {
    var look = o.look, base = pane("bmBase", 150), labels = pane("bmLabels", 160);
    var opts = function (style) { return { pane: base, interactive: false, style: style }; };
    // the geometry is fetched once per version (like the layers): a rerun does not resend it
    fetch(o.url, { credentials: "same-origin" })
      .then(function (r) { if (!r.ok) { throw new Error("HTTP " + r.status); } return r.json(); })
      .then(safe(function (g) {
        L.geoJSON(g.districts, opts({ color: look.line, weight: 1.2, fillColor: look.fill, fillOpacity: 1 })).addTo(map);
        L.geoJSON(g.graticule, opts({ color: look.graticule, weight: 1, dashArray: "3 5", fill: false })).addTo(map);
        L.geoJSON(g.city, opts({ color: look.city, weight: 3, fill: false })).addTo(map);
        map.getContainer().setAttribute("data-offline-drawn", "1");
      }))["catch"](log);
    for (var i = 0; i < o.labels.length; i++) {
      var l = o.labels[i];
      L.marker([l[0], l[1]], {
        pane: labels, interactive: false, keyboard: false,
        icon: L.divIcon({ className: "bm-label-anchor", iconSize: [0, 0],
                          html: '<span class="bm-label ' + look.labelClass + '">' + l[2] + "</span>" })
      }).addTo(map);
    }
    map.getContainer().style.background = look.background;
    L.DomUtil.addClass(map.getContainer(), "bm-look-" + look.name);  // lets CSS restyle overlay labels
  }

  function showNotice(n) {
    var c = L.control({ position: "topright" });
    c.onAdd = function () {
      var div = L.DomUtil.create("div", "bm-notice");
      div.setAttribute("role", "status");
      var a = L.DomUtil.create("div", "bm-notice-main", div);
      a.textContent = n.main;
      if (n.sub) {
        var b = L.DomUtil.create("div", "bm-notice-sub", div);
        b.textContent = n.sub;
      }
      return div;
    };
    c.addTo(map);
  }

  function watchTiles(tiles) {
    var watched = tiles[0], loads = 0, streak = 0, done = false, timer = null;
    var fallback = safe(function (reason) {
      if (done) { return; }
      done = true;
      if (timer) { clearTimeout(timer); }
      for (var i = 0; i < tiles.length; i++) { map.removeLayer(tiles[i]); }
      if (map.attributionControl) { map.attributionControl.addAttribution(cfg.offline.attribution); }
      map.getContainer().setAttribute("data-basemap", "fallback:" + reason);
      showNotice(cfg.notice);
    });
    watched.on("tileloadstart", safe(function () {
      if (!timer && !done) {  // count from the first request: a hidden map requests nothing
        timer = setTimeout(safe(function () { if (!loads) { fallback("timeout"); } }), cfg.timeoutMs);
      }
    }));
    watched.on("tileload", safe(function () { loads += 1; streak = 0; }));
    watched.on("tileerror", safe(function () {
      streak += 1;
      if (streak >= (loads ? ERRORS_AFTER_LOAD : ERRORS_BEFORE_LOAD)) { fallback("tileerror"); }
    }));
  }

  safe(drawOffline)(cfg.offline);  // on its own: a failure here must not cost the tiles
  safe(function () {
    if (!cfg.tiles.length) {
      if (map.attributionControl) { map.attributionControl.addAttribution(cfg.offline.attribution); }
      map.getContainer().setAttribute("data-basemap", "offline");
      return;
    }
    var tiles = [], i;
    for (i = 0; i < cfg.tiles.length; i++) { tiles.push(L.tileLayer(cfg.tiles[i].url, cfg.tiles[i].options)); }
    map.getContainer().setAttribute("data-basemap", "tiles");
    watchTiles(tiles);  // before addTo: the first tiles are requested inside addTo
    for (i = 0; i < tiles.length; i++) { tiles[i].addTo(map); }
  })();
}
