package resolvers_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/resolvers"
)

// exportServer serves GET /export/subgraph over the seeded ISS dataset.
func exportServer(t *testing.T, s graph.Store) *httptest.Server {
	t.Helper()
	h := resolvers.NewExportHandler(s, resolvers.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

func get(t *testing.T, srv *httptest.Server, params string) (*http.Response, []byte) {
	t.Helper()
	return readAnswer(t)(http.Get(srv.URL + "/export/subgraph?" + params))
}

// readAnswer returns a function that takes what an http.Client call
// returns and gives the response and its whole body, failing t on an
// error.
func readAnswer(t *testing.T) func(*http.Response, error) (*http.Response, []byte) {
	return func(resp *http.Response, err error) (*http.Response, []byte) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		return resp, body
	}
}

type cytoscapeDoc struct {
	Elements struct {
		Nodes []struct{ Data map[string]any }
		Edges []struct{ Data map[string]any }
	}
	Truncated bool
}

// The acceptance case: the neighbourhood of COSI, exported to Cytoscape
// JSON, holds the same nodes and edges as the GraphQL answer.
func TestExportNeighbourhoodOfCOSIToCytoscape(t *testing.T) {
	srv := exportServer(t, seededStore(t))
	resp, body := get(t, srv, "query=neighbourhood&id=institution/cosi&format=cytoscape")
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "application/json" {
		t.Fatalf("status %d, type %q: %s", resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
	if got := resp.Header.Get("Content-Disposition"); got != `attachment; filename=issgraph-neighbourhood-of-institution-cosi.cyjs.json` {
		t.Errorf("Content-Disposition %q", got)
	}
	var indented bytes.Buffer
	if err := json.Indent(&indented, body, "", "  "); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, body)
	}
	goldenBytes(t, "export/neighbourhood-cosi.cytoscape.json", indented.Bytes())
	var doc cytoscapeDoc
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatal(err)
	}
	var a struct {
		Neighbourhood struct {
			Nodes []drawnNode
			Edges []sgEdge
		}
	}
	seededEnv(t).ok(`{ neighbourhood(id: "institution/cosi") { nodes { `+drawnFields+` } edges { id type source target } } }`, &a)
	if len(doc.Elements.Nodes) != len(a.Neighbourhood.Nodes) || len(doc.Elements.Edges) != len(a.Neighbourhood.Edges) {
		t.Fatalf("export has %d nodes and %d edges, GraphQL %d and %d", len(doc.Elements.Nodes), len(doc.Elements.Edges),
			len(a.Neighbourhood.Nodes), len(a.Neighbourhood.Edges))
	}
	for i, n := range doc.Elements.Nodes {
		want := a.Neighbourhood.Nodes[i]
		if n.Data["id"] != want.ID || n.Data["label"] != want.Label || n.Data["degree"] != float64(want.Degree) ||
			n.Data["shortLabel"] != want.ShortLabel || n.Data["kind"] != want.Kind || n.Data["distance"] != float64(want.Distance) {
			t.Errorf("node %d = %v, want %+v", i, n.Data, want)
		}
		for k, v := range map[string]*string{"date": want.Date, "reference": want.Reference, "type": want.Type} {
			if got, ok := n.Data[k]; (v == nil) != !ok || (v != nil && got != *v) {
				t.Errorf("node %s: %s = %v, GraphQL says %v", want.ID, k, got, v)
			}
		}
		if srcs, _ := n.Data["sources"].([]any); len(srcs) != len(want.Sources) {
			t.Errorf("node %s has %d sources, GraphQL %d", want.ID, len(srcs), len(want.Sources))
		}
	}
	ids := map[any]bool{}
	for _, n := range doc.Elements.Nodes {
		ids[n.Data["id"]] = true
	}
	for i, e := range doc.Elements.Edges {
		want := a.Neighbourhood.Edges[i]
		if e.Data["id"] != want.ID || e.Data["source"] != want.Source || e.Data["target"] != want.Target || e.Data["type"] != want.Type {
			t.Errorf("edge %d = %v, want %+v", i, e.Data, want)
		}
		if !ids[e.Data["source"]] || !ids[e.Data["target"]] {
			t.Errorf("edge %v points outside the elements: Cytoscape would refuse it", e.Data["id"])
		}
	}
}

