// expect: Relationship type CITEZ is not present

// name: bad
// params: id
MATCH (n:Node {id: $id})-[:CITEZ]->(m:Node)
RETURN m
