// Package resolvers is the GraphQL API over a graph.Store: thin resolvers
// (one file per schema file, gqlgen's follow-schema layout), per-request
// dataloaders, the @auth directive for writes and the mapping of errors to
// extensions.code. NewHandler assembles them into the /graphql endpoint.
//
// The schema is in ../schema; the executable schema in ../graph/generated
// is generated from it, so edit the schema and run `go generate ./...`.
// Each kind's part of the schema, its views and its resolvers
// (*.generated.*) are written first from the kinds' specs in graph/kind.go
// by graph/internal/specgen; gqlgen then generates as for any schema.
package resolvers

//go:generate go run ../graph/internal/specgen -root ..
//go:generate go run ../graph/internal/execgen
