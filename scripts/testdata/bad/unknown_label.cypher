// A misspelt label: the schema holds every label the Store writes.
// expect: Label Documnt is not present

// name: bad
// params: id
MATCH (n:Documnt {id: $id})
RETURN n
