// expect: declares params [id,kind] but uses [id]

// name: bad
// params: id, kind
MATCH (n:Node {id: $id})
RETURN n