// graphML is what a GraphML reader needs of the file.
type graphML struct {
	Keys []struct {
		ID   string `xml:"id,attr"`
		For  string `xml:"for,attr"`
		Name string `xml:"attr.name,attr"`
	} `xml:"key"`
	Graph struct {
		EdgeDefault string `xml:"edgedefault,attr"`
		Nodes       []struct {
			ID   string `xml:"id,attr"`
			Data []struct {
				Key   string `xml:"key,attr"`
				Value string `xml:",chardata"`
			} `xml:"data"`
		} `xml:"node"`
		Edges []struct {
			Source string `xml:"source,attr"`
			Target string `xml:"target,attr"`
		} `xml:"edge"`
	} `xml:"graph"`
}

func TestExportGraphMLOfPathsAndCitations(t *testing.T) {
	srv := exportServer(t, seededStore(t))
	for _, c := range []struct {
		params    string
		minNodes  int
		firstNode string
	}{
		{"query=allShortestPaths&from=person/ana-gomes&to=person/cecilia-malmstrom&format=graphml", 3, "person/ana-gomes"},
		{"query=shortestPath&from=person/ana-gomes&to=person/cecilia-malmstrom&format=GraphML", 3, "person/ana-gomes"},
		{"query=citations&reference=" + url.QueryEscape("COM(2014) 365") + "&maxDepth=2&format=graphml", 10, "document/com-2014-0365"},
		{"query=citations&id=document/com-2010-0673&direction=CITED_BY&format=graphml", 2, "document/com-2010-0673"},
		// A CELEX number names the document like its reference.
		{"query=citations&reference=52010DC0673&direction=CITED_BY&format=graphml", 2, "document/com-2010-0673"},
		{"query=neighbourhood&id=agency/europol&depth=2&edgeTypes=PART_OF,RESPONSIBLE_FOR&kinds=AGENCY&kinds=objective&limit=50&format=graphml", 1, "agency/europol"},
	} {
		t.Run(c.params, func(t *testing.T) {
			resp, body := get(t, srv, c.params)
			if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/graphml+xml") {
				t.Fatalf("status %d, type %q: %s", resp.StatusCode, resp.Header.Get("Content-Type"), body)
			}
			var g graphML
			if err := xml.Unmarshal(body, &g); err != nil {
				t.Fatalf("not XML: %v\n%s", err, body)
			}
			if g.Graph.EdgeDefault != "directed" || len(g.Graph.Nodes) < c.minNodes || g.Graph.Nodes[0].ID != c.firstNode {
				t.Fatalf("graph %s with %d nodes starting %v", g.Graph.EdgeDefault, len(g.Graph.Nodes), g.Graph.Nodes)
			}
			keys := map[string]bool{}
			for _, k := range g.Keys {
				keys[k.ID] = true
			}
			ids := map[string]bool{}
			for _, n := range g.Graph.Nodes {
				ids[n.ID] = true
				for _, d := range n.Data {
					if !keys[d.Key] {
						t.Errorf("node %s uses undeclared key %q", n.ID, d.Key)
					}
				}
			}
			for _, e := range g.Graph.Edges {
				if !ids[e.Source] || !ids[e.Target] {
					t.Errorf("edge %s -> %s leaves the graph", e.Source, e.Target)
				}
			}
		})
	}
}

