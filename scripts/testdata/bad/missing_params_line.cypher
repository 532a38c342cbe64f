// expect: the line after the name must be

// name: bad
MATCH (n:Node)
RETURN n
