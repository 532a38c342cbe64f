// The Apollo peer: what an analyst team would build instead of issgraph.
// Apollo Server 5 (standalone, Node's http), graphql-js and DataLoader over
// the ISS dataset that `go run ./benchmarks/dump` writes, held in memory.
// It serves the part of issgraph's schema that the Q-mix queries
// (benchmarks/queries) use, with the same names and the same answers; the
// comparison script checks that its `data` equals issgraph's.
//
//   node apollo.mjs DUMP.json PORT
//
// Each request gets its own loaders, as DataLoader's documentation
// recommends: one for nodes by id and one for the edges of a node, both
// batching what a tick of the event loop asks for (DataLoader's default).
// The "database" is the in-memory dataset behind async functions, so the
// peer pays for batching and promises as it would over a real store.

import { readFileSync } from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import DataLoader from 'dataloader';

const [dumpFile, port = '18610'] = process.argv.slice(2);
if (!dumpFile) {
  console.error('usage: node apollo.mjs DUMP.json [PORT]');
  process.exit(2);
}
const dump = JSON.parse(readFileSync(dumpFile, 'utf8'));

// ---- the store: nodes by id, edges by node, both in issgraph's orders ----

const KIND = { Institution: 'INSTITUTION', Person: 'PERSON', Procedure: 'PROCEDURE', Document: 'DOCUMENT',
  Objective: 'OBJECTIVE', Agency: 'AGENCY', Event: 'EVENT' };
const TYPENAME = Object.fromEntries(Object.entries(KIND).map(([k]) => [k, k]));

const nodes = new Map(dump.nodes.map((n) => [n.id, n]));
const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const compareEdges = (a, b) => cmp(a.type, b.type) || cmp(a.from, b.from) || cmp(a.to, b.to);
const edgesAt = new Map(); // id -> every edge at the node, CompareEdges order
for (const e of dump.edges) {
  for (const id of e.from === e.to ? [e.from] : [e.from, e.to]) {
    if (!edgesAt.has(id)) edgesAt.set(id, []);
    edgesAt.get(id).push(e);
  }
}
for (const es of edgesAt.values()) es.sort(compareEdges);

// References: a node's own reference and its aliases, normalised by
// dropping spaces and case, so "COM(2010) 673" and "COM(2010)673" meet.
const refKey = (s) => s.toUpperCase().replace(/\s+/g, '').replace(/FINAL$/, '');
const byRef = new Map();
for (const n of dump.nodes) {
  const refs = [n.props?.reference, ...(n.props?.aliases ?? [])].filter(Boolean);
  refs.forEach((r, i) => {
    const k = `${n.kind}\u0000${refKey(r)}`;
    // A node's own reference wins over another's alias.
    if (!byRef.has(k) || (i === 0 && byRef.get(k).props?.reference !== r)) byRef.set(k, n);
  });
}

const db = {
  async getNodes(ids) { return ids.map((id) => nodes.get(id) ?? null); },
  async edges(ids) { return ids.map((id) => edgesAt.get(id) ?? []); },
};

// ---- per-request loaders ----

function loaders() {
  return {
    node: new DataLoader((ids) => db.getNodes(ids)),
    edges: new DataLoader((ids) => db.edges(ids)),
  };
}

// related returns the nodes at the other end of id's edges of the type in
// the direction, in edge order, each once, of the kinds wanted.
async function related(ctx, id, type, dir, kinds) {
  const es = (await ctx.edges.load(id)).filter((e) => e.type === type && matchesDir(e, id, dir));
  const others = await ctx.node.loadMany(es.map((e) => other(e, id)));
  const seen = new Set();
  return others.filter((n) => n && (!kinds || kinds.includes(n.kind)) && !seen.has(n.id) && seen.add(n.id));
}

// ties returns id's edges of the type in the direction whose other end exists.
async function ties(ctx, id, types, dir) {
  const es = (await ctx.edges.load(id)).filter((e) => (!types || types.includes(e.type)) && matchesDir(e, id, dir));
  const others = await ctx.node.loadMany(es.map((e) => other(e, id)));
  return es.filter((e, i) => others[i]).map((e) => ({ ...e, self: id }));
}

