// expect: Cypher outside a named statement
MATCH (n:Node) RETURN n
