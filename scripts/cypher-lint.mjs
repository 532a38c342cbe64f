#!/usr/bin/env node
// cypher-lint: lints every .cypher file of the repository with Neo4j's own
// Cypher parser and semantic analysis (@neo4j-cypher/language-support,
// pinned in package.json), against a schema taken from the Go domain.
//
// Usage:
//   node scripts/cypher-lint.mjs            lint every .cypher file in the repo,
//                                            and the generator's golden outputs
//   node scripts/cypher-lint.mjs DIR|FILE   lint only those (test fixtures)
//   --strict                                 fail on every warning too
//   --expect-errors DIR|FILE                 self-test: every file named must
//                                            fail, and with each message its
//                                            "// expect: <text>" lines give
//
// The file format and the placeholder rules are those of
// graph/neo4jstore/statements.go: a file is a sequence of statements, each
// headed by "// name: <name>" and "// params: a, b"; __KIND__ expands once
// per kind label and __TYPE__ once per relationship type, from the Go
// allow-lists. The schema (labels, relationship types, property keys, map
// keys, placeholder expansions) comes from
// `go run ./graph/neo4jstore/internal/schemadump`, which also prints the Go
// code's own expansion of every embedded statement: the lint checks that
// its expansion of those files is byte-identical, so the two cannot drift.
//
// What fails (exit 1):
//   - any error-severity diagnostic: syntax errors, undefined variables,
//     undeclared parameters ($x used but not in the header), type errors;
//   - a header that disagrees with the text (a declared parameter unused,
//     a used one undeclared, a missing params line, an unknown placeholder);
//   - warnings that a label, relationship type, property key or function is
//     not in the schema: the schema is complete (it is the domain), so such
//     a warning is a misspelling;
//   - deprecation warnings: a deprecated feature is removed in a later
//     Cypher version, and this code must keep running on newer Neo4j 5
//     releases and Cypher 25.
// Other warnings are printed and do not fail unless --strict is given:
// they are advice (performance hints) that a reviewer weighs.

import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintCypherQuery, testData } from '@neo4j-cypher/language-support';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SKIP_DIRS = new Set(['node_modules', '.git', 'testdata']);
// Generated statements: the golden outputs of the analyst queries' Cypher
// generator (graph/neo4jstore/querycypher.go, TestQueryCypherGolden). They
// sit under testdata as golden files do, but they are real statements the
// Store sends, so the lint covers them with the rest: every shape the
// generator writes is parsed and checked against the schema here.
const GENERATED_DIRS = ['graph/neo4jstore/testdata/query'];

// --- arguments ---

const args = process.argv.slice(2);
const strict = args.includes('--strict');
const expectErrors = args.includes('--expect-errors');
const targets = args.filter((a) => !a.startsWith('--'));

function findCypher(dir, skipTestdata) {
  const out = [];
  for (const ent of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, ent.name);
    if (ent.isDirectory()) {
      if (ent.name === 'node_modules' || ent.name === '.git') continue;
      if (skipTestdata && SKIP_DIRS.has(ent.name)) continue;
      out.push(...findCypher(p, skipTestdata));
    } else if (ent.isFile() && ent.name.endsWith('.cypher')) {
      out.push(p);
    }
  }
  return out.sort();
}

let files;
if (targets.length === 0) {
  // testdata directories hold deliberately broken fixtures; they are linted
  // only when named.
  files = findCypher(root, true);
  for (const d of GENERATED_DIRS) {
    const generated = findCypher(path.join(root, d), false);
    if (generated.length === 0) {
      console.log(`${d}: error: no generated statements to lint`);
      process.exit(1);
    }
    files.push(...generated);
  }
} else {
  files = targets.flatMap((t) => {
    const p = path.resolve(t);
    return statSync(p).isDirectory() ? findCypher(p, false) : [p];
  });
}

// --- schema from Go ---

