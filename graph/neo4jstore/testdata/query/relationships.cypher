// The generator's Cypher for the query "relationships" of TestQueryCypherGolden
// (querycypher_test.go); -update rewrites it. scripts/cypher-lint.mjs lints it.

// name: find_count
// params: p0, p1, p2, p3
// $p0 = ["COM(2010) 673"]
// $p1 = ["COM(2010) 673"]
// $p2 = "institution/council"
// $p3 = 2010-12-31
MATCH (o1:Document)
WHERE (o1.reference IN $p0 OR any(x1 IN coalesce(o1.aliases, []) WHERE x1 IN $p0))
MATCH (n:Document)-[r1:CITES]->(o1:Document)
WITH DISTINCT n
WHERE (EXISTS { MATCH (n)-[r2:CITES]->(o2:Document) WHERE (o2.reference IN $p1 OR any(x2 IN coalesce(o2.aliases, []) WHERE x2 IN $p1)) } AND NOT EXISTS { MATCH (n)<-[r3:AUTHORED]-(o3:Institution) WHERE o3.id = $p2 } AND NOT EXISTS { MATCH (n)-[r4:CITES]-(o4:Document) WHERE NOT coalesce(o4.date <= $p3, false) })
WITH n
RETURN count(*) AS total, count(*) AS rest, count(*) AS prior

// name: find_page
// params: domainKeys, limit, p0, p1, p2, p3
// $domainKeys = [description aliases acronym type established establishedPrecision operational operationalPrecision givenName familyName group country reference subtype status subjects legalBasis committeeDossier instrument date datePrecision unresolvedReference officialJournal oeilType shortTitle classification originalLanguage fileCodes place periodStart periodStartPrecision periodEnd periodEndPrecision celex derived number endDate endDatePrecision votesFor votesAgainst abstentions]
// $limit = 20
// $p0 = ["COM(2010) 673"]
// $p1 = ["COM(2010) 673"]
// $p2 = "institution/council"
// $p3 = 2010-12-31
MATCH (o1:Document)
WHERE (o1.reference IN $p0 OR any(x1 IN coalesce(o1.aliases, []) WHERE x1 IN $p0))
MATCH (n:Document)-[r1:CITES]->(o1:Document)
WITH DISTINCT n
WHERE (EXISTS { MATCH (n)-[r2:CITES]->(o2:Document) WHERE (o2.reference IN $p1 OR any(x2 IN coalesce(o2.aliases, []) WHERE x2 IN $p1)) } AND NOT EXISTS { MATCH (n)<-[r3:AUTHORED]-(o3:Institution) WHERE o3.id = $p2 } AND NOT EXISTS { MATCH (n)-[r4:CITES]-(o4:Document) WHERE NOT coalesce(o4.date <= $p3, false) })
WITH n
RETURN n {.id, .kind, .name, .sources, props: [prop1 IN $domainKeys | n[prop1]]} AS n
ORDER BY n.id ASC
LIMIT $limit