func TestExportRefusesBadInput(t *testing.T) {
	srv := exportServer(t, seededStore(t))
	for _, c := range []struct {
		params, field string
	}{
		{"", "query"},
		{"query=everything", "query"},
		{"query=neighbourhood&id=institution/cosi&format=png", "format"},
		{"query=neighbourhood&id=institution/cosi&dept=2", "dept"},
		{"query=neighbourhood&id=institution/cosi&depth=two", "depth"},
		{"query=neighbourhood&id=institution/cosi&depth=0", "depth"},
		{"query=neighbourhood&id=institution/cosi&depth=9", "depth"},
		{"query=neighbourhood&id=institution/cosi&depth=1&depth=2", "depth"},
		{"query=neighbourhood&id=institution/cosi&limit=100000", "limit"},
		{"query=neighbourhood&id=institution/nobody", "id"},
		{"query=neighbourhood&id=institution/cosi&edgeTypes=FUNDS", "edgeTypes"},
		{"query=neighbourhood&id=institution/cosi&kinds=PLANET", "kinds"},
		{"query=neighbourhood&id=institution/cosi&direction=UP", "direction"},
		{"query=shortestPath&from=person/ana-gomes", "to"},
		{"query=citations&reference=COM(2099)%201", "reference"},
		{"query=citations&id=document/com-2010-0673&direction=OUT", "direction"},
	} {
		t.Run(c.params, func(t *testing.T) {
			resp, body := get(t, srv, c.params)
			var e struct {
				Errors []struct {
					Message    string
					Extensions map[string]any
				}
			}
			if err := json.Unmarshal(body, &e); err != nil || len(e.Errors) != 1 {
				t.Fatalf("status %d, body %s", resp.StatusCode, body)
			}
			got := e.Errors[0]
			if resp.StatusCode != http.StatusBadRequest || got.Extensions["code"] != "BAD_USER_INPUT" || got.Extensions["field"] != c.field {
				t.Errorf("status %d, %v: %q; want 400 BAD_USER_INPUT on %q", resp.StatusCode, got.Extensions, got.Message, c.field)
			}
		})
	}

	// Transport faults get the status, code and reason /graphql gives them.
	for _, c := range []struct {
		name, method, query string
		header              map[string]string
		status              int
		reason              string
	}{
		{"POST", http.MethodPost, "query=neighbourhood&id=institution/cosi", nil, http.StatusMethodNotAllowed, resolvers.ReasonMethod},
		{"PUT", http.MethodPut, "query=neighbourhood&id=institution/cosi", nil, http.StatusMethodNotAllowed, resolvers.ReasonMethod},
		{"bad percent-encoding", http.MethodGet, "query=neighbourhood&id=agency%ZZeuropol", nil, http.StatusBadRequest, resolvers.ReasonInvalidEncoding},
		{"websocket upgrade", http.MethodGet, "query=neighbourhood&id=institution/cosi", map[string]string{"Connection": "Upgrade", "Upgrade": "websocket"}, http.StatusBadRequest, resolvers.ReasonUpgrade},
	} {
		req, err := http.NewRequest(c.method, srv.URL+"/export/subgraph?"+c.query, nil)
		if err != nil {
			t.Fatal(err)
		}
		for k, v := range c.header {
			req.Header.Set(k, v)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var e struct {
			Errors []struct {
				Message    string
				Extensions map[string]any
			}
		}
		derr := json.NewDecoder(resp.Body).Decode(&e)
		resp.Body.Close()
		if derr != nil || len(e.Errors) != 1 {
			t.Errorf("%s: body does not decode to one error: %v", c.name, derr)
			continue
		}
		got := e.Errors[0].Extensions
		if resp.StatusCode != c.status || got["code"] != resolvers.CodeBadRequest || got["reason"] != c.reason {
			t.Errorf("%s: status %d, %v; want %d %s %s", c.name, resp.StatusCode, got, c.status, resolvers.CodeBadRequest, c.reason)
		}
		if c.status == http.StatusMethodNotAllowed && resp.Header.Get("Allow") == "" {
			t.Errorf("%s: no Allow header", c.name)
		}
	}
}

func TestExportStoreDown(t *testing.T) {
	srv := exportServer(t, failing{Store: seededStore(t), err: graph.ErrUnavailable})
	resp, body := get(t, srv, "query=neighbourhood&id=institution/cosi")
	if resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(string(body), `"UNAVAILABLE"`) {
		t.Errorf("status %d: %s", resp.StatusCode, body)
	}
	if strings.Contains(string(body), "store unavailable:") {
		t.Errorf("the body leaks the cause: %s", body)
	}
}

// graphMLTyped is the part of a GraphML file that says what its
// attributes are, and the graph's own data.
type graphMLTyped struct {
	Keys []struct {
		ID   string `xml:"id,attr"`
		For  string `xml:"for,attr"`
		Name string `xml:"attr.name,attr"`
		Type string `xml:"attr.type,attr"`
	} `xml:"key"`
	Graph struct {
		Data []struct {
			Key   string `xml:"key,attr"`
			Value string `xml:",chardata"`
		} `xml:"data"`
		Nodes []struct {
			ID   string `xml:"id,attr"`
			Data []struct {
				Key   string `xml:"key,attr"`
				Value string `xml:",chardata"`
			} `xml:"data"`
		} `xml:"node"`
	} `xml:"graph"`
}

func TestExportGraphMLTypesAndTruncation(t *testing.T) {
	srv := exportServer(t, seededStore(t))
	for _, c := range []struct {
		params    string
		truncated string
	}{
		{"query=neighbourhood&id=agency/europol&limit=3&format=graphml", "true"},
		{"query=neighbourhood&id=agency/europol&format=graphml", "false"},
	} {
		resp, body := get(t, srv, c.params)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d %s", c.params, resp.StatusCode, body)
		}
		var g graphMLTyped
		if err := xml.Unmarshal(body, &g); err != nil {
			t.Fatal(err)
		}
		types := map[string]string{}
		ids := map[string]bool{}
		for _, k := range g.Keys {
			if ids[k.ID] {
				t.Errorf("key id %q declared twice", k.ID)
			}
			ids[k.ID] = true
			types[k.For+"."+k.Name] = k.Type
		}
		for k, want := range map[string]string{"node.degree": "int", "node.distance": "int", "node.kind": "string", "node.date": "string",
			"node.shortLabel": "string", "node.sources": "string", "edge.type": "string", "edge.date": "string", "graph.truncated": "boolean"} {
			if types[k] != want {
				t.Errorf("%s is declared %q, want %q", k, types[k], want)
			}
		}
		if len(g.Graph.Data) != 1 || g.Graph.Data[0].Key != "g_truncated" || g.Graph.Data[0].Value != c.truncated {
			t.Errorf("%s: graph data %+v, want truncated %s", c.params, g.Graph.Data, c.truncated)
		}
		for _, n := range g.Graph.Nodes {
			for _, d := range n.Data {
				if d.Key == "n_kind" && d.Value != "AGENCY" && strings.ToUpper(d.Value) != d.Value {
					t.Errorf("node %s has kind %q: not the API's spelling", n.ID, d.Value)
				}
			}
		}
	}
}

