package resolvers

import (
	"bufio"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/issgraph/issgraph/graph"
)

// The export formats. Each writes a graph as a stream: a header, the
// nodes, the edges, a footer, so that the whole graph can be written a
// page at a time. Every node is drawn from the same record (drawn), so
// the formats, and the GraphQL SubgraphNode, say the same of a node.

// Export formats of GET /export/subgraph and /export/graph.
const (
	FormatCytoscape = "cytoscape" // Cytoscape.js elements JSON
	FormatGraphML   = "graphml"   // GraphML, for yEd, NetworkX, Gephi
	FormatGEXF      = "gexf"      // GEXF 1.3, for Gephi, with dates on its timeline
)

// exportFormats are the formats, with their media type and file suffix.
var exportFormats = map[string]struct{ mediaType, suffix string }{
	FormatCytoscape: {"application/json", ".cyjs.json"},
	FormatGraphML:   {"application/graphml+xml; charset=utf-8", ".graphml"},
	FormatGEXF:      {"application/gexf+xml; charset=utf-8", ".gexf"},
}

func formatNames() string {
	names := make([]string, 0, len(exportFormats))
	for f := range exportFormats {
		names = append(names, f)
	}
	slices.Sort(names)
	return strings.Join(names, ", ")
}

// drawn is a node as an export draws it.
type drawn struct {
	node     graph.Node
	degree   int
	distance *int // from the start of a walk; nil in the whole graph
	hidden   *int // neighbours a view still lacks (expand)
}

// graphWriter writes one format. Calls come in the order begin, node...,
// edges, edge..., end; errors are the underlying writer's, checked when it
// is flushed.
type graphWriter interface {
	begin(h exportHeader)
	node(d drawn)
	edges()
	edge(e graph.Edge)
	// end closes the document; hidden are the counts of nodes the
	// export does not carry (expand's view nodes).
	end(hidden []graph.HiddenCount)
}

// exportHeader is what a writer knows before the first node.
type exportHeader struct {
	title     string // what the graph is: "neighbourhood of institution/cosi"
	truncated bool
	walk      bool // nodes have a distance
}

func newGraphWriter(format string, w *bufio.Writer) graphWriter {
	switch format {
	case FormatGraphML:
		return &graphMLWriter{w: w}
	case FormatGEXF:
		return &gexfWriter{w: w}
	}
	return &cytoscapeWriter{w: w}
}

// sourcesText renders sources for formats whose attributes are scalars:
// "file#section:L12-18; file2:L3".
func sourcesText(ss []graph.Source) string {
	parts := make([]string, len(ss))
	for i, s := range ss {
		parts[i] = s.String()
	}
	return strings.Join(parts, "; ")
}

// propText renders a property value as text: dates YYYY-MM-DD, lists
// joined by "; ".
func propText(v any) string {
	switch x := v.(type) {
	case graph.Date:
		return x.String()
	case []string:
		return strings.Join(x, "; ")
	}
	return fmt.Sprint(v)
}

// edgePropNames are the properties any edge type allows, in a fixed order:
// the attributes the XML formats declare for edges.
func edgePropNames() []string {
	var names []string
	for _, spec := range graph.EdgeTypes {
		for _, ps := range spec.Props {
			if !slices.Contains(names, ps.Name) {
				names = append(names, ps.Name)
			}
		}
	}
	return names
}

// nodeAttr is one scalar attribute of a node in the XML formats.
type nodeAttr struct {
	name, graphMLType, gexfType string
	value                       func(d drawn) (string, bool)
}

func propAttr(name string) func(d drawn) (string, bool) {
	return func(d drawn) (string, bool) {
		v, ok := d.node.Props[name]
		if !ok {
			return "", false
		}
		return propText(v), true
	}
}

func intAttr(p func(d drawn) *int) func(d drawn) (string, bool) {
	return func(d drawn) (string, bool) {
		if n := p(d); n != nil {
			return strconv.Itoa(*n), true
		}
		return "", false
	}
}