const matchesDir = (e, id, dir) => dir === 'BOTH' || (dir === 'OUT' ? e.from === id : e.to === id);
const other = (e, id) => (e.from === id ? e.to : e.from);
const opt = (v) => (v === undefined || v === '' ? null : v);
const prop = (n, k) => opt(n.props?.[k]);
const NO_DATE = '9999-12-31';
const byDate = (ns) => ns.sort((a, b) => cmp(prop(a, 'date') ?? NO_DATE, prop(b, 'date') ?? NO_DATE) || cmp(a.id, b.id));
const rapporteurRank = (r) => (r === 'rapporteur' ? 0 : r === 'shadow rapporteur' ? 1 : 2);
// The RapporteurRoleType enum's names for the stored roles.
const ROLE = { rapporteur: 'RAPPORTEUR', 'shadow rapporteur': 'SHADOW_RAPPORTEUR', 'rapporteur for opinion': 'RAPPORTEUR_FOR_OPINION' };

// ---- the analyst walks, as graph/traverse defines them ----

function neighbourhood(start, depth, limit) {
  if (!nodes.has(start)) throw new Error(`no node ${start}`);
  const dist = new Map([[start, 0]]);
  const order = [start];
  const kept = new Map();
  let frontier = [start];
  let truncated = false;
  let last = depth === 0;
  for (let d = 1; frontier.length > 0; d++) {
    const found = new Set();
    const pending = [];
    for (const u of frontier) {
      for (const e of edgesAt.get(u) ?? []) {
        const v = other(e, u);
        if (dist.has(v)) { kept.set(edgeId(e), e); continue; }
        if (last) continue;
        found.add(v);
        pending.push(e);
      }
    }
    if (last) break;
    let next = [...found].sort();
    const room = limit - order.length;
    if (next.length > room) { next = next.slice(0, room); truncated = true; }
    for (const v of next) dist.set(v, d);
    order.push(...next);
    for (const e of pending) if (dist.has(e.from) && dist.has(e.to)) kept.set(edgeId(e), e);
    frontier = next;
    last = truncated || d === depth;
  }
  return {
    nodes: order.map((id) => subgraphNode(id, dist.get(id))),
    edges: [...kept.values()].sort(compareEdges),
    truncated,
  };
}

function subgraphNode(id, distance) {
  return { node: nodes.get(id), distance, degree: (edgesAt.get(id) ?? []).length };
}

const edgeId = (e) => `${e.type}:${e.from}->${e.to}`;

// shortestPath: the first shortest path in id order, walking edges either
// way, at most maxDepth long.
function shortestPath(from, to, maxDepth) {
  if (!nodes.has(from) || !nodes.has(to)) throw new Error('no such node');
  const bfs = (s) => {
    const dist = new Map([[s, 0]]);
    let level = [s];
    for (let d = 1; level.length && d <= maxDepth; d++) {
      const next = [];
      for (const u of level) for (const e of edgesAt.get(u) ?? []) {
        const v = other(e, u);
        if (!dist.has(v)) { dist.set(v, d); next.push(v); }
      }
      level = next;
    }
    return dist;
  };
  const df = bfs(from);
  if (!df.has(to)) return null;
  const len = df.get(to);
  const dt = bfs(to);
  const ids = [from];
  const es = [];
  let u = from;
  for (let i = 0; i < len; i++) {
    const steps = (edgesAt.get(u) ?? []).filter((e) => dt.get(other(e, u)) === len - i - 1 && df.get(other(e, u)) === i + 1);
    const v = steps.map((e) => other(e, u)).sort()[0];
    es.push(steps.filter((e) => other(e, u) === v).sort(compareEdges)[0]);
    ids.push(v);
    u = v;
  }
  return { length: len, nodes: ids.map((id, i) => subgraphNode(id, i)), edges: es };
}

// ---- search: Lucene's BM25 over the fields graph/search indexes ----

