package resolvers

import (
	"strconv"

	"github.com/issgraph/issgraph/graph"
)

// KindStyle is how a drawing shows a kind of node: the explorer (/explore)
// and the GEXF export read this one table, so a kind looks the same in
// the browser and in Gephi.
type KindStyle struct {
	// Label is the legend's word for the kind.
	Label string `json:"label"`
	// Color is #rrggbb, from the Okabe-Ito palette, which readers with a
	// colour vision deficiency can still tell apart.
	Color string `json:"color"`
	// Shape is a Cytoscape.js node shape; GEXFShape the nearest of
	// GEXF's four (disc, square, triangle, diamond).
	Shape     string `json:"shape"`
	GEXFShape string `json:"-"`
}

// KindStyles maps each kind to its style.
var KindStyles = map[graph.Kind]KindStyle{
	graph.Institution: {"Institution", "#0072B2", "round-rectangle", "square"},
	graph.Person:      {"Person", "#E69F00", "ellipse", "disc"},
	graph.Procedure:   {"Procedure", "#CC79A7", "hexagon", "diamond"},
	graph.Document:    {"Document", "#56B4E9", "rectangle", "square"},
	graph.Objective:   {"Objective", "#009E73", "diamond", "diamond"},
	graph.Agency:      {"Agency", "#D55E00", "triangle", "triangle"},
	graph.Event:       {"Event", "#7F6A00", "star", "disc"},
}

// rgb returns the colour's red, green and blue.
func (s KindStyle) rgb() (r, g, b uint8) {
	v, err := strconv.ParseUint(s.Color[1:], 16, 32)
	if err != nil {
		return 0, 0, 0
	}
	return uint8(v >> 16), uint8(v >> 8), uint8(v)
}
