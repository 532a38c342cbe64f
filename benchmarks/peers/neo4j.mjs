// The Neo4j GraphQL Library peer: what a team on Neo4j would build instead
// of issgraph. @neo4j/graphql 7 on Apollo Server 5, over the Neo4j that
// issgraph's Neo4j store wrote (`issgraph seed --store=neo4j`): the same
// labels (:Node plus the kind), properties and relationship types. It
// answers the Q-mix queries that the library can express
// (benchmarks/queries/neo4j), each in its own dialect (the NAME.neo4j-graphql.graphql
// files), and the comparison script checks that its `data` equals
// issgraph's for each.
//
//   NEO4J_URI=bolt://127.0.0.1:7687 node neo4j.mjs PORT
//
// The library generates the relationship fields and the connections; the
// lookup by reference, the shortest path and the search are @cypher
// fields, as the library's documentation has custom queries written.
//
// The other Q-mix queries it cannot express with the same answer: the
// sources of relationships are stored as JSON strings, which Cypher cannot
// unpack without APOC (procedure, objective, relationships), and a
// relationship's properties as one JSON object need a map built from
// dynamic keys, which Cypher 5 cannot build either (neighbourhood).

import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { Neo4jGraphQL } from '@neo4j/graphql';
import neo4j from 'neo4j-driver';

const [port = '18640'] = process.argv.slice(2);
const { NEO4J_URI, NEO4J_USER = 'neo4j', NEO4J_PASSWORD, NEO4J_DATABASE = 'neo4j' } = process.env;
if (!NEO4J_URI) {
  console.error('neo4j.mjs: set NEO4J_URI (scripts/neo4j start)');
  process.exit(2);
}
const driver = neo4j.driver(NEO4J_URI, NEO4J_PASSWORD ? neo4j.auth.basic(NEO4J_USER, NEO4J_PASSWORD) : neo4j.auth.none());

const typeDefs = `#graphql
  type Document @node {
    id: ID!
    name: String!
    reference: String
    type: String
    date: Date
    cites: [Document!]! @relationship(type: "CITES", direction: OUT)
    citedBy: [Document!]! @relationship(type: "CITES", direction: IN)
    addresses: [Objective!]! @relationship(type: "ADDRESSES", direction: OUT)
  }

  type Objective @node {
    id: ID!
    name: String!
    number: String
    type: String
    keyActions: [Objective!]! @relationship(type: "PART_OF", direction: IN)
  }

  type PathNode { id: ID! label: String! kind: String! }
  type PathEdge { type: String! source: ID! target: ID! }
  type Path { length: Int! nodes: [PathNode!]! edges: [PathEdge!]! }

  type SearchNode { id: ID! name: String! }
  type SearchEdge { score: Float! field: String! node: SearchNode! }
  type SearchResult { edges: [SearchEdge!]! }

  type Query {
    "The document whose reference, or else one of whose aliases, is the reference (canonical form)."
    document(reference: String!): Document
      @cypher(
        statement: """
        MATCH (n:Document)
        WHERE n.reference = $reference OR $reference IN coalesce(n.aliases, [])
        RETURN n ORDER BY CASE WHEN n.reference = $reference THEN 0 ELSE 1 END, n.id LIMIT 1
        """
        columnName: "n"
      )
    "The first shortest path in id order, either way along relationships, at most 3 long."
    shortestPath(from: ID!, to: ID!): Path
      @cypher(
        statement: """
        MATCH (a:Node {id: $from}), (b:Node {id: $to})
        MATCH p = allShortestPaths((a)-[*..3]-(b))
        WITH p ORDER BY [n IN nodes(p) | n.id], [r IN relationships(p) | [type(r), startNode(r).id, endNode(r).id]]
        LIMIT 1
        RETURN {
          length: length(p),
          nodes: [n IN nodes(p) | {id: n.id, label: n.name, kind: toUpper(n.kind)}],
          edges: [r IN relationships(p) | {type: type(r), source: startNode(r).id, target: endNode(r).id}]
        } AS path
        """
        columnName: "path"
      )
    """
    Full-text search on the index issgraph's store keeps (node_search),
    over the same analysed properties with the same boosts; terms are the
    words of the text, lower-cased. The field is the first whose terms
    hold one of the text's, in issgraph's order.
    """
    search(text: String!, first: Int = 20): SearchResult!
      @cypher(
        statement: """
        WITH [t IN split(toLower($text), ' ') WHERE t <> ''] AS terms
        WITH terms, reduce(s = '', t IN terms | s + CASE s WHEN '' THEN '' ELSE ' OR ' END + t) AS any
        WITH terms, '(searchAcronym:(' + any + ')^6 OR searchName:(' + any + ')^4 OR searchTitle:(' + any +
          ')^3 OR searchAliases:(' + any + ')^2 OR searchDescription:(' + any + ')^1)' AS lucene
        CALL db.index.fulltext.queryNodes('node_search', lucene, {limit: 1000}) YIELD node, score
        WITH terms, node, score ORDER BY score DESC, node.id LIMIT $first
        WITH collect({
          score: score,
          field: CASE
            WHEN any(t IN terms WHERE t IN split(coalesce(node.searchAcronym, ''), ' ')) THEN 'ACRONYM'
            WHEN any(t IN terms WHERE t IN split(coalesce(node.searchName, ''), ' ')) THEN 'NAME'
            WHEN any(t IN terms WHERE t IN split(coalesce(node.searchTitle, ''), ' ')) THEN 'TITLE'
            WHEN any(t IN terms WHERE t IN split(coalesce(node.searchAliases, ''), ' ')) THEN 'ALIAS'
            ELSE 'DESCRIPTION' END,
          node: {id: node.id, name: node.name}
        }) AS edges
        RETURN {edges: edges} AS result
        """
        columnName: "result"
      )
  }
`;

const schema = await new Neo4jGraphQL({ typeDefs, driver }).getSchema();
const server = new ApolloServer({ schema, introspection: false });
const { url } = await startStandaloneServer(server, {
  listen: { host: '127.0.0.1', port: Number(port) },
  context: async () => ({ sessionConfig: { database: NEO4J_DATABASE } }),
});
console.log(`neo4j-graphql peer at ${url}`);
