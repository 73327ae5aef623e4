// Test harness: builds the real sitroom binary, starts `sitroom demo` on a
// free port, seeds a few events with points, and launches Debian's
// headless Chromium through playwright-core.
'use strict';
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');

const ROOT = path.resolve(__dirname, '..', '..');
const RESULTS = path.resolve(__dirname, '..', 'results');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];

function buildBinary() {
  if (process.env.SITROOM_BIN) return process.env.SITROOM_BIN;
  const out = path.join(os.tmpdir(), `sitroom-e2e-${process.pid}`);
  execFileSync('go', ['build', '-o', out, './cmd/sitroom'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, CGO_ENABLED: '0' } });
  return out;
}

// startDemo runs `sitroom demo --addr 127.0.0.1:0` and reads the URL and
// the admin token it prints.
async function startDemo() {
  const bin = buildBinary();
  const proc = spawn(bin, ['demo', '--addr', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let errOut = '';
  proc.stderr.on('data', (d) => { errOut = (errOut + d).slice(-4000); });
  const info = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('demo did not start in 120 s: ' + out + errOut)), 120000);
    proc.stdout.on('data', (d) => {
      out += d;
      const u = out.match(/listening on (http:\/\/\S+)/);
      const t = out.match(/admin token (srt_\S+)/);
      if (u && t) { clearTimeout(timer); resolve({ url: u[1], token: t[1] }); }
    });
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`demo exited ${code}: ${out}${errOut}`)); });
  });
  const stop = () => new Promise((resolve) => {
    if (proc.exitCode !== null) return resolve();
    proc.once('exit', resolve);
    proc.kill('SIGINT');
  });
  return { ...info, proc, stop, binary: bin };
}

// Events with points, on days after the demo's last, so that they head
// the lists and the review queue. The words are the tests' own.
const SEED = [
  { id: 'e2e-battle', date: '2024-01-20', source: 'E2E test desk', text: 'Test report: armed clash near Laukkaing town, three killed.',
    events: [{ type: 'battle', sub_type: 'armed_clash', place: 'Laukkaing (test)', lat: 23.69, lon: 98.75,
      date_start: '2024-01-20', actors: ['MNDAA', { name: 'Myanmar military', role: 'target' }], killed_min: 3 }] },
  { id: 'e2e-shelling', date: '2024-01-21', source: 'E2E test desk', text: 'Test report: shelling hit a ward of Lashio, two injured.',
    events: [{ type: 'explosion_remote_violence', sub_type: 'shelling_artillery_missile_attack', place: 'Lashio (test)',
      lat: 22.93, lon: 97.75, date_start: '2024-01-21', injured_min: 2 }] },
  { id: 'e2e-displacement', date: '2024-01-22', source: 'E2E test desk', text: 'Test report: 1,200 people fled Hsenwi.',
    events: [{ type: 'strategic_development', kind: 'displacement', place: 'Hsenwi (test)', lat: 23.30, lon: 97.97,
      date_start: '2024-01-22', displaced: 1200 }] },
];

async function seed(server) {
  const res = await fetch(server.url + '/api/v1/reports', {
    method: 'POST', body: JSON.stringify(SEED),
    headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + server.token },
  });
  const body = await res.json();
  if (res.status !== 200) throw new Error('seed: ' + res.status + ' ' + JSON.stringify(body));
  const ids = {};
  body.results.forEach((r, i) => { ids[SEED[i].id] = r.events[0]; });
  return ids;
}

async function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
}

// signIn uses the sign-in form, as a person would.
async function signIn(page, server, next) {
  await page.goto(server.url + '/login' + (next ? '?next=' + encodeURIComponent(next) : ''));
  await page.fill('#lg-token', server.token);
  await Promise.all([page.waitForNavigation(), page.click('form.stack button[type=submit]')]);
}

function resultPath(name) {
  fs.mkdirSync(RESULTS, { recursive: true });
  return path.join(RESULTS, name);
}

module.exports = { startDemo, seed, launch, signIn, resultPath, FLAGS, CHROMIUM };
