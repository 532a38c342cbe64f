// expect: Function toLowr is not present

// name: bad
// params: id
MATCH (n:Node {id: $id})
RETURN toLowr(n.name) AS name
