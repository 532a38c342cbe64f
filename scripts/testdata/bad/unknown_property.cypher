// expect: refrence is not present

// name: bad
// params: ref
MATCH (n:Node)
WHERE n.refrence = $ref
RETURN n
