// ListNodes: one page of the nodes that match a graph.Filter, and the total
// count, as two statements, a read each. The WHERE clause
// mirrors graph.Filter.Matches term by term; a null parameter is an unset
// filter field. $text comes lower-cased by Go (strings.ToLower, as Matches
// does) and is searched in nameLower, the name lower-cased by Go when
// written; Cypher's toLower (Java's) folds some letters otherwise, and is
// only the fallback for a node written before nameLower existed. The sort
// key mirrors graph.SortKey: the id, sortName (graph.NameKey of the name,
// written by Go; the bare name for a node written before sortName
// existed), or the ISO date with $noDate (graph.NoDate) for a node without
// one; ties are broken by id.
//
// A date of a month or a year is the DATE of its first day in n.date and
// its precision in n.datePrecision (absent for a day; record.go,
// precisionSuffix). Its sort key is the ISO form of that precision, the
// first 4 or 7 characters of the day's, as graph.Date.String writes it.
// The date bounds mirror graph.Date.Within, overlap: Go sends the first
// day of $dateFrom's period and the last of $dateTo's; a node's period
// starts at n.date and ends before n.date plus one day, month or year.
//
// The statements are shaped for the planner, which cannot see through a
// parameter: "$kind IS NULL OR n.kind = $kind" would scan every node, so a
// kind-filtered list has statements of its own whose plain n.kind = $kind
// seeks the node_kind index; the page is cut by ORDER BY ... LIMIT, which
// keeps only $first + 1 rows (a Top) instead of collecting every match;
// and a list without any filter counts from the counts store
// (list_total), and a list of one kind without a filter from the counts
// store of its label (list_total_kind). A reference filter has statements
// of its own (list_*_ref), which find their candidates on the TEXT index
// node_ref_keys, where every node keeps its reference and aliases between
// newlines ($refNeedle is "\n" + $reference + "\n"), and then compare them
// exactly: "$reference IN n.aliases" alone would read every node, since no
// index answers membership in a list. The exact comparison is one
// membership test, "$reference IN [n.reference] + aliases": written as
// "n.reference = $reference OR $reference IN aliases", the planner splits
// the OR into a Union of two scans of node_ref_keys, one per branch, and a
// Distinct over them (TestLiveListPlans). list_page_ref_edges_* are
// list_page_ref_* with, on each row, the node's edges of the types $types
// (empty: every type) in the direction $dir (graph.Direction's name), each
// with its ends' ids and the node at its other end, as edges_ends_*
// returns them, as a list [r, from, to, m] (a map costs more):
// Store.ListNodesAndEdges, a lookup by reference and its relationships in
// one round trip. Each list_page statement and its list_count share the
// same WHERE; ascending and descending are two statements, since a
// direction cannot be a parameter. The caller learns hasNext from the
// extra row.

// name: list_page_asc
// params: idPrefix, text, type, reference, dateFrom, dateTo, sort, noDate, afterKey, afterId, first
MATCH (n:Node)
WHERE ($idPrefix IS NULL OR n.id STARTS WITH $idPrefix)
  AND ($text IS NULL OR coalesce(n.nameLower, toLower(n.name)) CONTAINS $text)
  AND ($type IS NULL OR n.type = $type)
  AND ($reference IS NULL OR n.reference = $reference OR $reference IN coalesce(n.aliases, []))
  AND ($dateFrom IS NULL OR n.date + CASE n.datePrecision WHEN 'year' THEN duration({years: 1}) WHEN 'month' THEN duration({months: 1}) ELSE duration({days: 1}) END > $dateFrom)
  AND ($dateTo IS NULL OR n.date <= $dateTo)
WITH n,
  CASE $sort
    WHEN 'NAME' THEN coalesce(n.sortName, n.name)
    WHEN 'DATE' THEN coalesce(left(toString(n.date), CASE n.datePrecision WHEN 'year' THEN 4 WHEN 'month' THEN 7 ELSE 10 END), $noDate)
    ELSE n.id
  END AS key
WHERE $afterId IS NULL OR key > $afterKey OR (key = $afterKey AND n.id > $afterId)
RETURN __NODE__(n) AS n
ORDER BY key ASC, n.id ASC
LIMIT $first + 1

// name: list_page_desc
// params: idPrefix, text, type, reference, dateFrom, dateTo, sort, noDate, afterKey, afterId, first
MATCH (n:Node)
WHERE ($idPrefix IS NULL OR n.id STARTS WITH $idPrefix)
  AND ($text IS NULL OR coalesce(n.nameLower, toLower(n.name)) CONTAINS $text)
  AND ($type IS NULL OR n.type = $type)
  AND ($reference IS NULL OR n.reference = $reference OR $reference IN coalesce(n.aliases, []))
  AND ($dateFrom IS NULL OR n.date + CASE n.datePrecision WHEN 'year' THEN duration({years: 1}) WHEN 'month' THEN duration({months: 1}) ELSE duration({days: 1}) END > $dateFrom)
  AND ($dateTo IS NULL OR n.date <= $dateTo)
