// An error that only shows after expansion: every expanded copy is linted.
// expect: [put:Document]

// name: put
// params: id
MERGE (n:Node {id: $id})
SET n:__KIND__
RETURN n.nmae AS name