// gexfDoc is what Gephi reads of a GEXF file.
type gexfDoc struct {
	XMLName xml.Name
	Version string `xml:"version,attr"`
	Meta    struct {
		Description string `xml:"description"`
	} `xml:"meta"`
	Graph struct {
		Mode       string `xml:"mode,attr"`
		TimeFormat string `xml:"timeformat,attr"`
		EdgeType   string `xml:"defaultedgetype,attr"`
		Attributes []struct {
			Class string `xml:"class,attr"`
			Attrs []struct {
				ID   string `xml:"id,attr"`
				Type string `xml:"type,attr"`
			} `xml:"attribute"`
		} `xml:"attributes"`
		Nodes []struct {
			ID     string `xml:"id,attr"`
			Label  string `xml:"label,attr"`
			Start  string `xml:"start,attr"`
			End    string `xml:"end,attr"`
			Values []struct {
				For   string `xml:"for,attr"`
				Value string `xml:"value,attr"`
			} `xml:"attvalues>attvalue"`
			Color struct {
				R string `xml:"r,attr"`
			} `xml:"http://gexf.net/1.3/viz color"`
		} `xml:"nodes>node"`
		Edges []struct {
			ID     string `xml:"id,attr"`
			Source string `xml:"source,attr"`
			Target string `xml:"target,attr"`
			Kind   string `xml:"kind,attr"`
		} `xml:"edges>edge"`
	} `xml:"graph"`
}

