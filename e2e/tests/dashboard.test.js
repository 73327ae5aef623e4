// End-to-end tests of the dashboard in headless Chromium against the real
// binary: sign-in, the map and its filter, an event and its sources, review
// (including two reviewers at once), the report form, Burmese rendering,
// a narrow screen, the keyboard, and pages without JavaScript.
'use strict';
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const { startDemo, seed, launch, signIn, resultPath } = require('./harness');

let server;
let ids;
let browser;

before(async () => {
  server = await startDemo();
  ids = await seed(server);
  browser = await launch();
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
});

async function signedInPage(opts) {
  const ctx = await browser.newContext(opts || {});
  const page = await ctx.newPage();
  await signIn(page, server);
  return { ctx, page };
}

describe('sign-in', () => {
  it('opens a session with a token and closes it on sign-out', async () => {
    const { ctx, page } = await signedInPage();
    assert.match(await page.textContent('.who'), /Signed in as demo admin \(admin\)/);
    const cookies = await ctx.cookies();
    const session = cookies.find((c) => c.name === 'sitroom_session');
    assert.ok(session, 'session cookie set');
    assert.equal(session.httpOnly, true);
    assert.equal(session.sameSite, 'Lax');
    await Promise.all([page.waitForNavigation(), page.click('.who button')]);
    assert.match(await page.textContent('.who'), /Sign in/);
    await ctx.close();
  });

  it('refuses a wrong token with a message', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(server.url + '/login');
    await page.fill('#lg-token', 'srt_notatoken');
    const [resp] = await Promise.all([page.waitForNavigation(), page.click('form.stack button[type=submit]')]);
    assert.equal(resp.status(), 401);
    assert.match(await page.textContent('.error'), /not valid/);
    await ctx.close();
  });
});

describe('map', () => {
  it('shows events as markers and filters them by type', async () => {
    const { ctx, page } = await signedInPage();
    await page.goto(server.url + '/map');
    await page.waitForSelector('#map[data-count]');
    const all = Number(await page.getAttribute('#map', 'data-count'));
    assert.ok(all >= 3, `markers on the map: ${all}`);
    await page.waitForFunction(() => [...document.querySelectorAll('.leaflet-overlay-pane path')].some((p) => p.getAttribute('d').length > 100)); // the offline basemap drew
    await page.selectOption('#filters select[name=type]', 'battle');
    await Promise.all([
      page.waitForResponse((r) => r.url().includes('/map/data?') && r.url().includes('type=battle')),
      page.click('#filters button[type=submit]'),
    ]);
    await page.waitForFunction((n) => Number(document.getElementById('map').dataset.count) < n, all);
    const battles = Number(await page.getAttribute('#map', 'data-count'));
    const want = await page.evaluate(async () => (await (await fetch('/map/data?type=battle')).json()).points.length);
    assert.equal(battles, want);
    assert.ok(battles >= 1 && battles < all);
    const kinds = await page.$$eval('.leaflet-marker-pane .mk', (els) => els.map((e) => e.className));
    for (const k of kinds) assert.match(k, /t-battle/);
    assert.match(page.url(), /type=battle/);
    await page.screenshot({ path: resultPath('map.png') });
    await ctx.close();
  });

  it('makes no request to another host', async () => {
    const { ctx, page } = await signedInPage();
    const hosts = new Set();
    page.on('request', (r) => { const u = new URL(r.url()); if (u.protocol.startsWith('http')) hosts.add(u.host); });
    await page.goto(server.url + '/map', { waitUntil: 'networkidle' });
    assert.deepEqual([...hosts], [new URL(server.url).host]);
    await ctx.close();
  });
});

describe('events', () => {
  it('lists events with a timeline and opens one with its sources', async () => {
    const { ctx, page } = await signedInPage();
    await page.goto(server.url + '/events');
    await page.waitForSelector('.chart .uplot');
    await page.fill('#filters input[name=q]', 'Laukkaing');
    await Promise.all([page.waitForResponse((r) => r.url().includes('q=Laukkaing')), page.click('#filters button[type=submit]')]);
    await page.waitForFunction(() => location.search.includes('q=Laukkaing'));
    const rows = await page.$$eval('table.events tbody tr', (trs) => trs.map((t) => t.textContent));
    assert.ok(rows.length >= 1);
    for (const r of rows) assert.match(r, /Laukkaing/);
    await Promise.all([page.waitForNavigation(), page.click(`a[href="/events/${ids['e2e-battle']}"]`)]);
    assert.match(await page.textContent('h1'), /Armed clash/);
    assert.match(await page.textContent('.figs'), /≥ 3\s+killed\s+—\s+at least 3\s+E2E test desk 20 Jan 2024/);
    await page.click('.claims details summary');
    assert.match(await page.textContent('.claims blockquote'), /armed clash near Laukkaing/);
    assert.match(await page.textContent('#hist + .history'), /event\.create/);
    await page.waitForSelector('#map .leaflet-marker-icon');
    await ctx.close();
  });

  it('shows every source of a disputed figure', async () => {
    const { ctx, page } = await signedInPage();
    await page.goto(server.url + '/events?status=disputed&figure=displaced');
    await Promise.all([page.waitForNavigation(), page.click('table.events tbody tr a')]);
    const fig = await page.textContent('.figs');
    assert.match(fig, /disputed/);
    assert.ok((fig.match(/;/g) || []).length >= 1, 'several sources listed: ' + fig);
    await page.screenshot({ path: resultPath('event.png'), fullPage: true });
    await ctx.close();
  });
});

