#!/usr/bin/env node
// vendor-assets: copies the browser files of the pages "issgraph serve"
// embeds from node_modules into their Go packages, so that the server
// needs no CDN and `go run` needs no npm. The versions are those of
// package-lock.json (package.json pins each package exactly).
//
//   graphiql  the GraphiQL playground at /: cmd/issgraph/graphiql/assets
//   explore   the graph explorer at /explore (Cytoscape.js and its fcose
//             layout): cmd/issgraph/explore/assets
//
// Usage:
//   npm ci && node scripts/vendor-assets.mjs   rewrite the assets
//   node scripts/vendor-assets.mjs --check     fail (exit 1) if the
//                                               committed assets differ from
//                                               what the lockfile gives
//
// What it writes into each assets/, and nothing else (other files there
// are removed):
//   - the browser builds, byte for byte;
//   - each package's LICENSE;
//   - THIRD-PARTY-LICENSES.txt where a build bundles its dependency tree
//     (graphiql.min.js bundles graphql, CodeMirror 5, Radix, markdown-it,
//     ... and drops their licence notices): one copy of each distinct
//     text with the packages it covers;
//   - VERSIONS: each file's package, version and SHA-256.
// The output depends only on the lockfile's packages, so --check in CI
// (after `npm ci`) proves the committed copies are exactly that.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const refresh = 'npm ci && node scripts/vendor-assets.mjs';

// Each bundle: where it goes, what it is, its files as [package, file in
// the package, name in assets/], and, when a build bundles its
// dependencies, the package whose tree it bundles and the packages it
// leaves to the page.
const BUNDLES = [
  {
    dir: ['cmd', 'issgraph', 'graphiql', 'assets'],
    what: 'The GraphiQL playground of issgraph serve',
    files: [
      ['graphiql', 'graphiql.min.js', 'graphiql.min.js'],
      ['graphiql', 'graphiql.min.css', 'graphiql.min.css'],
      ['graphiql', 'LICENSE', 'graphiql-LICENSE.txt'],
      ['react', 'umd/react.production.min.js', 'react.production.min.js'],
      ['react', 'LICENSE', 'react-LICENSE.txt'],
      ['react-dom', 'umd/react-dom.production.min.js', 'react-dom.production.min.js'],
      ['react-dom', 'LICENSE', 'react-dom-LICENSE.txt'],
    ],
    // The bundle takes React from the page (the UMD globals), so React's
    // packages are not part of it; they ship with their own LICENSE above.
    bundles: { top: 'graphiql', notBundled: new Set(['react', 'react-dom']) },
  },
  {
    dir: ['cmd', 'issgraph', 'explore', 'assets'],
    what: 'The graph explorer of issgraph serve (/explore)',
    // Each is a UMD build that takes the one before it from the page's
    // globals (layoutBase, coseBase), so none bundles another.
    files: [
      ['cytoscape', 'dist/cytoscape.min.js', 'cytoscape.min.js'],
      ['cytoscape', 'LICENSE', 'cytoscape-LICENSE.txt'],
      ['layout-base', 'layout-base.js', 'layout-base.js'],
      ['layout-base', 'LICENSE', 'layout-base-LICENSE.txt'],
      ['cose-base', 'cose-base.js', 'cose-base.js'],
      ['cose-base', 'LICENSE', 'cose-base-LICENSE.txt'],
      ['cytoscape-fcose', 'cytoscape-fcose.js', 'cytoscape-fcose.js'],
      ['cytoscape-fcose', 'LICENSE', 'cytoscape-fcose-LICENSE.txt'],
    ],
  },
];

function fail(msg) {
  console.error(`vendor-assets: ${msg}`);
  process.exit(1);
}

const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
const packages = lock.packages ?? fail('package-lock.json has no "packages" (lockfileVersion >= 2 needed)');

// installed returns the lockfile entry of the package at key (a path such as
// node_modules/a/node_modules/b) after checking that node_modules holds that
// very version: a stale node_modules must not be vendored.
function installed(key) {
  const entry = packages[key];
  if (!entry) fail(`${key} is not in package-lock.json`);
  const pj = path.join(root, key, 'package.json');
  if (!existsSync(pj)) fail(`${key} is not installed: run \`npm ci\``);
  const have = JSON.parse(readFileSync(pj, 'utf8')).version;
  if (have !== entry.version) fail(`${key} is ${have} but the lockfile says ${entry.version}: run \`npm ci\``);
  return entry;
}

// resolve finds the package a dependency name means from the package at
// key, as Node does: the nearest node_modules up the tree.
function resolve(key, name) {
  let dir = key;
  for (;;) {
    const k = `${dir ? `${dir}/` : ''}node_modules/${name}`;
    if (packages[k]) return k;
    if (!dir) return null;
    const i = dir.lastIndexOf('/node_modules/');
    dir = i < 0 ? '' : dir.slice(0, i);
  }
}

function nameOf(key) {
  return key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
}

function licenceText(key) {
  const dir = path.join(root, key);
  const files = readdirSync(dir)
    .filter((f) => /^(licen[cs]e|copying|notice)/i.test(f))
    .sort();
  return files.map((f) => readFileSync(path.join(dir, f), 'utf8').trim()).join('\n\n');
}

