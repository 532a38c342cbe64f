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
RETURN collect(CASE n.kind WHEN 'Institution' THEN n {.sources, .description, .aliases, .acronym, .type, .established, .establishedPrecision, .operational, .operationalPrecision, .id, .kind, .name} WHEN 'Person' THEN n {.sources, .description, .aliases, .givenName, .familyName, .group, .country, .id, .kind, .name} WHEN 'Procedure' THEN n {.sources, .description, .aliases, .reference, .type, .subtype, .status, .subjects, .legalBasis, .committeeDossier, .instrument, .date, .datePrecision, .id, .kind, .name} WHEN 'Document' THEN n {.sources, .description, .aliases, .reference, .unresolvedReference, .officialJournal, .type, .oeilType, .date, .datePrecision, .shortTitle, .classification, .originalLanguage, .fileCodes, .place, .periodStart, .periodStartPrecision, .periodEnd, .periodEndPrecision, .celex, .derived, .id, .kind, .name} WHEN 'Objective' THEN n {.sources, .description, .aliases, .number, .type, .id, .kind, .name} WHEN 'Agency' THEN n {.sources, .description, .aliases, .acronym, .type, .established, .establishedPrecision, .operational, .operationalPrecision, .id, .kind, .name} WHEN 'Event' THEN n {.sources, .description, .aliases, .date, .datePrecision, .endDate, .endDatePrecision, .type, .reference, .place, .votesFor, .votesAgainst, .abstentions, .id, .kind, .name} ELSE n {.sources, .description, .aliases, .acronym, .type, .established, .establishedPrecision, .operational, .operationalPrecision, .givenName, .familyName, .group, .country, .reference, .subtype, .status, .subjects, .legalBasis, .committeeDossier, .instrument, .date, .datePrecision, .unresolvedReference, .officialJournal, .oeilType, .shortTitle, .classification, .originalLanguage, .fileCodes, .place, .periodStart, .periodStartPrecision, .periodEnd, .periodEndPrecision, .celex, .derived, .number, .endDate, .endDatePrecision, .votesFor, .votesAgainst, .abstentions, .id, .kind, .name} END) AS page
}
RETURN total, rest, prior, page
