// expect: Invalid input

// name: bad
// params: id
MATCH (n:Node {id: $id}
RETURN n