WITH n,
  CASE $sort
    WHEN 'NAME' THEN coalesce(n.sortName, n.name)
    WHEN 'DATE' THEN coalesce(left(toString(n.date), CASE n.datePrecision WHEN 'year' THEN 4 WHEN 'month' THEN 7 ELSE 10 END), $noDate)
    ELSE n.id
  END AS key
WHERE $afterId IS NULL OR key < $afterKey OR (key = $afterKey AND n.id < $afterId)
RETURN __NODE__(n) AS n
ORDER BY key DESC, n.id DESC
LIMIT $first + 1

// name: list_page_kind_asc
// params: kind, idPrefix, text, type, reference, dateFrom, dateTo, sort, noDate, afterKey, afterId, first
MATCH (n:Node)
WHERE n.kind = $kind
  AND ($idPrefix IS NULL OR n.id STARTS WITH $idPrefix)
  AND ($text IS NULL OR coalesce(n.nameLower, toLower(n.name)) CONTAINS $text)
  AND ($type IS NULL OR n.type = $type)
  AND ($reference IS NULL OR n.reference = $reference OR $reference IN coalesce(n.aliases, []))
  AND ($dateFrom IS NULL OR n.date + CASE n.datePrecision WHEN 'year' THEN duration({years: 1}) WHEN 'month' THEN duration({months: 1}) ELSE duration({days: 1}) END > $dateFrom)
  AND ($dateTo IS NULL OR n.date <= $dateTo)
WITH n,
  CASE $sort
    WHEN 'NAME' THEN coalesce(n.sortName, n.name)
    WHEN 'DATE' THEN coalesce(left(toString(n.date), CASE n.datePrecision WHEN 'year' THEN 4 WHEN 'month' THEN 7 ELSE 10 END), $noDate)
    ELSE n.id
  END AS key
WHERE $afterId IS NULL OR key > $afterKey OR (key = $afterKey AND n.id > $afterId)
RETURN __NODE__(n) AS n
ORDER BY key ASC, n.id ASC
LIMIT $first + 1

// name: list_page_kind_desc
// params: kind, idPrefix, text, type, reference, dateFrom, dateTo, sort, noDate, afterKey, afterId, first
MATCH (n:Node)
WHERE n.kind = $kind
  AND ($idPrefix IS NULL OR n.id STARTS WITH $idPrefix)
  AND ($text IS NULL OR coalesce(n.nameLower, toLower(n.name)) CONTAINS $text)
  AND ($type IS NULL OR n.type = $type)
  AND ($reference IS NULL OR n.reference = $reference OR $reference IN coalesce(n.aliases, []))
  AND ($dateFrom IS NULL OR n.date + CASE n.datePrecision WHEN 'year' THEN duration({years: 1}) WHEN 'month' THEN duration({months: 1}) ELSE duration({days: 1}) END > $dateFrom)
  AND ($dateTo IS NULL OR n.date <= $dateTo)
WITH n,
  CASE $sort
    WHEN 'NAME' THEN coalesce(n.sortName, n.name)
    WHEN 'DATE' THEN coalesce(left(toString(n.date), CASE n.datePrecision WHEN 'year' THEN 4 WHEN 'month' THEN 7 ELSE 10 END), $noDate)
    ELSE n.id
  END AS key
WHERE $afterId IS NULL OR key < $afterKey OR (key = $afterKey AND n.id < $afterId)
RETURN __NODE__(n) AS n
ORDER BY key DESC, n.id DESC
LIMIT $first + 1

// name: list_count
// params: idPrefix, text, type, reference, dateFrom, dateTo
MATCH (n:Node)
WHERE ($idPrefix IS NULL OR n.id STARTS WITH $idPrefix)
  AND ($text IS NULL OR coalesce(n.nameLower, toLower(n.name)) CONTAINS $text)
  AND ($type IS NULL OR n.type = $type)
  AND ($reference IS NULL OR n.reference = $reference OR $reference IN coalesce(n.aliases, []))
  AND ($dateFrom IS NULL OR n.date + CASE n.datePrecision WHEN 'year' THEN duration({years: 1}) WHEN 'month' THEN duration({months: 1}) ELSE duration({days: 1}) END > $dateFrom)
  AND ($dateTo IS NULL OR n.date <= $dateTo)