func TestExportGEXFPutsDatedNodesOnTheTimeline(t *testing.T) {
	srv := exportServer(t, seededStore(t))
	resp, body := get(t, srv, "query=neighbourhood&id=procedure/2010-2308-ini&format=gexf")
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "application/gexf+xml; charset=utf-8" {
		t.Fatalf("status %d, type %q: %s", resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
	if got := resp.Header.Get("Content-Disposition"); got != "attachment; filename=issgraph-neighbourhood-of-procedure-2010-2308-ini.gexf" {
		t.Errorf("Content-Disposition %q", got)
	}
	var g gexfDoc
	if err := xml.Unmarshal(body, &g); err != nil {
		t.Fatal(err)
	}
	if g.XMLName.Space != "http://gexf.net/1.3" || g.Version != "1.3" || g.Graph.Mode != "dynamic" || g.Graph.TimeFormat != "date" || g.Graph.EdgeType != "directed" {
		t.Fatalf("gexf %+v version %s, graph mode %s timeformat %s", g.XMLName, g.Version, g.Graph.Mode, g.Graph.TimeFormat)
	}
	declared := map[string]bool{}
	for _, a := range g.Graph.Attributes {
		for _, at := range a.Attrs {
			declared[a.Class+"."+at.ID] = true
		}
	}
	ids := map[string]bool{}
	var events, dated int
	for _, n := range g.Graph.Nodes {
		ids[n.ID] = true
		vals := map[string]string{}
		for _, v := range n.Values {
			if !declared["node."+v.For] {
				t.Errorf("node %s: undeclared attribute %s", n.ID, v.For)
			}
			vals[v.For] = v.Value
		}
		if n.Label == "" || vals["kind"] == "" || strings.ToUpper(vals["kind"]) != vals["kind"] || n.Color.R == "" {
			t.Errorf("node %s: label %q, kind %q, colour %q", n.ID, n.Label, vals["kind"], n.Color.R)
		}
		if !strings.HasPrefix(n.Start, vals["date"]) || (vals["date"] == "") != (n.Start == "") {
			t.Errorf("node %s: date %q but starts at %q", n.ID, vals["date"], n.Start)
		}
		if n.Start != "" {
			dated++
		}
		if vals["kind"] == "EVENT" {
			events++
			if n.Start == "" {
				t.Errorf("event %s is not on the timeline", n.ID)
			}
		}
	}
	if events < 5 || dated <= events {
		t.Errorf("%d events and %d dated nodes: the procedure's timeline is missing", events, dated)
	}
	for _, e := range g.Graph.Edges {
		if !ids[e.Source] || !ids[e.Target] || e.Kind == "" {
			t.Errorf("edge %s: %s -> %s, kind %q", e.ID, e.Source, e.Target, e.Kind)
		}
	}
}

func TestExportExpand(t *testing.T) {
	srv := exportServer(t, seededStore(t))
	resp, body := get(t, srv, "query=expand&ids=agency/europol&exclude=agency/europol,objective/iss-so1&limit=3")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%d %s", resp.StatusCode, body)
	}
	var doc struct {
		cytoscapeDoc
		Hidden map[string]int
	}
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatal(err)
	}
	var a struct{ Expand expansion }
	seededEnv(t).ok(`{ expand(ids: ["agency/europol"], exclude: ["agency/europol", "objective/iss-so1"], limit: 3) { nodes { id } edges { id source target } hidden { id count } truncated } }`, &a)
	// The file stands alone: the nodes GraphQL returns, and the view's
	// nodes its relationships reach.
	want := map[string]bool{}
	for _, n := range a.Expand.Nodes {
		want[n.ID] = true
	}
	for _, e := range a.Expand.Edges {
		want[e.Source], want[e.Target] = true, true
	}
	got := map[string]bool{}
	for _, n := range doc.Elements.Nodes {
		got[n.Data["id"].(string)] = true
	}
	if len(got) != len(doc.Elements.Nodes) || len(got) != len(want) || len(doc.Elements.Edges) != len(a.Expand.Edges) || doc.Truncated != a.Expand.Truncated {
		t.Fatalf("export: nodes %v, %d edges, truncated %v; want nodes %v, %d edges, %v", got, len(doc.Elements.Edges), doc.Truncated,
			want, len(a.Expand.Edges), a.Expand.Truncated)
	}
	for id := range want {
		if !got[id] {
			t.Errorf("%s is missing from the export", id)
		}
	}
	// Every hidden count is in the export: on the node it returns, or
	// beside the elements for the view's nodes.
	for _, h := range a.Expand.Hidden {
		got, ok := doc.Hidden[h.ID]
		for _, n := range doc.Elements.Nodes {
			if n.Data["id"] == h.ID {
				v, _ := n.Data["hidden"].(float64)
				got, ok = int(v), true
			}
		}
		if !ok || got != h.Count {
			t.Errorf("%s hides %d in the export (present %v), %d in GraphQL", h.ID, got, ok, h.Count)
		}
	}
	if len(a.Expand.Hidden) == 0 {
		t.Error("no hidden counts: nothing above was checked")
	}
}

