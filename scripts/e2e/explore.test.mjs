// Browser tests of the explorer (/explore): Debian's Chromium, driven by
// playwright-core, on an issgraph this test starts on 127.0.0.1. Each step
// saves a screenshot under $SCREENSHOTS (test-artifacts/explore by
// default); look at them. Every step also checks that the page logged no
// error and asked no other host for anything.
//
//   node --test scripts/e2e/explore.test.mjs
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { launchBrowser, root, startServer } from './server.mjs';

const shots = path.resolve(root, process.env.SCREENSHOTS || 'test-artifacts/explore');
mkdirSync(shots, { recursive: true });

let server;
let browser;
let page;
const problems = []; // console errors, page errors, requests elsewhere
let shot = 0;

function watch(p) {
  p.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  p.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  p.on('request', (r) => {
    const u = new URL(r.url());
    if (u.protocol === 'data:' || u.protocol === 'blob:') return;
    if (u.host !== server.host) problems.push(`request to another host: ${r.url()}`);
  });
}

async function snap(name, p = page) {
  shot++;
  const file = path.join(shots, `${String(shot).padStart(2, '0')}-${name}.png`);
  await p.screenshot({ path: file });
  return file;
}

// settled waits until the page has no API request in flight.
async function settled(p = page) {
  await p.waitForFunction(() => window.issgraphExplorer && window.issgraphExplorer.idle());
}

async function nodes(p = page) {
  return p.evaluate(() => window.issgraphExplorer.nodes());
}

async function gql(query, variables) {
  const r = await fetch(`${server.base}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = await r.json();
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  return body.data;
}

// find searches and chooses the first hit.
async function find(text, id, p = page) {
  await p.fill('#search', text);
  await p.waitForSelector(`#hits li[data-id="${id}"]`);
  await p.click(`#hits li[data-id="${id}"]`);
  await p.waitForFunction((x) => window.issgraphExplorer.nodes().some((n) => n.id === x), id);
  await settled(p);
}

async function clickNode(id, opts = {}) {
  const at = await page.evaluate((x) => window.issgraphExplorer.rendered(x), id);
  assert.ok(at, `${id} is not on the canvas`);
  if (opts.double) await page.mouse.dblclick(at.x, at.y);
  else await page.mouse.click(at.x, at.y);
}

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  browser.context.on('page', watch);
  page = browser.context.pages()[0] || (await browser.context.newPage());
  watch(page);
});

after(async () => {
  await browser?.close();
  await server?.stop();
  console.log(`screenshots: ${shots}`);
});

function clean(step) {
  assert.deepEqual(problems, [], `${step}: the page logged errors or asked another host`);
}