const f32 = Math.fround;
const FREE = 255 - 231;
const longToInt4 = (i) => {
  const n = 32 - Math.clz32(i);
  if (n < 4) return i;
  const shift = n - 4;
  return ((i >> shift) & 7) | ((shift + 1) << 3);
};
const int4ToLong = (i) => { const m = i & 7; const shift = (i >> 3) - 1; return shift === -1 ? m : (m | 8) << shift; };
const intToByte4 = (i) => (i < FREE ? i : FREE + longToInt4(i - FREE));
const byte4ToInt = (b) => (b < FREE ? b : FREE + int4ToLong(b - FREE));
const fieldStats = dump.fields.map((f) => {
  let docs = 0, terms = 0;
  const df = new Map();
  for (const n of dump.nodes) {
    const t = n.search[f.Name]?.split(' ');
    if (!t) continue;
    docs++; terms += t.length;
    for (const w of new Set(t)) df.set(w, (df.get(w) ?? 0) + 1);
  }
  const avgdl = f32(terms / docs);
  const norm = Array.from({ length: 256 }, (_, i) =>
    f32(1 / f32(1.2 * f32(f32(1 - 0.75) + f32(f32(0.75 * byte4ToInt(i)) / avgdl)))));
  return { field: f, docs, df, norm };
});
const fold = (s) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
const terms = (s) => [...new Set(fold(s).split(/[^a-z0-9]+/).filter(Boolean))];

// The peer searches words; a reference lookup ("COM(2010) 673") is
// issgraph's own analyser's business and out of the peer's scope.
function search(text, first) {
  const q = terms(text);
  const hits = [];
  for (const n of dump.nodes) {
    let total = 0, matched = null;
    for (const { field, docs, df, norm } of fieldStats) {
      if (field.Match === 'REFERENCE' || !n.search[field.Name]) continue;
      const t = n.search[field.Name].split(' ');
      let sum = 0;
      for (const w of q) {
        const freq = t.filter((x) => x === w).length;
        if (!freq) continue;
        matched ??= field.Match;
        const idf = f32(Math.log(1 + (docs - df.get(w) + 0.5) / (df.get(w) + 0.5)));
        const weight = f32(field.Boost * idf);
        sum += f32(weight - f32(weight / f32(1 + f32(freq * norm[intToByte4(t.length)]))));
      }
      total += f32(sum);
    }
    if (matched) hits.push({ node: n, score: f32(total), field: matched });
  }
  hits.sort((a, b) => b.score - a.score || cmp(a.node.id, b.node.id));
  return { edges: hits.slice(0, first) };
}

// ---- lists ----

const b64 = (s) => Buffer.from(s).toString('base64url');
function documents({ filter = {}, sort, first = 20 }) {
  const field = sort?.field ?? 'ID';
  const key = (n) => (field === 'DATE' ? prop(n, 'date') ?? NO_DATE : field === 'NAME' ? fold(n.name) : n.id);
  const all = dump.nodes.filter((n) => n.kind === 'Document'
    && (!filter.type || prop(n, 'type') === filter.type)
    && (!filter.dateFrom || (prop(n, 'date') && prop(n, 'date') >= filter.dateFrom))
    && (!filter.dateTo || (prop(n, 'date') && prop(n, 'date') <= filter.dateTo))
    && (!filter.text || n.name.toLowerCase().includes(filter.text.toLowerCase())));
  all.sort((a, b) => cmp(key(a), key(b)) || cmp(a.id, b.id));
  const page = all.slice(0, first);
  // issgraph's cursor: the order's signature, the sort keys (null for a
  // missing value, which sorts last) and the id (graph/querysort.go).
  const ckey = (n) => (field === 'DATE' ? prop(n, 'date') ?? null : key(n));
  const cursor = (n) => b64(JSON.stringify({ o: `node|${field.toLowerCase()}`, k: [ckey(n)], i: n.id }));
  return {
    totalCount: all.length,
    nodes: page,
    edges: page.map((n) => ({ cursor: cursor(n), node: n })),
    pageInfo: {
      hasNextPage: all.length > page.length, hasPreviousPage: false,
      startCursor: page.length ? cursor(page[0]) : null, endCursor: page.length ? cursor(page.at(-1)) : null,
    },
  };
}

// ---- schema and resolvers ----

