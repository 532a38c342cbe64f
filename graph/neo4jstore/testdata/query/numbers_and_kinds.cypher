// The generator's Cypher for the query "numbers_and_kinds" of TestQueryCypherGolden
// (querycypher_test.go); -update rewrites it. scripts/cypher-lint.mjs lints it.

// name: find
// params: limit, p0, p1, p2, p3, p4, p5, p6, p7
// $limit = 20
// $p0 = 10
// $p1 = [1, 2]
// $p2 = "Document"
// $p3 = ["Event"]
// $p4 = 10
// $p5 = [1, 2]
// $p6 = "Document"
// $p7 = ["Event"]
CALL () {
MATCH (n:Document|Event)
WHERE (n.votesFor > $p0 AND (n.votesAgainst IS NOT NULL AND NOT n.votesAgainst IN $p1) AND n.abstentions IS NULL AND n.kind <> $p2 AND n.kind IN $p3)
WITH n
RETURN count(*) AS total, count(*) AS rest, count(*) AS prior
}
CALL () {
MATCH (n:Document|Event)
WHERE (n.votesFor > $p4 AND (n.votesAgainst IS NOT NULL AND NOT n.votesAgainst IN $p5) AND n.abstentions IS NULL AND n.kind <> $p6 AND n.kind IN $p7)
WITH n
WITH n
ORDER BY n.id ASC
LIMIT $limit
RETURN collect(n) AS page
}
RETURN total, rest, prior, page