// nodeAttrs are the node attributes of GraphML and GEXF, in order. The
// label (full name) is an attribute in GraphML and the node's own label
// in GEXF.
var nodeAttrs = []nodeAttr{
	{"label", "string", "", func(d drawn) (string, bool) { return d.node.Name, true }},
	{"shortLabel", "string", "string", func(d drawn) (string, bool) { return graph.ShortLabel(d.node), true }},
	{"kind", "string", "string", func(d drawn) (string, bool) { return d.node.Kind.Name(), true }},
	{"type", "string", "string", propAttr("type")},
	{"reference", "string", "string", propAttr("reference")},
	{"date", "string", "string", propAttr("date")},
	{"endDate", "string", "string", propAttr("endDate")},
	{"degree", "int", "integer", func(d drawn) (string, bool) { return strconv.Itoa(d.degree), true }},
	{"distance", "int", "integer", intAttr(func(d drawn) *int { return d.distance })},
	{"hidden", "int", "integer", intAttr(func(d drawn) *int { return d.hidden })},
	{"sources", "string", "string", func(d drawn) (string, bool) { return sourcesText(d.node.Sources), len(d.node.Sources) > 0 }},
}

// cytoscapeWriter writes Cytoscape.js JSON: {"elements": {"nodes": [...],
// "edges": [...]}, ...}. elements is what cytoscape({elements}) and
// cy.add take; each element's data holds the node's or edge's fields.
type cytoscapeWriter struct {
	w     *bufio.Writer
	first bool
}

func (c *cytoscapeWriter) begin(h exportHeader) {
	fmt.Fprintf(c.w, `{"title":%s,"truncated":%t,"elements":{"nodes":[`, jsonString(h.title), h.truncated)
	c.first = true
}

func (c *cytoscapeWriter) sep() {
	if !c.first {
		c.w.WriteByte(',')
	}
	c.first = false
	c.w.WriteByte('\n')
}

func (c *cytoscapeWriter) node(d drawn) {
	data := map[string]any{
		"id": d.node.ID, "label": d.node.Name, "shortLabel": graph.ShortLabel(d.node),
		"kind": d.node.Kind.Name(), "degree": d.degree, "sources": nonNil(d.node.Sources),
	}
	for _, k := range []string{"type", "reference", "date", "endDate"} {
		if v, ok := d.node.Props[k]; ok {
			data[k] = propText(v)
		}
	}
	if d.distance != nil {
		data["distance"] = *d.distance
	}
	if d.hidden != nil {
		data["hidden"] = *d.hidden
	}
	c.sep()
	c.element(data)
}

func (c *cytoscapeWriter) edges() {
	c.w.WriteString(`],"edges":[`)
	c.first = true
}

func (c *cytoscapeWriter) edge(e graph.Edge) {
	data := e.Properties().Map()
	data["id"] = e.ID()
	data["source"] = e.From
	data["target"] = e.To
	data["type"] = string(e.Type)
	data["sources"] = nonNil(e.Sources)
	c.sep()
	c.element(data)
}

func (c *cytoscapeWriter) element(data map[string]any) {
	b, _ := json.Marshal(map[string]any{"data": data}) // strings, numbers and sources always marshal
	c.w.Write(b)
}

func (c *cytoscapeWriter) end(hidden []graph.HiddenCount) {
	c.w.WriteString("]}")
	if len(hidden) > 0 {
		m := make(map[string]int, len(hidden))
		for _, h := range hidden {
			m[h.ID] = h.Count
		}
		b, _ := json.Marshal(m)
		c.w.WriteString(`,"hidden":`)
		c.w.Write(b)
	}
	c.w.WriteString("}\n")
}