test('explorer', async (t) => {
  await t.test('opens on an explanation, not an empty canvas', async () => {
    await page.goto(`${server.base}/explore`);
    await page.waitForFunction(() => window.issgraphExplorer);
    assert.ok(await page.isVisible('#empty'), 'the first view says what to do');
    assert.equal(await page.getAttribute('a[href="/"]', 'href'), '/');
    await snap('start');
    clean('start');
  });

  await t.test('search shows ranked hits as you type and places Europol', async () => {
    await page.fill('#search', 'Europol');
    await page.waitForSelector('#hits li[data-id]');
    const hits = await page.$$eval('#hits li[data-id]', (lis) => lis.map((li) => li.dataset.id));
    assert.equal(hits[0], 'agency/europol', `first hit ${hits[0]}`);
    await snap('search-europol');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.issgraphExplorer.nodes().length === 1);
    await settled();
    assert.ok(await page.isHidden('#empty'));
    clean('search');
  });

  await t.test('double-click expands Europol: the canvas gains its neighbours', async () => {
    const want = await gql(`{ expand(ids: ["agency/europol"], exclude: ["agency/europol"]) { nodes { id } } }`);
    await clickNode('agency/europol', { double: true });
    await page.waitForFunction((n) => window.issgraphExplorer.nodes().length === n, want.expand.nodes.length + 1);
    await settled();
    const ids = (await nodes()).map((n) => n.id).sort();
    assert.deepEqual(ids, ['agency/europol', ...want.expand.nodes.map((n) => n.id)].sort());
    const europol = (await nodes()).find((n) => n.id === 'agency/europol');
    assert.equal(europol.hidden, 0, 'Europol still hides neighbours after a full expansion');
    await page.waitForTimeout(300); // the fit animation
    await snap('expanded-europol');
    clean('expand');
  });

  await t.test("a node's sources and relationships, item by item", async () => {
    await clickNode('agency/ec3');
    await page.waitForSelector('#details-title:has-text("European Cybercrime Centre")');
    const sources = await page.$$eval('#node-sources li', (lis) => lis.map((li) => li.textContent));
    assert.ok(sources.length > 0 && sources.every((s) => /\.txt/.test(s)), `sources ${sources}`);
    const first = page.locator('#rels button.disclose').first();
    assert.equal(await first.getAttribute('aria-expanded'), 'false');
    await first.click();
    assert.equal(await first.getAttribute('aria-expanded'), 'true');
    await page.waitForSelector('#rel-body-0 ul.sources li');
    await snap('sources-ec3');
    clean('sources');
  });

  await t.test('collapse takes back what the expansion added', async () => {
    await clickNode('agency/europol');
    await page.waitForSelector('#details-title:has-text("Europol")');
    await page.click('#act-collapse');
    await page.waitForFunction(() => window.issgraphExplorer.nodes().length === 1);
    const [europol] = await nodes();
    assert.ok(europol.hidden > 0, 'after collapsing, Europol shows its neighbours as hidden again');
    await page.click('#act-expand');
    await page.waitForFunction(() => window.issgraphExplorer.nodes().length > 1);
    await settled();
    clean('collapse');
  });

  await t.test('the shortest path between two people is highlighted', async () => {
    await find('Ana Gomes', 'person/ana-gomes');
    await page.click('#act-from');
    await find('Malmström', 'person/cecilia-malmstrom');
    await page.click('#act-to');
    await page.waitForSelector('#path-list li');
    const want = await gql(`{ shortestPath(from: "person/ana-gomes", to: "person/cecilia-malmstrom") { length edges { id } nodes { id } } }`);
    const edges = await page.evaluate(() => window.issgraphExplorer.edges());
    const onPath = edges.filter((e) => e.onPath).map((e) => e.id).sort();
    assert.deepEqual(onPath, want.shortestPath.edges.map((e) => e.id).sort());
    const text = await page.textContent('#path-list');
    assert.match(text, /Ana Gomes.*Cecilia Malmström/);
    await page.waitForTimeout(300);
    await snap('path-gomes-malmstrom');
    clean('path');
  });

  await t.test("a procedure's timeline, each entry clickable onto the canvas", async () => {
    await find('2010/2308(INI)', 'procedure/2010-2308-ini');
    await page.click('#act-timeline');
    await page.waitForSelector('#timeline-list li');
    const want = await gql(`{ timeline(id: "procedure/2010-2308-ini") { entries { date node { id } } } }`);
    const items = await page.$$('#timeline-list li');
    assert.equal(items.length, want.timeline.entries.length);
    assert.ok(items.length >= 5, `${items.length} entries`);
    assert.equal(await page.locator('svg.tl-axis circle.dot').count(), items.length, 'one dot on the axis per entry');
    const last = want.timeline.entries[want.timeline.entries.length - 1].node.id;
    await page.locator('#timeline-list li button').last().click();
    await page.waitForFunction((x) => window.issgraphExplorer.nodes().some((n) => n.id === x), last);
    await settled();
    await page.waitForTimeout(300);
    await snap('timeline-2010-2308-ini');
    clean('timeline');
  });

  await t.test('a shared link restores the same view', async () => {
    await page.waitForFunction(() => location.hash.includes('nodes='));
    await page.waitForTimeout(300); // the address follows the view after a short pause
    const url = page.url();
    const before = (await nodes()).map((n) => `${n.id}@${n.x},${n.y}`).sort();
    const edgesBefore = await page.evaluate(() => window.issgraphExplorer.edges());
    const other = await browser.context.newPage();
    await other.setViewportSize({ width: 1280, height: 800 });
    await other.goto(url);
    await other.waitForFunction((n) => window.issgraphExplorer && window.issgraphExplorer.nodes().length === n, before.length);
    await settled(other);
    const restored = (await nodes(other)).map((n) => `${n.id}@${n.x},${n.y}`).sort();
    assert.deepEqual(restored, before, 'the same nodes at the same places');
    const edgesAfter = await other.evaluate(() => window.issgraphExplorer.edges());
    const key = (es) => es.map((e) => `${e.id}${e.onPath ? ' on path' : ''}`).sort();
    assert.deepEqual(key(edgesAfter), key(edgesBefore), 'the same edges, highlighted alike');
    const viewport = (p) => p.evaluate(() => window.issgraphExplorer.viewport());
    assert.deepEqual(await viewport(other), await viewport(page), 'the same zoom and pan');
    assert.ok(await other.isVisible('#timeline-list'), 'the timeline panel is open again');
    await snap('restored-from-link', other);
    await other.close();
    clean('share');
  });

  await t.test('export PNG and GEXF of the view', async () => {
    await page.click('#tab-view');
    const [png] = await Promise.all([page.waitForEvent('download'), page.click('#export-png')]);
    const pngBytes = readFileSync(await png.path());
    assert.equal(pngBytes.subarray(1, 4).toString(), 'PNG');
    assert.ok(pngBytes.length > 10000, `${pngBytes.length} bytes of PNG`);
    const [gexf] = await Promise.all([page.waitForEvent('download'), page.click('#export-gexf')]);
    const text = readFileSync(await gexf.path(), 'utf8');
    assert.match(text, /<gexf xmlns="http:\/\/gexf\.net\/1\.3"[^>]* version="1\.3">/);
    const count = (await nodes()).length;
    assert.equal((text.match(/<node /g) || []).length, count, 'the GEXF holds the nodes of the view');
    assert.match(gexf.suggestedFilename(), /\.gexf$/);
    await snap('export');
    clean('export');
  });

  await t.test("a document's citation chain, by distance", async () => {
    await find('COM(2014) 365', 'document/com-2014-0365');
    // Its deep links: public pages, opened only when the reader asks.
    await page.waitForSelector('#node-links a');
    const links = await page.$$eval('#node-links a', (as) => as.map((a) => [a.textContent, a.href, a.rel]));
    assert.ok(links.some(([label, href]) => /EUR-Lex/.test(label) && /^https:\/\//.test(href)), JSON.stringify(links));
    assert.ok(links.every(([, , rel]) => /noopener/.test(rel)));
    await page.click('#act-citations');
    await page.waitForSelector('#cite-result h3');
    const want = await gql(`{ citations(id: "document/com-2014-0365") { nodes { id distance } } }`);
    const far = Math.max(...want.citations.nodes.map((n) => n.distance));
    const headings = await page.$$eval('#cite-result h3', (hs) => hs.map((h) => h.textContent));
    assert.equal(headings[0], 'Directly');
    assert.equal(headings.length, far, `headings ${headings}`);
    await page.click('#cite-result > button');
    await page.waitForFunction(() => window.issgraphExplorer.edges().some((e) => e.onPath));
    await settled();
    const ids = new Set((await nodes()).map((n) => n.id));
    for (const n of want.citations.nodes) assert.ok(ids.has(n.id), `${n.id} of the chain is not on the canvas`);
    await snap('citations-com-2014-0365');
    clean('citations');
  });

  await t.test('API errors are shown in plain words', async () => {
    await page.route('**/graphql', (route) =>
      route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({ errors: [{ message: 'store unavailable', extensions: { code: 'UNAVAILABLE' } }], data: null }),
      }),
    );
    await page.fill('#search', 'Frontex');
    await page.waitForSelector('#error:not([hidden])');
    assert.match(await page.textContent('#error'), /not answering right now/);
    await snap('error-unavailable');
    await page.unroute('**/graphql');
    await page.click('#error button');
    await page.fill('#search', '');
    clean('errors');
  });
});

