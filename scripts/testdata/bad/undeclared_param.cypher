// The text uses $idz, the header declares id.
// expect: declares params [id] but uses [idz]

// name: bad
// params: id
MATCH (n:Node {id: $idz})
RETURN n
