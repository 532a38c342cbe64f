//go:build race

package resolvers_test

// raceEnabled: the race detector multiplies CPU time several times, so
// CPU budgets are not checked under it.
const raceEnabled = true
