// Weight of the first visit to the overview on an emulated 2G link: every
// byte over the wire (compressed bodies and headers), every host asked,
// and the time until the page is usable. Results go to results/weight.json
// for docs/BENCHMARKS.md.
'use strict';
const { it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const { startDemo, seed, launch, signIn, resultPath } = require('./harness');

const LINK = { offline: false, latency: 300, downloadThroughput: 250000 / 8, uploadThroughput: 250000 / 8 }; // 250 kbit/s, 300 ms
const BUDGET_BYTES = 250 * 1024;
const BUDGET_MS = 10000;

let server;
let browser;

before(async () => {
  server = await startDemo();
  await seed(server);
  browser = await launch();
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
});

// firstLoad opens a page in a fresh context (empty cache) on the slow link
// and reports what it cost.
async function firstLoad(path, signedIn) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  if (signedIn) await signIn(page, server);
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.clearBrowserCache');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', LINK);
  const requests = new Map();
  let bytes = 0;
  cdp.on('Network.requestWillBeSent', (e) => { requests.set(e.requestId, { url: e.request.url }); });
  cdp.on('Network.responseReceived', (e) => {
    const r = requests.get(e.requestId);
    if (r) { r.status = e.response.status; r.encoding = e.response.headers['content-encoding'] || e.response.headers['Content-Encoding'] || ''; }
  });
  cdp.on('Network.loadingFinished', (e) => {
    bytes += e.encodedDataLength;
    const r = requests.get(e.requestId);
    if (r) r.bytes = e.encodedDataLength;
  });
  const t0 = Date.now();
  await page.goto(server.url + path, { waitUntil: 'load' });
  // Usable: the document is parsed, the deferred scripts ran (htmx is
  // live) and every asset has arrived.
  await page.waitForFunction(() => window.htmx !== undefined && document.readyState === 'complete');
  const wall = Date.now() - t0;
  const nav = await page.evaluate(() => {
    const n = performance.getEntriesByType('navigation')[0];
    return { domContentLoaded: Math.round(n.domContentLoadedEventEnd), load: Math.round(n.loadEventEnd) };
  });
  await page.waitForLoadState('networkidle'); // late requests (the map's basemap) count too
  const settled = Date.now() - t0;
  const list = [...requests.values()].filter((r) => /^https?:/.test(r.url));
  const hosts = [...new Set(list.map((r) => new URL(r.url).host))];
  await ctx.close();
  return { path, signedIn, bytes, kib: +(bytes / 1024).toFixed(1), requests: list.length, hosts, wallMs: wall, settledMs: settled, ...nav,
    files: list.map((r) => ({ url: r.url.replace(server.url, ''), status: r.status, encoding: r.encoding, bytes: r.bytes })) };
}

it('the overview loads on 2G within budget, from this host only', async () => {
  const results = [];
  for (const [path, signedIn] of [['/', false], ['/', true], ['/events', false], ['/map', false]]) {
    const r = await firstLoad(path, signedIn);
    results.push(r);
    console.log(`${path} ${signedIn ? 'signed in' : 'public'}: ${r.kib} KiB in ${r.requests} requests, usable after ${r.load} ms (wall ${r.wallMs} ms, network idle ${r.settledMs} ms), hosts ${r.hosts.join(',')}`);
  }
  fs.writeFileSync(resultPath('weight.json'), JSON.stringify({ link: LINK, chromium: browser.version(), results }, null, 2));
  for (const r of results) {
    assert.deepEqual(r.hosts, [new URL(server.url).host], `${r.path}: other hosts`);
    for (const f of r.files) assert.equal(f.status, 200, `${r.path}: ${f.url}`);
  }
  const overview = results.filter((r) => r.path === '/');
  for (const r of overview) {
    assert.ok(r.bytes <= BUDGET_BYTES, `overview ${r.kib} KiB over ${BUDGET_BYTES / 1024} KiB`);
    assert.ok(r.load <= BUDGET_MS, `overview usable after ${r.load} ms`);
    for (const f of r.files) if (f.bytes > 2048) assert.equal(f.encoding, 'gzip', `${f.url} not compressed`);
  }
});
