package traverse

import (
	"context"
	"slices"
	"strings"

	"github.com/issgraph/issgraph/graph"
)

// Timeline returns the dated items of the node q.ID: the node itself when
// it is an Event or a Document with a "date", and every Event or dated
// Document one edge away from it, over any type in either direction.
//
// Items dated outside q.From..q.To (both inclusive; a date of a month or a
// year is in when its period overlaps, graph.Date.Within) are left out.
// Entries are ordered by date (graph.Date's order), then id; q.Limit caps them, with Truncated set
// when it leaves some out. A Document's Reference is its "reference"
// property. An Event's is its own "reference" property, or else the
// "reference" of a Document it PRODUCED (Event -PRODUCED-> Document): of
// several, the one with the lowest id that has a reference.
//
// An unknown q.ID is a *graph.ValidationError of field "id".
func Timeline(ctx context.Context, r Reader, q graph.TimelineQuery) (graph.Timeline, error) {
	const op = "timeline"
	q, err := q.Normalize()
	if err != nil {
		return graph.Timeline{}, err
	}
	self, err := mustExist(ctx, r, op, "id", q.ID)
	if err != nil {
		return graph.Timeline{}, err
	}
	es, err := edges(ctx, r, op, []string{q.ID}, nil, graph.Both)
	if err != nil {
		return graph.Timeline{}, err
	}
	// The kind is in the id, so only events and documents are fetched.
	seen := map[string]bool{}
	var near []string
	for _, e := range es[q.ID] {
		v := e.Key().Other(q.ID)
		if k, _ := graph.KindOfID(v); (k == graph.Event || k == graph.Document) && !seen[v] {
			seen[v] = true
			near = append(near, v)
		}
	}
	slices.Sort(near)
	ns, err := nodes(ctx, r, op, near)
	if err != nil {
		return graph.Timeline{}, err
	}

	var tl graph.Timeline
	consider := func(n graph.Node) {
		if n.Kind != graph.Event && n.Kind != graph.Document {
			return
		}
		d, ok := n.Props.Date("date")
		if !ok || !d.Within(q.From, q.To) {
			return
		}
		tl.Entries = append(tl.Entries, graph.TimelineEntry{Date: d, Node: n, Reference: n.Props.String("reference")})
	}
	consider(self)
	for _, id := range near {
		if n, ok := ns[id]; ok {
			consider(n)
		}
	}
	slices.SortFunc(tl.Entries, func(a, b graph.TimelineEntry) int {
		if c := a.Date.Compare(b.Date); c != 0 {
			return c
		}
		return strings.Compare(a.Node.ID, b.Node.ID)
	})
	if len(tl.Entries) > q.Limit {
		tl.Entries, tl.Truncated = tl.Entries[:q.Limit], true
	}
	if err := producedRefs(ctx, r, op, tl.Entries); err != nil {
		return graph.Timeline{}, err
	}
	return tl, nil
}

// producedRefs fills in the Reference of each event entry that has none
// of its own from the documents the event PRODUCED.
func producedRefs(ctx context.Context, r Reader, op string, entries []graph.TimelineEntry) error {
	at := map[string]int{}
	var events []string
	for i, en := range entries {
		if en.Node.Kind == graph.Event && en.Reference == "" {
			at[en.Node.ID] = i
			events = append(events, en.Node.ID)
		}
	}
	if len(events) == 0 {
		return nil
	}
	es, err := edges(ctx, r, op, events, []graph.EdgeType{graph.Produced}, graph.Out)
	if err != nil {
		return err
	}
	docSet := map[string]bool{}
	var docs []string
	for _, ev := range events {
		for _, e := range es[ev] {
			if !docSet[e.To] {
				docSet[e.To] = true
				docs = append(docs, e.To)
			}
		}
	}
	if len(docs) == 0 {
		return nil
	}
	slices.Sort(docs)
	ds, err := nodes(ctx, r, op, docs)
	if err != nil {
		return err
	}
	for _, ev := range events {
		best := ""
		for _, e := range es[ev] {
			if ref := ds[e.To].Props.String("reference"); ref != "" && (best == "" || e.To < best) {
				best = e.To
			}
		}
		if best != "" {
			entries[at[ev]].Reference = ds[best].Props.String("reference")
		}
	}
	return nil
}
