// expect: Type mismatch

// name: bad
// params: id
MATCH (n:Node {id: $id})
RETURN n.name + date() - 1 AS x
