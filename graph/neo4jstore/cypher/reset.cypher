// Emptying the database, for test suites that need one dataset exactly
// (Store.DeleteAll), a batch of nodes per transaction. Schema
// (constraints, indexes) stays.

// name: delete_some
// params: limit
MATCH (n:Node)
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted
