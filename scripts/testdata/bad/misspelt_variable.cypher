// expect: Variable `m` not defined

// name: bad
// params: id
MATCH (n:Node {id: $id})
RETURN m
