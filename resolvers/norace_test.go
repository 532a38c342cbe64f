//go:build !race

package resolvers_test

const raceEnabled = false