const typeDefs = `#graphql
  scalar Date
  scalar Map
  enum Kind { INSTITUTION PERSON PROCEDURE DOCUMENT OBJECTIVE AGENCY EVENT }
  enum Direction { OUT IN BOTH }
  enum SortField { ID NAME DATE }
  input NodeSort { field: SortField! desc: Boolean = false }
  input DocumentFilter { text: String type: String dateFrom: Date dateTo: Date }
  type Source { file: String! section: String lines: String }
  interface Node { id: ID! kind: Kind! name: String! sources: [Source!]!
    relationships(types: [String!], direction: Direction = BOTH): [Relationship!]! }
  type Relationship { id: ID! type: String! direction: Direction! role: String date: Date group: String
    other: Node! sources: [Source!]! }
  type Institution implements Node { id: ID! kind: Kind! name: String! sources: [Source!]!
    relationships(types: [String!], direction: Direction = BOTH): [Relationship!]! acronym: String }
  type Agency implements Node { id: ID! kind: Kind! name: String! sources: [Source!]!
    relationships(types: [String!], direction: Direction = BOTH): [Relationship!]! acronym: String }
  type Person implements Node { id: ID! kind: Kind! name: String! sources: [Source!]!
    relationships(types: [String!], direction: Direction = BOTH): [Relationship!]! }
  type Event implements Node { id: ID! kind: Kind! name: String! sources: [Source!]!
    relationships(types: [String!], direction: Direction = BOTH): [Relationship!]! date: Date }
  type Procedure implements Node { id: ID! kind: Kind! name: String! sources: [Source!]!
    relationships(types: [String!], direction: Direction = BOTH): [Relationship!]!
    reference: String! rapporteurs: [RapporteurRole!]! events: [Event!]! }
  type Document implements Node { id: ID! kind: Kind! name: String! sources: [Source!]!
    relationships(types: [String!], direction: Direction = BOTH): [Relationship!]!
    reference: String date: Date cites: [Document!]! citedBy: [Document!]! addresses: [Objective!]! }
  type Objective implements Node { id: ID! kind: Kind! name: String! sources: [Source!]!
    relationships(types: [String!], direction: Direction = BOTH): [Relationship!]!
    number: String keyActions: [Objective!]! responsible: [Responsibility!]! }
  type RapporteurRole { role: String! person: Person! group: String committee: Institution appointed: Date
    sources: [Source!]! }
  type Responsibility { role: String actor: Node! sources: [Source!]! }
  type PageInfo { hasNextPage: Boolean! hasPreviousPage: Boolean! startCursor: String endCursor: String }
  type DocumentEdge { cursor: String! node: Document! }
  type DocumentConnection { edges: [DocumentEdge!]! nodes: [Document!]! totalCount: Int! pageInfo: PageInfo! }
  type SubgraphNode { id: ID! kind: Kind! label: String! degree: Int! distance: Int! node: Node! }
  type SubgraphEdge { id: ID! type: String! source: ID! target: ID! properties: Map! sources: [Source!]! }
  type Subgraph { nodes: [SubgraphNode!]! edges: [SubgraphEdge!]! truncated: Boolean! }
  type Path { length: Int! nodes: [SubgraphNode!]! edges: [SubgraphEdge!]! }
  type SearchEdge { node: Node! score: Float! field: String! }
  type SearchConnection { edges: [SearchEdge!]! }
  type Query {
    node(id: ID!): Node
    procedure(id: ID, reference: String): Procedure
    document(id: ID, reference: String): Document
    objective(id: ID!): Objective
    documents(filter: DocumentFilter, sort: NodeSort, first: Int = 20, after: String): DocumentConnection!
    neighbourhood(id: ID!, depth: Int = 1, limit: Int = 100): Subgraph!
    shortestPath(from: ID!, to: ID!, maxDepth: Int = 3): Path
    search(text: String!, first: Int = 20): SearchConnection!
  }
`;

const nodeFields = {
  kind: (n) => KIND[n.kind],
  sources: (n) => n.sources ?? [],
  relationships: (n, { types, direction }, ctx) => ties(ctx, n.id, types, direction),
};
const lookup = (kind) => async (_, { id, reference }, ctx) => {
  const n = reference !== undefined ? byRef.get(`${kind}\u0000${refKey(reference)}`) : await ctx.node.load(id);
  return n && n.kind === kind ? n : null;
};

