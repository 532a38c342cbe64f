package graph

// MergeNode overlays n onto old, the rule of Batch.Merge: n's name replaces
// old's when set, n's properties replace old's key by key, and n's sources
// are added to old's unless already there. The kinds must match; the caller
// checks that and reports ErrConflict.
func MergeNode(old, n Node) Node {
	out := old.Clone()
	if n.Name != "" {
		out.Name = n.Name
	}
	out.Props = mergeProps(out.Props, n.Props)
	out.Sources = MergeSources(out.Sources, n.Sources)
	return out
}

// MergeEdge overlays e onto old with MergeNode's rules.
func MergeEdge(old, e Edge) Edge {
	out := old.Clone()
	out.Props = mergeProps(out.Props, e.Props)
	out.Sources = MergeSources(out.Sources, e.Sources)
	return out
}

func mergeProps(old, p Props) Props {
	if len(p) == 0 {
		return old
	}
	if old == nil {
		old = make(Props, len(p))
	}
	for k, v := range p.Clone() {
		old[k] = v
	}
	return old
}

// MergeSources returns old followed by each source of add that old lacks,
// in order.
func MergeSources(old, add []Source) []Source {
	out := append([]Source(nil), old...)
	for _, s := range add {
		dup := false
		for _, o := range out {
			if o == s {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, s)
		}
	}
	return out
}