RETURN count(n) AS total

// name: list_count_kind
// params: kind, idPrefix, text, type, reference, dateFrom, dateTo
MATCH (n:Node)
WHERE n.kind = $kind
  AND ($idPrefix IS NULL OR n.id STARTS WITH $idPrefix)
  AND ($text IS NULL OR coalesce(n.nameLower, toLower(n.name)) CONTAINS $text)
  AND ($type IS NULL OR n.type = $type)
  AND ($reference IS NULL OR n.reference = $reference OR $reference IN coalesce(n.aliases, []))
  AND ($dateFrom IS NULL OR n.date + CASE n.datePrecision WHEN 'year' THEN duration({years: 1}) WHEN 'month' THEN duration({months: 1}) ELSE duration({days: 1}) END > $dateFrom)
  AND ($dateTo IS NULL OR n.date <= $dateTo)
RETURN count(n) AS total

// name: list_total
// params:
// No filter at all: the counts store answers without reading a node.
MATCH (n:Node)
RETURN count(n) AS total

// name: list_total_kind
// params:
// One kind and no filter: the counts store of the kind's label.
MATCH (n:__KIND__)
RETURN count(n) AS total

// name: list_page_ref_asc
// params: kind, idPrefix, text, type, reference, refNeedle, dateFrom, dateTo, sort, noDate, afterKey, afterId, first
MATCH (n:Node)
WHERE n.refKeys CONTAINS $refNeedle
  AND $reference IN [n.reference] + coalesce(n.aliases, [])
  AND ($kind IS NULL OR n.kind = $kind)
  AND ($idPrefix IS NULL OR n.id STARTS WITH $idPrefix)
  AND ($text IS NULL OR coalesce(n.nameLower, toLower(n.name)) CONTAINS $text)
  AND ($type IS NULL OR n.type = $type)
  AND ($dateFrom IS NULL OR n.date + CASE n.datePrecision WHEN 'year' THEN duration({years: 1}) WHEN 'month' THEN duration({months: 1}) ELSE duration({days: 1}) END > $dateFrom)
  AND ($dateTo IS NULL OR n.date <= $dateTo)
WITH n,
  CASE $sort
    WHEN 'NAME' THEN coalesce(n.sortName, n.name)
    WHEN 'DATE' THEN coalesce(left(toString(n.date), CASE n.datePrecision WHEN 'year' THEN 4 WHEN 'month' THEN 7 ELSE 10 END), $noDate)
    ELSE n.id
  END AS key
WHERE $afterId IS NULL OR key > $afterKey OR (key = $afterKey AND n.id > $afterId)
RETURN __NODE__(n) AS n
ORDER BY key ASC, n.id ASC
LIMIT $first + 1

// name: list_page_ref_desc
// params: kind, idPrefix, text, type, reference, refNeedle, dateFrom, dateTo, sort, noDate, afterKey, afterId, first
MATCH (n:Node)
WHERE n.refKeys CONTAINS $refNeedle
  AND $reference IN [n.reference] + coalesce(n.aliases, [])
  AND ($kind IS NULL OR n.kind = $kind)
  AND ($idPrefix IS NULL OR n.id STARTS WITH $idPrefix)
  AND ($text IS NULL OR coalesce(n.nameLower, toLower(n.name)) CONTAINS $text)
  AND ($type IS NULL OR n.type = $type)
  AND ($dateFrom IS NULL OR n.date + CASE n.datePrecision WHEN 'year' THEN duration({years: 1}) WHEN 'month' THEN duration({months: 1}) ELSE duration({days: 1}) END > $dateFrom)
  AND ($dateTo IS NULL OR n.date <= $dateTo)
WITH n,
  CASE $sort
    WHEN 'NAME' THEN coalesce(n.sortName, n.name)
    WHEN 'DATE' THEN coalesce(left(toString(n.date), CASE n.datePrecision WHEN 'year' THEN 4 WHEN 'month' THEN 7 ELSE 10 END), $noDate)
    ELSE n.id
  END AS key
WHERE $afterId IS NULL OR key < $afterKey OR (key = $afterKey AND n.id < $afterId)
RETURN __NODE__(n) AS n
ORDER BY key DESC, n.id DESC
LIMIT $first + 1