const resolvers = {
  Query: {
    node: (_, { id }, ctx) => ctx.node.load(id),
    procedure: lookup('Procedure'),
    document: lookup('Document'),
    objective: lookup('Objective'),
    documents: (_, args) => documents(args),
    neighbourhood: (_, { id, depth, limit }) => neighbourhood(id, depth, limit),
    shortestPath: (_, { from, to, maxDepth }) => shortestPath(from, to, maxDepth),
    search: (_, { text, first }) => search(text, first),
  },
  Node: { __resolveType: (n) => TYPENAME[n.kind] },
  Institution: { ...nodeFields, acronym: (n) => prop(n, 'acronym') },
  Agency: { ...nodeFields, acronym: (n) => prop(n, 'acronym') },
  Person: nodeFields,
  Event: { ...nodeFields, date: (n) => prop(n, 'date') },
  Procedure: {
    ...nodeFields,
    reference: (n) => prop(n, 'reference'),
    rapporteurs: async (n, _, ctx) => (await ties(ctx, n.id, ['RAPPORTEUR'], 'IN'))
      .sort((a, b) => rapporteurRank(a.props?.role) - rapporteurRank(b.props?.role)),
    events: async (n, _, ctx) => byDate(await related(ctx, n.id, 'HAS_EVENT', 'OUT', ['Event'])),
  },
  Document: {
    ...nodeFields,
    reference: (n) => prop(n, 'reference'),
    date: (n) => prop(n, 'date'),
    cites: (n, _, ctx) => related(ctx, n.id, 'CITES', 'OUT', ['Document']),
    citedBy: (n, _, ctx) => related(ctx, n.id, 'CITES', 'IN', ['Document']),
    addresses: (n, _, ctx) => related(ctx, n.id, 'ADDRESSES', 'OUT', ['Objective']),
  },
  Objective: {
    ...nodeFields,
    number: (n) => prop(n, 'number'),
    keyActions: (n, _, ctx) => related(ctx, n.id, 'PART_OF', 'IN', ['Objective']),
    responsible: (n, _, ctx) => ties(ctx, n.id, ['RESPONSIBLE_FOR'], 'IN'),
  },
  Source: { section: (s) => opt(s.section), lines: (s) => opt(s.lines) },
  Relationship: {
    id: edgeId,
    direction: (e) => (e.from === e.self ? 'OUT' : 'IN'),
    role: (e) => prop(e, 'role'),
    date: (e) => prop(e, 'date'),
    group: (e) => prop(e, 'group'),
    other: (e, _, ctx) => ctx.node.load(other(e, e.self)),
    sources: (e) => e.sources ?? [],
  },
  RapporteurRole: {
    role: (e) => ROLE[e.props?.role],
    person: (e, _, ctx) => ctx.node.load(e.from),
    group: (e) => prop(e, 'group'),
    committee: async (e, _, ctx) => {
      const c = prop(e, 'committee') && (await ctx.node.load(e.props.committee));
      return c && c.kind === 'Institution' ? c : null;
    },
    appointed: (e) => prop(e, 'date'),
    sources: (e) => e.sources ?? [],
  },
  Responsibility: {
    role: (e) => prop(e, 'role'),
    actor: (e, _, ctx) => ctx.node.load(e.from),
    sources: (e) => e.sources ?? [],
  },
  SubgraphNode: {
    id: (s) => s.node.id, kind: (s) => KIND[s.node.kind], label: (s) => s.node.name, node: (s) => s.node,
  },
  SubgraphEdge: {
    id: edgeId, source: (e) => e.from, target: (e) => e.to,
    properties: (e) => e.props ?? {}, sources: (e) => e.sources ?? [],
  },
};

const server = new ApolloServer({ typeDefs, resolvers, introspection: false });
const { url } = await startStandaloneServer(server, {
  listen: { host: '127.0.0.1', port: Number(port) },
  context: async () => loaders(),
});
console.log(`apollo peer at ${url}`);
