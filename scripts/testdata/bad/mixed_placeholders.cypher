// expect: mixes __KIND__ and __TYPE__

// name: bad
// params: from, to
MATCH (a:__KIND__ {id: $from})
MATCH (b:Node {id: $to})
MERGE (a)-[:__TYPE__]->(b)
