// Emptying the database, for test suites that need one dataset exactly
// (Store.DeleteAll). Schema (constraints, indexes) stays.

// name: delete_all
// params:
MATCH (n:Node)
DETACH DELETE n
RETURN count(*) AS deleted