// thirdParty gathers the licences of everything a build bundles: the top
// package's dependencies, recursively, and its peers (graphiql's graphql),
// less those the page provides.
function thirdParty({ top: topName, notBundled: NOT_BUNDLED }) {
  const seen = new Set();
  const visit = (key) => {
    if (seen.has(key)) return;
    seen.add(key);
    const entry = installed(key);
    for (const dep of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies })) {
      if (NOT_BUNDLED.has(dep)) continue;
      const k = resolve(key, dep);
      if (k) visit(k);
      else if (!entry.optionalDependencies?.[dep]) fail(`${dep} (needed by ${key}) is not in package-lock.json`);
    }
  };
  const top = `node_modules/${topName}`;
  visit(top);
  for (const peer of Object.keys(installed(top).peerDependencies ?? {})) {
    if (NOT_BUNDLED.has(peer)) continue;
    const k = resolve(top, peer) ?? fail(`graphiql's peer ${peer} is not in package-lock.json`);
    visit(k);
  }
  seen.delete(top); // its LICENSE is a file of its own

  // One copy of each distinct text, with every package it covers.
  const byText = new Map();
  for (const key of [...seen].sort()) {
    const name = nameOf(key);
    if (name.startsWith('@types/')) continue; // type declarations: nothing of them is bundled
    const { version, license } = packages[key];
    const text = licenceText(key) || `(the package ships no licence file; package.json says ${license ?? 'nothing'})`;
    if (!byText.has(text)) byText.set(text, []);
    byText.get(text).push(`${name}@${version} (${license ?? 'no licence field'})`);
  }
  const parts = [
    `Licences of the packages that ${topName}@${packages[top].version} bundles into its build.`,
    `Written by scripts/vendor-assets.mjs from package-lock.json; do not edit.`,
  ];
  for (const [text, names] of byText) {
    parts.push(`${'='.repeat(78)}\n${names.join('\n')}\n${'-'.repeat(78)}\n${text}`);
  }
  return Buffer.from(parts.join('\n\n') + '\n');
}

function sha256(buf) {
  return createHash('sha256').update(buf).digest('hex');
}

// want is every file of a bundle's assets/ and its bytes.
function want(bundle) {
  const out = new Map();
  const lines = [
    `# ${bundle.what}: browser files copied from`,
    `# node_modules by scripts/vendor-assets.mjs. Do not edit; refresh with`,
    `#   ${refresh}`,
    '# file  package@version  path in the package  sha256',
  ];
  for (const [pkg, from, to] of bundle.files) {
    const key = `node_modules/${pkg}`;
    const { version } = installed(key);
    const src = path.join(root, key, from);
    if (!existsSync(src)) fail(`${pkg}@${version} has no ${from}`);
    const buf = readFileSync(src);
    out.set(to, buf);
    lines.push(`${to} ${pkg}@${version} ${from} ${sha256(buf)}`);
  }
  if (bundle.bundles) {
    const tp = thirdParty(bundle.bundles);
    out.set('THIRD-PARTY-LICENSES.txt', tp);
    lines.push(`THIRD-PARTY-LICENSES.txt - - ${sha256(tp)}`);
  }
  out.set('VERSIONS', Buffer.from(lines.join('\n') + '\n'));
  return out;
}

function have(outDir) {
  const out = new Map();
  if (!existsSync(outDir)) return out;
  for (const ent of readdirSync(outDir, { withFileTypes: true })) {
    out.set(ent.name, ent.isFile() ? readFileSync(path.join(outDir, ent.name)) : null);
  }
  return out;
}

const args = process.argv.slice(2);
const unknown = args.filter((a) => a !== '--check');
if (unknown.length) fail(`unknown arguments ${unknown.join(' ')}; usage: node scripts/vendor-assets.mjs [--check]`);

const diffs = [];
for (const bundle of BUNDLES) {
  const outDir = path.join(root, ...bundle.dir);
  const rel = path.relative(root, outDir);
  const w = want(bundle);
  const h = have(outDir);
  if (args.includes('--check')) {
    for (const [name, buf] of w) {
      if (!h.has(name)) diffs.push(`missing ${rel}/${name}`);
      else if (!h.get(name)?.equals(buf)) diffs.push(`differs ${rel}/${name}`);
    }
    for (const name of h.keys()) if (!w.has(name)) diffs.push(`extra   ${rel}/${name}`);
    if (!diffs.length) console.log(`vendor-assets: ${rel} matches package-lock.json (${w.size} files)`);
  } else {
    mkdirSync(outDir, { recursive: true });
    for (const name of h.keys()) if (!w.has(name)) rmSync(path.join(outDir, name), { recursive: true });
    let total = 0;
    for (const [name, buf] of w) {
      writeFileSync(path.join(outDir, name), buf);
      total += buf.length;
    }
    console.log(`vendor-assets: wrote ${w.size} files, ${total} bytes, to ${rel}`);
  }
}
if (diffs.length) {
  fail(`the assets are not what package-lock.json gives:\n  ${diffs.join('\n  ')}\nrun \`${refresh}\` and commit the result`);
}
