// The generator's Cypher for the query "every_node" of TestQueryCypherGolden
// (querycypher_test.go); -update rewrites it. scripts/cypher-lint.mjs lints it.

// name: find
// params: limit
// $limit = 20
CALL () {
MATCH (n:Node)
WITH n
RETURN count(*) AS total, count(*) AS rest, count(*) AS prior
}
CALL () {
MATCH (n:Node)
WITH n
WITH n
ORDER BY n.id ASC
LIMIT $limit
RETURN collect(n {.sources, .description, .aliases, .acronym, .type, .established, .establishedPrecision, .operational, .operationalPrecision, .givenName, .familyName, .group, .country, .reference, .subtype, .status, .subjects, .legalBasis, .committeeDossier, .instrument, .date, .datePrecision, .unresolvedReference, .officialJournal, .oeilType, .shortTitle, .classification, .originalLanguage, .fileCodes, .place, .periodStart, .periodStartPrecision, .periodEnd, .periodEndPrecision, .celex, .derived, .number, .endDate, .endDatePrecision, .votesFor, .votesAgainst, .abstentions, .id, .kind, .name}) AS page
}
RETURN total, rest, prior, page
