// The GeoJSON export checked by @mapbox/geojsonhint, Mapbox's validator
// of RFC 7946: no errors and no warnings (coordinate precision, winding,
// old-style crs…), for a team member's export and for the public's.
'use strict';
const { it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const geojsonhint = require('@mapbox/geojsonhint');
const { startDemo, seed } = require('./harness');

let server;
let ids;

before(async () => {
  server = await startDemo();
  ids = await seed(server);
});

after(async () => {
  if (server) await server.stop();
});

async function get(path, token) {
  const headers = token ? { Authorization: 'Bearer ' + token } : {};
  const res = await fetch(server.url + path, { headers });
  return { status: res.status, type: res.headers.get('content-type'), etag: res.headers.get('etag'), body: await res.text() };
}

function hint(body) {
  // geojsonhint takes the text, so that it also checks the JSON itself.
  return geojsonhint.hint(body, { precisionWarning: true });
}

it('a team member\'s GeoJSON export of every event passes geojsonhint', async () => {
  const r = await get('/api/v1/events.geojson', server.token);
  assert.equal(r.status, 200);
  assert.equal(r.type, 'application/geo+json');
  assert.deepEqual(hint(r.body), []);
  const fc = JSON.parse(r.body);
  assert.ok(fc.features.length >= 3, `only ${fc.features.length} features`);
  const battle = fc.features.find((f) => f.id === ids['e2e-battle']);
  assert.ok(battle, 'the seeded battle is missing');
  assert.deepEqual(battle.geometry, { type: 'Point', coordinates: [98.75, 23.69] });
});

it('the public GeoJSON (verified events only) passes geojsonhint', async () => {
  let r = await get('/api/v1/events.geojson');
  assert.deepEqual(hint(r.body), []);
  assert.equal(JSON.parse(r.body).features.length, 0, 'the public sees an unverified event');
  // Verify the seeded battle; the public then sees it.
  const ev = await get('/api/v1/events/' + ids['e2e-battle'], server.token);
  const res = await fetch(server.url + '/api/v1/events/' + ids['e2e-battle'], {
    method: 'PATCH', body: JSON.stringify({ status: 'verified', reason: 'checked for the geojson test' }),
    headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + server.token, 'If-Match': ev.etag },
  });
  assert.equal(res.status, 200, await res.text());
  r = await get('/api/v1/events.geojson');
  assert.deepEqual(hint(r.body), []);
  const fc = JSON.parse(r.body);
  assert.deepEqual(fc.features.map((f) => f.id), [ids['e2e-battle']]);
});

it('a filtered export is still valid GeoJSON', async () => {
  const r = await get('/api/v1/events.geojson?type=explosion_remote_violence&bbox=97,22,99,24', server.token);
  assert.deepEqual(hint(r.body), []);
  assert.ok(JSON.parse(r.body).features.every((f) => f.properties.type === 'explosion_remote_violence'));
});