func nonNil(ss []graph.Source) []graph.Source {
	if ss == nil {
		return []graph.Source{}
	}
	return ss
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// graphMLWriter writes GraphML with typed keys, declared whatever the data
// holds, and a graph-level "truncated" boolean.
type graphMLWriter struct{ w *bufio.Writer }

func (g *graphMLWriter) begin(h exportHeader) {
	g.w.WriteString(xml.Header)
	g.w.WriteString(`<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ` +
		`xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">` + "\n")
	fmt.Fprintf(g.w, "  <desc>%s</desc>\n", esc(h.title))
	g.w.WriteString(`  <key id="g_truncated" for="graph" attr.name="truncated" attr.type="boolean"/>` + "\n")
	for _, a := range nodeAttrs {
		fmt.Fprintf(g.w, `  <key id="n_%s" for="node" attr.name="%s" attr.type="%s"/>`+"\n", a.name, a.name, a.graphMLType)
	}
	g.w.WriteString(`  <key id="e_type" for="edge" attr.name="type" attr.type="string"/>` + "\n")
	for _, p := range edgePropNames() {
		fmt.Fprintf(g.w, `  <key id="e_%s" for="edge" attr.name="%s" attr.type="string"/>`+"\n", p, p)
	}
	g.w.WriteString(`  <key id="e_sources" for="edge" attr.name="sources" attr.type="string"/>` + "\n")
	g.w.WriteString(`  <graph id="issgraph" edgedefault="directed">` + "\n")
	fmt.Fprintf(g.w, `    <data key="g_truncated">%t</data>`+"\n", h.truncated)
}

func (g *graphMLWriter) node(d drawn) {
	fmt.Fprintf(g.w, `    <node id="%s">`, esc(d.node.ID))
	for _, a := range nodeAttrs {
		if v, ok := a.value(d); ok {
			fmt.Fprintf(g.w, `<data key="n_%s">%s</data>`, a.name, esc(v))
		}
	}
	g.w.WriteString("</node>\n")
}

func (g *graphMLWriter) edges() {}

func (g *graphMLWriter) edge(e graph.Edge) {
	fmt.Fprintf(g.w, `    <edge id="%s" source="%s" target="%s">`, esc(e.ID()), esc(e.From), esc(e.To))
	fmt.Fprintf(g.w, `<data key="e_type">%s</data>`, e.Type)
	for _, p := range edgePropNames() {
		if v, ok := e.Props[p]; ok {
			fmt.Fprintf(g.w, `<data key="e_%s">%s</data>`, p, esc(propText(v)))
		}
	}
	if len(e.Sources) > 0 {
		fmt.Fprintf(g.w, `<data key="e_sources">%s</data>`, esc(sourcesText(e.Sources)))
	}
	g.w.WriteString("</edge>\n")
}

func (g *graphMLWriter) end([]graph.HiddenCount) {
	g.w.WriteString("  </graph>\n</graphml>\n")
}

// gexfWriter writes GEXF 1.3 for Gephi: a dynamic graph whose events and
// dated documents and procedures start at their date (an event with an
// end date ends then), so that Gephi's timeline shows them appear; nodes
// without a date are there throughout. Colours and shapes follow the
// kinds' styles (KindStyles), as in the explorer.
type gexfWriter struct{ w *bufio.Writer }

func (g *gexfWriter) begin(h exportHeader) {
	g.w.WriteString(xml.Header)
	g.w.WriteString(`<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ` +
		`xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">` + "\n")
	desc := h.title
	if h.truncated {
		desc += " (truncated: a limit left part of it out)"
	}
	fmt.Fprintf(g.w, "  <meta>\n    <creator>issgraph</creator>\n    <description>%s</description>\n  </meta>\n", esc(desc))
	g.w.WriteString(`  <graph defaultedgetype="directed" mode="dynamic" timeformat="date">` + "\n")
	g.w.WriteString(`    <attributes class="node" mode="static">` + "\n")
	for _, a := range nodeAttrs {
		if a.gexfType != "" {
			fmt.Fprintf(g.w, `      <attribute id="%s" title="%s" type="%s"/>`+"\n", a.name, a.name, a.gexfType)
		}
	}
	g.w.WriteString("    </attributes>\n" + `    <attributes class="edge" mode="static">` + "\n")
	g.w.WriteString(`      <attribute id="type" title="type" type="string"/>` + "\n")
	for _, p := range edgePropNames() {
		fmt.Fprintf(g.w, `      <attribute id="%s" title="%s" type="string"/>`+"\n", p, p)
	}
	g.w.WriteString(`      <attribute id="sources" title="sources" type="string"/>` + "\n")
	g.w.WriteString("    </attributes>\n    <nodes>\n")
}

func (g *gexfWriter) node(d drawn) {
	fmt.Fprintf(g.w, `      <node id="%s" label="%s"`, esc(d.node.ID), esc(d.node.Name))
	// Gephi's timeline takes whole days: a date known to the year or
	// month starts on its first day, and an end date ends on its last.
	if start, ok := graph.NodeDate(d.node); ok {
		fmt.Fprintf(g.w, ` start="%s"`, start.First())
		if end, ok := graph.NodeEndDate(d.node); ok && !end.Last().Before(start.First()) {
			fmt.Fprintf(g.w, ` end="%s"`, end.Last())
		}
	}
	g.w.WriteString(">\n        <attvalues>")
	for _, a := range nodeAttrs {
		if a.gexfType == "" {
			continue
		}
		if v, ok := a.value(d); ok {
			fmt.Fprintf(g.w, `<attvalue for="%s" value="%s"/>`, a.name, esc(v))
		}
	}
	g.w.WriteString("</attvalues>\n")
	st := KindStyles[d.node.Kind]
	r, gr, b := st.rgb()
	fmt.Fprintf(g.w, `        <viz:color r="%d" g="%d" b="%d"/><viz:shape value="%s"/>`+"\n", r, gr, b, st.GEXFShape)
	g.w.WriteString("      </node>\n")
}

func (g *gexfWriter) edges() { g.w.WriteString("    </nodes>\n    <edges>\n") }

func (g *gexfWriter) edge(e graph.Edge) {
	// kind keeps parallel edges of different types apart in Gephi.
	fmt.Fprintf(g.w, `      <edge id="%s" source="%s" target="%s" label="%s" kind="%s"><attvalues>`,
		esc(e.ID()), esc(e.From), esc(e.To), e.Type, e.Type)
	fmt.Fprintf(g.w, `<attvalue for="type" value="%s"/>`, e.Type)
	for _, p := range edgePropNames() {
		if v, ok := e.Props[p]; ok {
			fmt.Fprintf(g.w, `<attvalue for="%s" value="%s"/>`, p, esc(propText(v)))
		}
	}
	if len(e.Sources) > 0 {
		fmt.Fprintf(g.w, `<attvalue for="sources" value="%s"/>`, esc(sourcesText(e.Sources)))
	}
	g.w.WriteString("</attvalues></edge>\n")
}

func (g *gexfWriter) end([]graph.HiddenCount) {
	g.w.WriteString("    </edges>\n  </graph>\n</gexf>\n")
}

// esc escapes s for XML text and attribute values.
func esc(s string) string {
	var b strings.Builder
	if err := xml.EscapeText(&b, []byte(s)); err != nil {
		return ""
	}
	return b.String()
}

// writeSubgraph writes sg whole.
func writeSubgraph(w io.Writer, format string, h exportHeader, sg graph.Subgraph, hidden []graph.HiddenCount) error {
	bw := bufio.NewWriter(w)
	gw := newGraphWriter(format, bw)
	h.truncated = sg.Truncated
	gw.begin(h)
	carried := map[string]int{}
	for _, hc := range hidden {
		carried[hc.ID] = hc.Count
	}
	for _, n := range sg.Nodes {
		d := drawn{node: n.Node, degree: n.Degree, distance: &n.Distance}
		if c, ok := carried[n.Node.ID]; ok {
			d.hidden = &c
			delete(carried, n.Node.ID)
		}
		gw.node(d)
	}
	gw.edges()
	for _, e := range sg.Edges {
		gw.edge(e)
	}
	var rest []graph.HiddenCount
	for _, hc := range hidden {
		if _, ok := carried[hc.ID]; ok {
			rest = append(rest, hc)
		}
	}
	gw.end(rest)
	return bw.Flush()
}