function loadSchema() {
  const json = execFileSync('go', ['run', './graph/neo4jstore/internal/schemadump'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(json);
}

const schema = loadSchema();

// Built-in functions and procedures only: the package ships Neo4j's
// registry (with APOC and GDS, which a plain Neo4j does not have) as
// testData; keeping the built-ins makes an unknown or plugin function a
// failure.
function builtins(registry, keep) {
  const out = {};
  for (const [version, entries] of Object.entries(registry ?? {})) {
    out[version] = Object.fromEntries(Object.entries(entries).filter(([name, f]) => keep(name, f)));
  }
  return out;
}
const functions = builtins(testData.mockSchema.functions, (_, f) => f.isBuiltIn === true);
const procedures = builtins(testData.mockSchema.procedures, (name) => /^(db|dbms|tx)\./.test(name));

// --- parsing, the same rules as statements.go ---

const NAME_RE = /^[a-z][a-z0-9_]*$/;
const PARAM_RE = /\$([A-Za-z_][A-Za-z0-9_]*)/g;
const PLACEHOLDER_RE = /__[A-Z]+__/g;

class LintError extends Error {
  constructor(file, line, message) {
    super(message);
    this.file = file;
    this.line = line;
  }
}

// parseFile returns [{name, line, params, text, bodyLine}], where bodyLine
// is the file line of the text's first line.
function parseFile(file, src) {
  const lines = src.replace(/\r\n/g, '\n').split('\n');
  const out = [];
  let cur = null;
  let body = [];
  let inHeader = false;
  const flush = () => {
    if (!cur) return;
    // Trim like Go's strings.TrimSpace on the joined body.
    while (body.length && body[0].trim() === '') {
      body.shift();
      cur.bodyLine++;
    }
    cur.text = body.join('\n').trim();
    if (cur.text === '') throw new LintError(file, cur.line, `statement "${cur.name}" has no text`);
    out.push(cur);
  };
  for (let i = 0; i < lines.length; i++) {
    const trim = lines[i].trim();
    if (trim.startsWith('// name:')) {
      flush();
      const name = trim.slice('// name:'.length).trim();
      if (!NAME_RE.test(name)) throw new LintError(file, i + 1, `bad statement name "${name}"`);
      const next = (lines[i + 1] ?? '').trim();
      if (!next.startsWith('// params:')) {
        throw new LintError(file, i + 2, `statement "${name}": the line after the name must be "// params: ..."`);
      }
      const params = next
        .slice('// params:'.length)
        .split(',')
        .map((p) => p.trim())
        .filter((p) => p !== '');
      cur = { name, line: i + 1, params, bodyLine: 0 };
      body = [];
      inHeader = true;
      continue;
    }
    if (!cur) {
      if (trim !== '' && !trim.startsWith('//')) throw new LintError(file, i + 1, 'Cypher outside a named statement');
      continue;
    }
    if (inHeader) {
      if (trim.startsWith('//') || (trim === '' && body.length === 0)) continue;
      inHeader = false;
      cur.bodyLine = i + 1;
    }
    body.push(lines[i]);
  }
  flush();
  return out;
}

// substitute replaces the substitutions (__NODE__(n), __ENDS__(m)) in
// place, as statements.go does: the statement as sent, whose parameters
// are the ones it uses.
function substitute(text) {
  for (const [sub, with_] of Object.entries(schema.substitutions ?? {})) text = text.split(sub).join(with_);
  return text;
}

function checkParams(file, st) {
  const used = [...new Set([...substitute(st.text).matchAll(PARAM_RE)].map((m) => m[1]))].sort();
  const declared = [...st.params].sort();
  if (new Set(declared).size !== declared.length) {
    throw new LintError(file, st.line, `statement "${st.name}" declares a parameter twice`);
  }
  if (used.join(',') !== declared.join(',')) {
    throw new LintError(file, st.line, `statement "${st.name}" declares params [${declared}] but uses [${used}]`);
  }
}

function expand(file, st) {
  st = { ...st, text: substitute(st.text) };
  let ph = '';
  for (const m of st.text.match(PLACEHOLDER_RE) ?? []) {
    if (!(m in schema.placeholders)) throw new LintError(file, st.line, `statement "${st.name}": unknown placeholder ${m}`);
    if (ph && m !== ph) throw new LintError(file, st.line, `statement "${st.name}" mixes ${ph} and ${m}`);
    ph = m;
  }
  if (!ph) return [{ ...st, key: st.name }];
  return schema.placeholders[ph].map((v) => ({ ...st, key: `${st.name}:${v}`, text: st.text.split(ph).join(v) }));
}

// --- linting ---

const dbSchemaBase = {
  labels: schema.labels,
  relationshipTypes: schema.relationshipTypes,
  propertyKeys: [...new Set([...schema.propertyKeys, ...schema.mapKeys])],
  functions,
  procedures,
  defaultLanguage: 'CYPHER 5',
};

// Warnings that fail: the schema is complete, and deprecations break later.
const FAILING_WARNING = [/is not present in the database/, /deprecated/i];

const goStatements = new Map(schema.statements.map((s) => [`${s.file}#${s.key}`, s]));
const seenGo = new Set();
let errors = 0;
let warnings = 0;
let linted = 0;

const errorsByFile = new Map();

function report(kind, file, line, col, msg) {
  const rel = path.relative(process.cwd(), file) || file;
  console.log(`${rel}:${line}:${col}: ${kind}: ${msg}`);
  if (kind === 'error') {
    if (!errorsByFile.has(file)) errorsByFile.set(file, []);
    errorsByFile.get(file).push(msg);
  }
}

for (const file of files) {
  let stmts;
  try {
    stmts = parseFile(file, readFileSync(file, 'utf8'));
    if (stmts.length === 0) throw new LintError(file, 1, 'no named statements');
  } catch (e) {
    if (!(e instanceof LintError)) throw e;
    report('error', e.file, e.line, 1, e.message);
    errors++;
    continue;
  }
  // Files the Go package embeds: cypher/*.cypher under graph/neo4jstore.
  const pkgRel = path.relative(path.join(root, 'graph', 'neo4jstore'), file).split(path.sep).join('/');
  for (const st of stmts) {
    let expanded;
    try {
      checkParams(file, st);
      expanded = expand(file, st);
    } catch (e) {
      if (!(e instanceof LintError)) throw e;
      report('error', e.file, e.line, 1, e.message);
      errors++;
      continue;
    }
    for (const x of expanded) {
      const goSt = goStatements.get(`${pkgRel}#${x.key}`);
      if (goSt) {
        seenGo.add(`${pkgRel}#${x.key}`);
        if (goSt.text !== x.text) {
          report('error', file, st.line, 1, `statement ${x.key}: the Go code expands it differently`);
          errors++;
        }
      }
      const params = Object.fromEntries(x.params.map((p) => [p, null]));
      const { diagnostics } = lintCypherQuery(x.text, { ...dbSchemaBase, parameters: params });
      linted++;
      for (const d of diagnostics) {
        const line = x.bodyLine + d.range.start.line;
        const col = d.range.start.character + 1;
        const where = `[${x.key}] `;
        if (d.severity === 1) {
          report('error', file, line, col, where + d.message);
          errors++;
        } else if (strict || FAILING_WARNING.some((re) => re.test(d.message))) {
          report('error', file, line, col, where + '(warning treated as error) ' + d.message);
          errors++;
        } else {
          report('warning', file, line, col, where + d.message);
          warnings++;
        }
      }
    }
  }
}

// When linting the repository, every statement the Go code embeds must
// have been found and expanded here too.
if (targets.length === 0) {
  for (const k of goStatements.keys()) {
    if (!seenGo.has(k)) {
      console.log(`graph/neo4jstore/${k.split('#')[0]}: error: Go statement ${k.split('#')[1]} was not found by the lint`);
      errors++;
    }
  }
}

if (expectErrors) {
  // Self-test of the lint: each fixture must fail, for the reason it says.
  let missed = 0;
  for (const file of files) {
    const got = errorsByFile.get(file) ?? [];
    const want = readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.trim().startsWith('// expect:'))
      .map((l) => l.trim().slice('// expect:'.length).trim());
    const rel = path.relative(process.cwd(), file);
    if (got.length === 0) {
      console.log(`${rel}: FAIL: expected lint errors, got none`);
      missed++;
      continue;
    }
    for (const w of want) {
      if (!got.some((m) => m.includes(w))) {
        console.log(`${rel}: FAIL: no error mentions "${w}"`);
        missed++;
      }
    }
  }
  console.log(`cypher-lint self-test: ${files.length - missed} passed, ${missed} failed`);
  process.exit(missed > 0 || files.length === 0 ? 1 : 0);
}

console.log(`cypher-lint: ${files.length} files, ${linted} statements, ${errors} errors, ${warnings} warnings`);
process.exit(errors > 0 ? 1 : 0);
