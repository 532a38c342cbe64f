// id() is deprecated in Neo4j 5: a warning the lint fails on.
// expect: deprecated

// name: bad
// params: id
MATCH (n:Node {id: $id})
RETURN id(n) AS internalId
