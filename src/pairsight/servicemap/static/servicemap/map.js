// Draws the service map: one marker per located place, on a plain background (no map tiles,
// so the map works offline and asks no outside server for anything). The places come from
// the container's data-points attribute; the table beside the map lists the same services.
(function () {
  "use strict";
  var COLOURS = { wider: "#005eb8", additional: "#007f3b", specialised: "#8a1538", "": "#4c6272" };

  function draw(container) {
    if (typeof L === "undefined" || container.dataset.mapDrawn === "true") {
      return;
    }
    container.dataset.mapDrawn = "true";
    var points = JSON.parse(container.dataset.points || "[]");
    var map = L.map(container, { attributionControl: false, zoomSnap: 0.25 });
    var bounds = [];
    points.forEach(function (point) {
      var marker = L.circleMarker([point.lat, point.lon], {
        radius: 8,
        color: "#212b32",
        weight: 1,
        fillColor: COLOURS[point.focus] || COLOURS[""],
        fillOpacity: 0.9,
      }).addTo(map);
      // Text only: the name is set as text content, never parsed as markup.
      var label = document.createElement("span");
      label.textContent = point.name + (point.address ? " — " + point.address : "");
      marker.bindTooltip(label);
      bounds.push([point.lat, point.lon]);
    });
    L.control.scale({ imperial: false }).addTo(map);
    if (bounds.length === 1) {
      map.setView(bounds[0], 13);
    } else if (bounds.length > 1) {
      map.fitBounds(bounds, { padding: [24, 24] });
    } else {
      map.setView([52.5, -1.9], 6);
    }
    container.dataset.mapReady = "true";
  }

  function start() {
    document.querySelectorAll("[data-service-map]").forEach(draw);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
