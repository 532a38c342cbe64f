// The exports, read by their consumers' own parsers: Cytoscape.js (npm,
// headless) for Cytoscape JSON, NetworkX (PyPI, scripts/e2e/requirements.txt)
// for GEXF 1.3 and GraphML. The server is issgraph built from this checkout,
// on 127.0.0.1.
//
//   node --test scripts/e2e/exports.test.mjs   (PYTHON names the Python with networkx)
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { root, startServer } from './server.mjs';

const require = createRequire(import.meta.url);
const cytoscape = require('cytoscape');

let server;
const dir = mkdtempSync(path.join(os.tmpdir(), 'issgraph-exports-'));

before(async () => {
  server = await startServer();
});
after(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const subgraphs = [
  'query=neighbourhood&id=institution/cosi&depth=2',
  'query=neighbourhood&id=procedure/2010-2308-ini',
  'query=neighbourhood&id=agency/europol&depth=2&limit=5',
  'query=citations&reference=COM(2014)%20365&maxDepth=2',
  'query=allShortestPaths&from=person/ana-gomes&to=person/cecilia-malmstrom',
  'query=expand&ids=agency/europol,institution/cosi&exclude=agency/europol&limit=10',
];

async function fetchExport(url) {
  const r = await fetch(`${server.base}${url}`);
  assert.equal(r.status, 200, `${url}: ${r.status} ${await r.clone().text()}`);
  assert.match(r.headers.get('content-disposition') || '', /^attachment; filename=issgraph-/);
  return r;
}

// cytoscapeLoads gives elements to a headless Cytoscape.js and fails on
// anything it complains about (it logs, rather than throws, for an edge
// whose end is missing or an id used twice).
function cytoscapeLoads(elements) {
  const complaints = [];
  const { warn, error } = console;
  console.warn = (...a) => complaints.push(a.join(' '));
  console.error = (...a) => complaints.push(a.join(' '));
  try {
    const cy = cytoscape({ headless: true, elements });
    assert.deepEqual(complaints, []);
    return cy;
  } finally {
    console.warn = warn;
    console.error = error;
  }
}

test('Cytoscape JSON: elements go straight into cytoscape()', async () => {
  for (const q of [...subgraphs.map((s) => `/export/subgraph?${s}`), '/export/graph?format=cytoscape']) {
    const doc = await (await fetchExport(q)).json();
    const cy = cytoscapeLoads(doc.elements);
    assert.equal(cy.nodes().length, doc.elements.nodes.length, q);
    assert.equal(cy.edges().length, doc.elements.edges.length, q);
    assert.ok(cy.nodes().length > 0, `${q}: no nodes`);
    cy.nodes().forEach((n) => {
      assert.match(n.data('kind'), /^[A-Z]+$/, `${q}: ${n.id()} kind ${n.data('kind')}`);
      assert.ok(n.data('shortLabel') && n.data('label') && Array.isArray(n.data('sources')), `${q}: ${n.id()}`);
    });
    // Selectors read the data as Cytoscape users would write them.
    assert.equal(cy.nodes('[kind = "PERSON"]').length, doc.elements.nodes.filter((n) => n.data.kind === 'PERSON').length);
  }
});

test('GEXF 1.3 and GraphML: NetworkX reads them', async () => {
  const expectations = [];
  const count = async (q) => {
    const doc = await (await fetchExport(q.replace(/format=[a-z]+/, 'format=cytoscape'))).json();
    const dated = doc.elements.nodes.filter((n) => n.data.date).length;
    return { nodes: doc.elements.nodes.length, edges: doc.elements.edges.length, truncated: doc.truncated, dated };
  };
  const urls = [
    ...subgraphs.flatMap((s) => [`/export/subgraph?${s}&format=gexf`, `/export/subgraph?${s}&format=graphml`]),
    '/export/graph?format=gexf',
    '/export/graph?format=graphml',
  ];
  for (const [i, q] of urls.entries()) {
    const format = /format=gexf/.test(q) ? 'gexf' : 'graphml';
    const file = path.join(dir, `${i}.${format}`);
    writeFileSync(file, Buffer.from(await (await fetchExport(q)).arrayBuffer()));
    expectations.push({ file, format, ...(await count(q.includes('format=') ? q : `${q}&format=cytoscape`)) });
  }
  assert.ok(expectations.some((x) => x.truncated), 'no export was truncated: the marker is untested');
  const spec = path.join(dir, 'expectations.json');
  writeFileSync(spec, JSON.stringify(expectations));
  const python = process.env.PYTHON || 'python3';
  const out = execFileSync(python, [path.join(root, 'scripts', 'e2e', 'check_exports.py'), spec], { encoding: 'utf8' });
  assert.equal(out.trim().split('\n').length, expectations.length, out);
});