describe('review', () => {
  it('verifies an event from the queue, and the public then sees it', async () => {
    const { ctx, page } = await signedInPage();
    const id = ids['e2e-battle'];
    await page.goto(server.url + '/review');
    const card = `#card-${id}`;
    await page.fill(`${card} input[name=reason]`, 'Confirmed by two monitors on the phone');
    await Promise.all([page.waitForResponse((r) => r.url().endsWith(`/review/${id}/status`)), page.click(`${card} button[value=verified]`)]);
    await page.waitForSelector(`${card} .flash`);
    assert.match(await page.textContent(`${card} .flash`), /version 2 \(verified\)/);
    const pub = await browser.newContext();
    const pp = await pub.newPage();
    const resp = await pp.goto(server.url + '/events/' + id);
    assert.equal(resp.status(), 200);
    assert.match(await pp.textContent('.fields'), /verified/);
    assert.equal(await pp.$('.claims details'), null, 'no report text for the public');
    await pub.close();
    await ctx.close();
  });

  it('tells the second of two reviewers about the conflict instead of overwriting', async () => {
    const id = ids['e2e-shelling'];
    const a = await signedInPage();
    const b = await signedInPage();
    await a.page.goto(server.url + '/review/' + id);
    await b.page.goto(server.url + '/review/' + id);
    await a.page.fill('#reason-status', 'Matches the hospital list');
    await Promise.all([a.page.waitForNavigation(), a.page.click('.review-forms button[value=verified]')]);
    assert.match(await a.page.textContent('.flash'), /version 2/);
    const form = b.page.locator('form[action$="/figure"]');
    await form.locator('select[name=kind]').selectOption('injured');
    await form.locator('input[name=value]').fill('5');
    await form.locator('input[name=reason]').fill('Hospital says five');
    const [resp] = await Promise.all([b.page.waitForNavigation(), form.locator('button').click()]);
    assert.equal(resp.status(), 409);
    const msg = await b.page.textContent('.conflict');
    assert.match(msg, /Not saved/);
    assert.match(msg, /version 2, status verified/);
    assert.match(await b.page.textContent('.fields'), /verified/);
    await b.page.screenshot({ path: resultPath('conflict.png') });
    await a.ctx.close();
    await b.ctx.close();
  });
});

