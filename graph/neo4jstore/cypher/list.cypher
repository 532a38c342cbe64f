// ListNodes: one page of the nodes that match a graph.Filter, with the total
// count. The WHERE clause mirrors graph.Filter.Matches term by term; a null
// parameter is an unset filter field. $text comes lower-cased by Go
// (strings.ToLower, as Matches does) and is searched in nameLower, the name
// lower-cased by Go when written; Cypher's toLower (Java's) folds some
// letters otherwise, and is only the fallback for a node written before
// nameLower existed. The sort key mirrors graph.SortKey:
// the id, sortName (graph.NameKey of the name, written by Go; the bare name
// for a node written before sortName existed), or the ISO date with $noDate (graph.NoDate) for a node
// without one; ties are broken by id. The Cypher manual's WITH clause
// documents that rows ordered by ORDER BY in a WITH keep that order in the
// collect() that follows, which the page and the cursor rely on. Ascending
// and descending are two statements chosen by code, since a direction
// cannot be a parameter.

// name: list_nodes_asc
// params: kind, idPrefix, text, type, reference, dateFrom, dateTo, sort, noDate, afterKey, afterId, first
MATCH (n:Node)
WHERE ($kind IS NULL OR n.kind = $kind)
  AND ($idPrefix IS NULL OR n.id STARTS WITH $idPrefix)
  AND ($text IS NULL OR coalesce(n.nameLower, toLower(n.name)) CONTAINS $text)
  AND ($type IS NULL OR n.type = $type)
  AND ($reference IS NULL OR n.reference = $reference OR $reference IN coalesce(n.aliases, []))
  AND ($dateFrom IS NULL OR n.date >= $dateFrom)
  AND ($dateTo IS NULL OR n.date <= $dateTo)
WITH n,
  CASE $sort
    WHEN 'NAME' THEN coalesce(n.sortName, n.name)
    WHEN 'DATE' THEN coalesce(toString(n.date), $noDate)
    ELSE n.id
  END AS key
ORDER BY key ASC, n.id ASC
WITH collect({node: n, key: key}) AS rows
WITH size(rows) AS total,
  [row IN rows WHERE $afterId IS NULL OR row.key > $afterKey OR (row.key = $afterKey AND row.node.id > $afterId)] AS rest
RETURN total, size(rest) > $first AS hasNext, [row IN rest[0..$first] | row.node] AS nodes

// name: list_nodes_desc
// params: kind, idPrefix, text, type, reference, dateFrom, dateTo, sort, noDate, afterKey, afterId, first
MATCH (n:Node)
WHERE ($kind IS NULL OR n.kind = $kind)
  AND ($idPrefix IS NULL OR n.id STARTS WITH $idPrefix)
  AND ($text IS NULL OR coalesce(n.nameLower, toLower(n.name)) CONTAINS $text)
  AND ($type IS NULL OR n.type = $type)
  AND ($reference IS NULL OR n.reference = $reference OR $reference IN coalesce(n.aliases, []))
  AND ($dateFrom IS NULL OR n.date >= $dateFrom)
  AND ($dateTo IS NULL OR n.date <= $dateTo)
WITH n,
  CASE $sort
    WHEN 'NAME' THEN coalesce(n.sortName, n.name)
    WHEN 'DATE' THEN coalesce(toString(n.date), $noDate)
    ELSE n.id
  END AS key
ORDER BY key DESC, n.id DESC
WITH collect({node: n, key: key}) AS rows
WITH size(rows) AS total,
  [row IN rows WHERE $afterId IS NULL OR row.key < $afterKey OR (row.key = $afterKey AND row.node.id < $afterId)] AS rest
RETURN total, size(rest) > $first AS hasNext, [row IN rest[0..$first] | row.node] AS nodes
