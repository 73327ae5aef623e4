// sitroom map: events as letter-and-shape markers, clustered, over the
// embedded basemap (and online tiles only when the node sets a tile URL).
// The page works without this script: the filter form reloads the page and
// the list links stand in for the map.
(function () {
  'use strict';
  var SHAPE = {battle: 'circle', explosion_remote_violence: 'diamond', violence_against_civilians: 'square',
    protest: 'circle', riot: 'square', strategic_development: 'triangle'};
  var MYANMAR = [[9.6, 92.2], [28.5, 101.2]];

  function ready(fn) {
    if (document.readyState !== 'loading') fn(); else document.addEventListener('DOMContentLoaded', fn);
  }
  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c];
    });
  }
  function icon(t, letter) {
    return L.divIcon({className: 'mkwrap', iconSize: [24, 24], iconAnchor: [12, 12],
      html: '<span class="mk t-' + esc(t) + ' s-' + (SHAPE[t] || 'circle') + '">' + esc(letter) + '</span>'});
  }
  function basemap(map, el) {
    var tiles = el.getAttribute('data-tiles');
    if (tiles) {
      L.tileLayer(tiles, {maxZoom: 18, attribution: el.getAttribute('data-attribution') || ''}).addTo(map);
    }
    fetch(el.getAttribute('data-basemap')).then(function (r) { return r.json(); }).then(function (g) {
      L.geoJSON(g, {interactive: false, style: function (f) {
        if (f.geometry.type === 'MultiPolygon') {
          return {color: '#57606a', weight: 1.5, fillColor: '#ffffff', fillOpacity: tiles ? 0 : 1};
        }
        if (f.properties && f.properties.kind === 'admin1') {
          return {color: '#8c959f', weight: 1.2, opacity: 0.9};
        }
        return {color: '#8c959f', weight: 1, dashArray: '4 3'};
      }}).addTo(map).bringToBack();
    });
  }
  // places draws the gazetteer's township seats, named in English and
  // Burmese; the names show once the map is zoomed in far enough to read.
  function places(map, el) {
    var src = el.getAttribute('data-places');
    if (!src) return;
    fetch(src).then(function (r) { return r.json(); }).then(function (list) {
      var layer = L.layerGroup();
      list.forEach(function (p) {
        L.circleMarker([p.lat, p.lon], {radius: 2, color: '#57606a', weight: 1, fillOpacity: 1, interactive: false})
          .bindTooltip(esc(p.name) + (p.name_my ? ' · <span lang="my">' + esc(p.name_my) + '</span>' : ''),
            {permanent: true, direction: 'right', className: 'place-label', offset: [4, 0]})
          .addTo(layer);
      });
      layer.addTo(map);
      function labels() { el.classList.toggle('show-labels', map.getZoom() >= 8); }
      map.on('zoomend', labels);
      labels();
    });
  }
  function newMap(el, opts) {
    var map = L.map(el, Object.assign({attributionControl: !!el.getAttribute('data-tiles'), minZoom: 4, maxZoom: 14}, opts || {}));
    basemap(map, el);
    places(map, el);
    return map;
  }

  function eventMap(el) {
    var map = newMap(el);
    var layer = L.markerClusterGroup({showCoverageOnHover: false, maxClusterRadius: 40,
      iconCreateFunction: function (c) {
        var n = c.getChildCount();
        var size = n < 10 ? 32 : n < 100 ? 40 : 48;
        return L.divIcon({className: 'cluster', iconSize: [size, size], html: '<span>' + n + '</span>'});
      }});
    map.addLayer(layer);
    var note = document.getElementById('map-note');
    function show(data, fit) {
      layer.clearLayers();
      var markers = data.points.map(function (p) {
        var m = L.marker([p.lat, p.lon], {icon: icon(p.t, p.l), title: p.title, alt: p.title, keyboard: true});
        m.bindPopup('<a href="/events/' + encodeURIComponent(p.id) + '">' + esc(p.title) + '</a><br>' + esc(p.date) + ' · ' + esc(p.status));
        m.options.eventType = p.t;
        return m;
      });
      layer.addLayers(markers);
      el.setAttribute('data-count', String(markers.length));
      if (note) note.firstChild.nodeValue = data.note + ' ';
      if (fit && markers.length) map.fitBounds(layer.getBounds(), {padding: [24, 24], maxZoom: 8});
      else if (fit) map.fitBounds(MYANMAR);
    }
    var initial = document.getElementById('map-data');
    show(initial ? JSON.parse(initial.textContent) : {points: [], note: ''}, true);
    var form = document.getElementById('filters');
    if (form) {
      form.addEventListener('submit', function (ev) {
        ev.preventDefault();
        var params = new URLSearchParams();
        new FormData(form).forEach(function (v, k) { if (v) params.append(k, v); });
        var qs = params.toString();
        el.setAttribute('aria-busy', 'true');
        fetch(el.getAttribute('data-src') + '?' + qs, {headers: {'Accept': 'application/json'}})
          .then(function (r) { return r.json(); })
          .then(function (data) {
            el.removeAttribute('aria-busy');
            if (data.error) { if (note) note.firstChild.nodeValue = data.error + ' '; return; }
            show(data, true);
            history.replaceState(null, '', '/map' + (qs ? '?' + qs : ''));
          });
      });
    }
  }

  function pointMap(el) {
    var ll = [parseFloat(el.getAttribute('data-lat')), parseFloat(el.getAttribute('data-lon'))];
    var map = newMap(el, {scrollWheelZoom: false});
    map.setView(ll, 8);
    L.marker(ll, {icon: icon(el.getAttribute('data-type'), el.getAttribute('data-letter')), keyboard: false}).addTo(map);
  }

  ready(function () {
    var el = document.getElementById('map');
    if (!el || !window.L) return;
    if (el.hasAttribute('data-lat')) pointMap(el); else eventMap(el);
  });
})();