// The acceptance path, with the keyboard alone and in a window 800 px
// wide: find COSI, expand it twice, read where a fact comes from, export.
test('keyboard only, 800 px wide: COSI', async () => {
  const p = await browser.context.newPage();
  await p.setViewportSize({ width: 800, height: 700 });
  await p.goto(`${server.base}/explore`);
  await p.waitForFunction(() => window.issgraphExplorer);
  await p.keyboard.press('/');
  await p.keyboard.type('COSI');
  await p.waitForSelector('#hits li[data-id="institution/cosi"]');
  // Down the list to COSI itself.
  for (let i = 0; i < 8; i++) {
    await p.keyboard.press('ArrowDown');
    const active = await p.$eval('#search', (s) => document.getElementById(s.getAttribute('aria-activedescendant'))?.dataset.id);
    if (active === 'institution/cosi') break;
  }
  await p.keyboard.press('Enter');
  await p.waitForFunction(() => window.issgraphExplorer.nodes().length === 1);
  await settled(p);
  assert.deepEqual((await nodes(p)).map((n) => n.id), ['institution/cosi']);
  await p.focus('#cy');
  await p.keyboard.press('Enter'); // expand COSI
  await p.waitForFunction(() => window.issgraphExplorer.nodes().length > 1);
  await settled(p);
  const first = (await nodes(p)).length;
  const cosi = await gql(`{ node(id: "institution/cosi") { relationships { other { id } } } }`);
  const neighbours = new Set(cosi.node.relationships.map((r) => r.other.id));
  assert.equal(first, neighbours.size + 1, 'COSI and all its neighbours are on the canvas');
  // Move to a neighbour that still hides something, and expand it.
  let expanded = false;
  for (let i = 0; i < 12 && !expanded; i++) {
    await p.keyboard.press(['ArrowRight', 'ArrowDown', 'ArrowLeft', 'ArrowUp'][i % 4]);
    const focus = await p.evaluate(() => document.querySelector('#canvas-status').textContent);
    if (/neighbours hidden/.test(focus)) {
      await p.keyboard.press('Enter');
      await p.waitForFunction((n) => window.issgraphExplorer.nodes().length > n, first);
      expanded = true;
    }
  }
  assert.ok(expanded, 'no neighbour of COSI to expand with the keyboard');
  await settled(p);
  await p.keyboard.press(' '); // its details
  await p.waitForSelector('#node-sources li');
  await p.waitForTimeout(300);
  await snap('keyboard-800px-cosi', p);
  // The panel and the canvas share the width; nothing scrolls sideways.
  const layout = await p.evaluate(() => ({
    cy: document.querySelector('#cy').getBoundingClientRect().width,
    panel: document.querySelector('.panel').getBoundingClientRect().width,
    scroll: document.documentElement.scrollWidth,
  }));
  assert.ok(layout.cy >= 400 && layout.panel >= 250, JSON.stringify(layout));
  assert.ok(layout.scroll <= 800, `the page is ${layout.scroll} px wide`);
  // Export, from the keyboard: the tab, then the button.
  await p.focus('#tab-view');
  await p.keyboard.press('Enter');
  await p.focus('#export-graphml');
  const [dl] = await Promise.all([p.waitForEvent('download'), p.keyboard.press('Enter')]);
  const text = readFileSync(await dl.path(), 'utf8');
  assert.match(text, /<graphml /);
  assert.match(text, /institution\/cosi/);
  await p.close();
  clean('keyboard');
});