describe('reports', () => {
  it('sends a report through the form and sees it arrive', async () => {
    const { ctx, page } = await signedInPage();
    const text = 'လားရှိုး — ဒီနေ့ မနက် ဈေးနားမှာ အမြောက်ဆံ ကျတယ်။ (e2e ' + Date.now() + ')';
    await page.goto(server.url + '/report');
    await page.fill('#rp-text', text);
    await page.fill('#rp-source', 'E2E field monitor');
    await page.selectOption('#rp-lang', 'my');
    await Promise.all([page.waitForNavigation(), page.click('form.stack button[type=submit]')]);
    assert.match(await page.textContent('.flash'), /Received\. Report \w+ is stored/);
    await Promise.all([page.waitForNavigation(), page.click('a[href="/reports"]')]);
    assert.equal((await page.textContent('.reports li blockquote')).trim(), text);
    assert.match(await page.textContent('.reports li .meta'), /web · E2E field monitor/);
    await ctx.close();
  });

  it('renders Burmese without missing-glyph boxes', async () => {
    const { ctx, page } = await signedInPage({ viewport: { width: 900, height: 1000 } });
    await page.goto(server.url + '/reports');
    const check = await page.evaluate(() => {
      const els = [...document.querySelectorAll('blockquote[lang="my"]')];
      const text = els.map((e) => e.textContent).join('');
      const style = getComputedStyle(els[0]);
      const font = `${style.fontSize} ${style.fontFamily}`;
      const c = document.createElement('canvas');
      c.width = 80; c.height = 80;
      const g = c.getContext('2d');
      const draw = (ch) => { g.clearRect(0, 0, 80, 80); g.font = font; g.fillText(ch, 10, 50); return g.getImageData(0, 0, 80, 80).data.join(','); };
      const blank = draw('');
      // A private-use code point has no glyph in any installed font: it
      // draws the missing-glyph box ("tofu") that a Burmese letter without
      // a Myanmar font would draw.
      const tofu = draw('\uE000');
      const chars = [...new Set([...text].filter((ch) => ch >= '\u1000' && ch <= '\u109F'))];
      const missing = chars.filter((ch) => draw(ch) === tofu);
      const measure = (s) => { g.font = font; return g.measureText(s).width; };
      const sample = chars.filter((ch) => /[\u1000-\u102A]/.test(ch)).slice(0, 12).join('');
      return { font, chars: chars.length, missing, tofuIsVisible: tofu !== blank, blocks: els.length,
        sampleWidth: measure(sample), tofuWidth: measure('\uE000'.repeat([...sample].length)),
        fontsCheck: document.fonts.check(`16px "Noto Sans Myanmar"`, 'က') };
    });
    assert.ok(check.blocks >= 5, 'Burmese reports on the page');
    assert.ok(check.tofuIsVisible, 'the reference box draws');
    assert.ok(check.chars >= 30, `Burmese letters checked: ${check.chars}`);
    assert.deepEqual(check.missing, [], 'letters drawn as boxes');
    assert.notEqual(check.sampleWidth, check.tofuWidth);
    fs.writeFileSync(resultPath('burmese.json'), JSON.stringify(check, null, 2));
    await page.screenshot({ path: resultPath('burmese-reports.png') });
    await page.click('a[href^="/lang/my"]');
    await page.waitForFunction(() => document.documentElement.lang === 'my');
    assert.match(await page.textContent('header nav'), /အနှစ်ချုပ်/);
    await page.goto(server.url + '/');
    await page.screenshot({ path: resultPath('burmese-overview.png'), fullPage: true });
    await ctx.close();
  });
});

describe('usable', () => {
  it('reads at 360 px wide without sideways scrolling', async () => {
    const { ctx, page } = await signedInPage({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true });
    for (const path of ['/', '/events', '/map', '/review', '/events/' + ids['e2e-battle'], '/report', '/situation/displacement']) {
      await page.goto(server.url + path);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 360, `${path}: page is ${width}px wide`);
      if (path === '/' || path === '/events') await page.screenshot({ path: resultPath(`narrow${path === '/' ? '-overview' : '-events'}.png`), fullPage: true });
    }
    await ctx.close();
  });

  it('starts with a skip link and shows keyboard focus', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(server.url + '/');
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => ({ cls: document.activeElement.className, left: document.activeElement.getBoundingClientRect().left,
      outline: getComputedStyle(document.activeElement).outlineStyle }));
    assert.equal(first.cls, 'skip');
    assert.ok(first.left >= 0, 'skip link visible when focused');
    assert.equal(first.outline, 'solid');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
    await ctx.close();
  });

  it('labels every form control', async () => {
    const { ctx, page } = await signedInPage();
    for (const path of ['/', '/events', '/map', '/review', '/review/' + ids['e2e-displacement'], '/report', '/login']) {
      await page.goto(server.url + path);
      const unlabelled = await page.$$eval('input:not([type=hidden]), select, textarea', (els) =>
        els.filter((e) => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')).map((e) => e.outerHTML));
      assert.deepEqual(unlabelled, [], path);
    }
    await ctx.close();
  });
});

describe('without JavaScript', () => {
  it('filters, reads and reviews with plain forms', async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await signIn(page, server);
    await page.goto(server.url + '/events');
    await page.selectOption('#filters select[name=type]', 'strategic_development');
    await Promise.all([page.waitForNavigation(), page.click('#filters button[type=submit]')]);
    assert.match(page.url(), /type=strategic_development/);
    const marks = await page.$$eval('table.events tbody .mk', (els) => els.map((e) => e.textContent));
    assert.ok(marks.length > 0 && marks.every((m) => m === 'S'));
    await page.goto(server.url + '/map');
    assert.ok(await page.$('noscript'), 'the map page offers the list');
    const id = ids['e2e-displacement'];
    await page.goto(server.url + '/review');
    await page.fill(`#card-${id} input[name=reason]`, 'Checked against the camp register');
    await Promise.all([page.waitForNavigation(), page.click(`#card-${id} button[value=verified]`)]);
    assert.match(await page.textContent('.flash'), new RegExp(`${id} is now version 2 \\(verified\\)`));
    await ctx.close();
  });
});
