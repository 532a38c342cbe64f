// The generator's Cypher for the query "lists" of TestQueryCypherGolden
// (querycypher_test.go); -update rewrites it. scripts/cypher-lint.mjs lints it.

// name: find
// params: limit, p0, p1, p2, p3, p4, p5, p6, p7, p8, p9
// $limit = 20
// $p0 = "iss"
// $p1 = "x"
// $p2 = ["jai 1"]
// $p3 = ["jai 2"]
// $p4 = "a"
// $p5 = "iss"
// $p6 = "x"
// $p7 = ["jai 1"]
// $p8 = ["jai 2"]
// $p9 = "a"
CALL () {
MATCH (n:Document)
WHERE ($p0 IN coalesce(n.aliasesFold, []) AND (size(coalesce(n.aliasesFold, [])) > 0 AND NOT $p1 IN coalesce(n.aliasesFold, [])) AND any(x3 IN coalesce(n.fileCodesFold, []) WHERE x3 IN $p2) AND (size(coalesce(n.fileCodesFold, [])) > 0 AND none(x4 IN coalesce(n.fileCodesFold, []) WHERE x4 IN $p3)) AND any(x5 IN coalesce(n.aliasesFold, []) WHERE x5 CONTAINS $p4) AND size(coalesce(n.aliases, [])) > 0)
WITH n
RETURN count(*) AS total, count(*) AS rest, count(*) AS prior
}
CALL () {
MATCH (n:Document)
WHERE ($p5 IN coalesce(n.aliasesFold, []) AND (size(coalesce(n.aliasesFold, [])) > 0 AND NOT $p6 IN coalesce(n.aliasesFold, [])) AND any(x9 IN coalesce(n.fileCodesFold, []) WHERE x9 IN $p7) AND (size(coalesce(n.fileCodesFold, [])) > 0 AND none(x10 IN coalesce(n.fileCodesFold, []) WHERE x10 IN $p8)) AND any(x11 IN coalesce(n.aliasesFold, []) WHERE x11 CONTAINS $p9) AND size(coalesce(n.aliases, [])) > 0)
WITH n
WITH n
ORDER BY n.id ASC
LIMIT $limit
RETURN collect(CASE n.kind WHEN 'Institution' THEN n {.sources, .description, .aliases, .acronym, .type, .established, .establishedPrecision, .operational, .operationalPrecision, .id, .kind, .name} WHEN 'Person' THEN n {.sources, .description, .aliases, .givenName, .familyName, .group, .country, .id, .kind, .name} WHEN 'Procedure' THEN n {.sources, .description, .aliases, .reference, .type, .subtype, .status, .subjects, .legalBasis, .committeeDossier, .instrument, .date, .datePrecision, .id, .kind, .name} WHEN 'Document' THEN n {.sources, .description, .aliases, .reference, .unresolvedReference, .officialJournal, .type, .oeilType, .date, .datePrecision, .shortTitle, .classification, .originalLanguage, .fileCodes, .place, .periodStart, .periodStartPrecision, .periodEnd, .periodEndPrecision, .celex, .derived, .id, .kind, .name} WHEN 'Objective' THEN n {.sources, .description, .aliases, .number, .type, .id, .kind, .name} WHEN 'Agency' THEN n {.sources, .description, .aliases, .acronym, .type, .established, .establishedPrecision, .operational, .operationalPrecision, .id, .kind, .name} WHEN 'Event' THEN n {.sources, .description, .aliases, .date, .datePrecision, .endDate, .endDatePrecision, .type, .reference, .place, .votesFor, .votesAgainst, .abstentions, .id, .kind, .name} ELSE n {.sources, .description, .aliases, .acronym, .type, .established, .establishedPrecision, .operational, .operationalPrecision, .givenName, .familyName, .group, .country, .reference, .subtype, .status, .subjects, .legalBasis, .committeeDossier, .instrument, .date, .datePrecision, .unresolvedReference, .officialJournal, .oeilType, .shortTitle, .classification, .originalLanguage, .fileCodes, .place, .periodStart, .periodStartPrecision, .periodEnd, .periodEndPrecision, .celex, .derived, .number, .endDate, .endDatePrecision, .votesFor, .votesAgainst, .abstentions, .id, .kind, .name} END) AS page
}
RETURN total, rest, prior, page
