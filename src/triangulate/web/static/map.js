// The story or entity map: Leaflet over the shipped Natural Earth outlines (no tiles).
(function () {
  "use strict";
  const box = document.getElementById("map");
  const data = document.getElementById("places");
  if (!box || !data || typeof L === "undefined") return;
  const places = JSON.parse(data.textContent);
  const map = L.map(box, { attributionControl: true, worldCopyJump: true });
  map.attributionControl.addAttribution("Natural Earth");
  fetch(box.dataset.basemap, { credentials: "same-origin" })
    .then((r) => r.json())
    .then((geo) => {
      L.geoJSON(geo, { style: { color: "#8a8a8a", weight: 0.7, fillColor: "#f4f1e8", fillOpacity: 1 } })
        .addTo(map).bringToBack();
      box.dataset.basemapDrawn = "1";
    });
  const markers = [];
  for (const p of places) {
    const size = 5 + 3 * Math.min(6, (p.doc_ids || []).length);
    const marker = L.circleMarker([p.lat, p.lon], {
      radius: size, color: "#fff", weight: 1, fillColor: "#c0392b", fillOpacity: 0.85,
    });
    const link = document.createElement("a");
    link.href = "/entities/" + encodeURIComponent(p.id);
    link.textContent = p.name + " (" + (p.doc_ids || []).length + " documents)";
    marker.bindPopup(link);
    marker.addTo(map);
    markers.push(marker);
  }
  if (markers.length) {
    const bounds = L.featureGroup(markers).getBounds();
    map.fitBounds(bounds.pad(0.3), { maxZoom: 7 });
  } else {
    map.setView([30, 20], 2);
  }
  box.dataset.markers = String(markers.length);
})();
