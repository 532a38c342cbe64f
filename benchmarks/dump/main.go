// Command dump writes the ISS dataset as issgraph holds it, for the peers of
// the performance comparison (benchmarks/peers): every node with the text
// graph/search indexes it under, and every edge, in the JSON form of
// graph.Node and graph.Edge.
//
//	go run ./benchmarks/dump > /tmp/iss.json
//
// It loads the embedded dataset into a memory store and reads it back
// through the Store interface, so the peers serve exactly what issgraph
// serves, whatever the loader merged.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/embedded"
	"github.com/issgraph/issgraph/graph/search"
	"github.com/issgraph/issgraph/seed"
)

// node is a graph.Node with its analysed search fields.
type node struct {
	graph.Node
	Search map[string]string `json:"search"`
}

type dump struct {
	Nodes []node       `json:"nodes"`
	Edges []graph.Edge `json:"edges"`
	// Fields are graph/search's indexed fields, in order of precedence.
	Fields []search.Field `json:"fields"`
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "dump:", err)
		os.Exit(1)
	}
}

func run() error {
	ctx := context.Background()
	s := embedded.Memory()
	defer s.Close()
	if _, err := seed.Load(ctx, s, seed.Options{}); err != nil {
		return err
	}
	var d dump
	d.Fields = search.Fields
	q := graph.ListQuery{First: graph.MaxPageSize}
	for {
		page, err := s.ListNodes(ctx, q)
		if err != nil {
			return err
		}
		for _, n := range page.Nodes {
			d.Nodes = append(d.Nodes, node{Node: n, Search: search.Doc(n)})
		}
		if !page.HasNextPage {
			break
		}
		q.After = page.EndCursor
	}
	for start := 0; start < len(d.Nodes); start += graph.MaxBatchIDs {
		var ids []string
		for _, n := range d.Nodes[start:min(start+graph.MaxBatchIDs, len(d.Nodes))] {
			ids = append(ids, n.ID)
		}
		// Out edges only: each edge once, at its start.
		m, err := s.Edges(ctx, graph.EdgeQuery{IDs: ids, Direction: graph.Out})
		if err != nil {
			return err
		}
		for _, id := range ids {
			d.Edges = append(d.Edges, m[id]...)
		}
	}
	enc := json.NewEncoder(os.Stdout)
	return enc.Encode(d)
}
