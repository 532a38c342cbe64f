// expect: unknown placeholder __LABEL__

// name: bad
// params: id
MERGE (n:Node {id: $id})
SET n:__LABEL__