// name: list_count_ref
// params: kind, idPrefix, text, type, reference, refNeedle, dateFrom, dateTo
MATCH (n:Node)
WHERE n.refKeys CONTAINS $refNeedle
  AND $reference IN [n.reference] + coalesce(n.aliases, [])
  AND ($kind IS NULL OR n.kind = $kind)
  AND ($idPrefix IS NULL OR n.id STARTS WITH $idPrefix)
  AND ($text IS NULL OR coalesce(n.nameLower, toLower(n.name)) CONTAINS $text)
  AND ($type IS NULL OR n.type = $type)
  AND ($dateFrom IS NULL OR n.date + CASE n.datePrecision WHEN 'year' THEN duration({years: 1}) WHEN 'month' THEN duration({months: 1}) ELSE duration({days: 1}) END > $dateFrom)
  AND ($dateTo IS NULL OR n.date <= $dateTo)
RETURN count(n) AS total

// name: list_page_ref_edges_asc
// params: kind, idPrefix, text, type, reference, refNeedle, dateFrom, dateTo, sort, noDate, afterKey, afterId, first, types, dir, keys, sources, bare, nodeKeys, nodeSources
MATCH (n:Node)
WHERE n.refKeys CONTAINS $refNeedle
  AND $reference IN [n.reference] + coalesce(n.aliases, [])
  AND ($kind IS NULL OR n.kind = $kind)
  AND ($idPrefix IS NULL OR n.id STARTS WITH $idPrefix)
  AND ($text IS NULL OR coalesce(n.nameLower, toLower(n.name)) CONTAINS $text)
  AND ($type IS NULL OR n.type = $type)
  AND ($dateFrom IS NULL OR n.date + CASE n.datePrecision WHEN 'year' THEN duration({years: 1}) WHEN 'month' THEN duration({months: 1}) ELSE duration({days: 1}) END > $dateFrom)
  AND ($dateTo IS NULL OR n.date <= $dateTo)
WITH n,
  CASE $sort
    WHEN 'NAME' THEN coalesce(n.sortName, n.name)
    WHEN 'DATE' THEN coalesce(left(toString(n.date), CASE n.datePrecision WHEN 'year' THEN 4 WHEN 'month' THEN 7 ELSE 10 END), $noDate)
    ELSE n.id
  END AS key
WHERE $afterId IS NULL OR key > $afterKey OR (key = $afterKey AND n.id > $afterId)
WITH n, key
ORDER BY key ASC, n.id ASC
LIMIT $first + 1
RETURN __LISTED__(n) AS n, COLLECT {
  MATCH (n)-[r]-(m:Node)
  WHERE (size($types) = 0 OR type(r) IN $types)
    AND ($dir = 'BOTH' OR ($dir = 'OUT') = (startNode(r) = n))
  RETURN [__EDGE__(r), startNode(r).id, endNode(r).id, __ENDS__(m)]
} AS edges, n.id AS id
ORDER BY key ASC, id ASC

// name: list_page_ref_edges_desc
// params: kind, idPrefix, text, type, reference, refNeedle, dateFrom, dateTo, sort, noDate, afterKey, afterId, first, types, dir, keys, sources, bare, nodeKeys, nodeSources
MATCH (n:Node)
WHERE n.refKeys CONTAINS $refNeedle
  AND $reference IN [n.reference] + coalesce(n.aliases, [])
  AND ($kind IS NULL OR n.kind = $kind)
  AND ($idPrefix IS NULL OR n.id STARTS WITH $idPrefix)
  AND ($text IS NULL OR coalesce(n.nameLower, toLower(n.name)) CONTAINS $text)
  AND ($type IS NULL OR n.type = $type)
  AND ($dateFrom IS NULL OR n.date + CASE n.datePrecision WHEN 'year' THEN duration({years: 1}) WHEN 'month' THEN duration({months: 1}) ELSE duration({days: 1}) END > $dateFrom)
  AND ($dateTo IS NULL OR n.date <= $dateTo)
WITH n,
  CASE $sort
    WHEN 'NAME' THEN coalesce(n.sortName, n.name)
    WHEN 'DATE' THEN coalesce(left(toString(n.date), CASE n.datePrecision WHEN 'year' THEN 4 WHEN 'month' THEN 7 ELSE 10 END), $noDate)
    ELSE n.id
  END AS key
WHERE $afterId IS NULL OR key < $afterKey OR (key = $afterKey AND n.id < $afterId)
WITH n, key
ORDER BY key DESC, n.id DESC
LIMIT $first + 1
RETURN __LISTED__(n) AS n, COLLECT {
  MATCH (n)-[r]-(m:Node)
  WHERE (size($types) = 0 OR type(r) IN $types)
    AND ($dir = 'BOTH' OR ($dir = 'OUT') = (startNode(r) = n))
  RETURN [__EDGE__(r), startNode(r).id, endNode(r).id, __ENDS__(m)]
} AS edges, n.id AS id
ORDER BY key DESC, id DESC