// The whole graph, in each format, holds every node and edge once, each
// edge between two of its nodes.
func TestExportWholeGraph(t *testing.T) {
	s := seededStore(t)
	srv := exportServer(t, s)
	counts, err := s.Count(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	var nodes, edges int
	for _, n := range counts.Nodes {
		nodes += n
	}
	for _, n := range counts.Edges {
		edges += n
	}
	for _, format := range []string{"cytoscape", "graphml", "gexf"} {
		t.Run(format, func(t *testing.T) {
			resp, err := http.Get(srv.URL + "/export/graph?format=" + format)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Disposition"), "attachment; filename=issgraph-graph.") {
				t.Fatalf("status %d, disposition %q: %.300s", resp.StatusCode, resp.Header.Get("Content-Disposition"), body)
			}
			var ns, es []string
			var sources, targets []string
			switch format {
			case "cytoscape":
				var doc cytoscapeDoc
				if err := json.Unmarshal(body, &doc); err != nil {
					t.Fatal(err)
				}
				for _, n := range doc.Elements.Nodes {
					ns = append(ns, n.Data["id"].(string))
				}
				for _, e := range doc.Elements.Edges {
					es = append(es, e.Data["id"].(string))
					sources, targets = append(sources, e.Data["source"].(string)), append(targets, e.Data["target"].(string))
				}
			case "graphml":
				var g graphML
				if err := xml.Unmarshal(body, &g); err != nil {
					t.Fatal(err)
				}
				for _, n := range g.Graph.Nodes {
					ns = append(ns, n.ID)
				}
				for _, e := range g.Graph.Edges {
					es = append(es, e.Source+"->"+e.Target+"#"+itoa(len(es)))
					sources, targets = append(sources, e.Source), append(targets, e.Target)
				}
			case "gexf":
				var g gexfDoc
				if err := xml.Unmarshal(body, &g); err != nil {
					t.Fatal(err)
				}
				for _, n := range g.Graph.Nodes {
					ns = append(ns, n.ID)
				}
				for _, e := range g.Graph.Edges {
					es = append(es, e.ID)
					sources, targets = append(sources, e.Source), append(targets, e.Target)
				}
			}
			if len(ns) != nodes || len(es) != edges {
				t.Fatalf("%d nodes and %d edges, the store has %d and %d", len(ns), len(es), nodes, edges)
			}
			ids := map[string]bool{}
			for _, id := range ns {
				if ids[id] {
					t.Errorf("node %s twice", id)
				}
				ids[id] = true
			}
			seen := map[string]bool{}
			for i, id := range es {
				if seen[id] {
					t.Errorf("edge %s twice", id)
				}
				seen[id] = true
				if !ids[sources[i]] || !ids[targets[i]] {
					t.Errorf("edge %s leaves the graph", id)
				}
			}
		})
	}

	r2, err := http.Get(srv.URL + "/export/graph?query=neighbourhood")
	if err != nil {
		t.Fatal(err)
	}
	r2.Body.Close()
	if r2.StatusCode != http.StatusBadRequest {
		t.Errorf("/export/graph with a query: %d, want 400", r2.StatusCode)
	}
}
