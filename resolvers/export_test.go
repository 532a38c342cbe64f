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
	resp, err := http.Get(srv.URL + "/export/subgraph?" + params)
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
	var indented bytes.Buffer
	if err := json.Indent(&indented, body, "", "  "); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, body)
	}
	goldenBytes(t, "export/neighbourhood-cosi.cytoscape.json", indented.Bytes())
	var doc cytoscapeDoc
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatal(err)
	}
	var a struct{ Neighbourhood subgraph }
	seededEnv(t).ok(`{ neighbourhood(id: "institution/cosi") { `+sgFields+` } }`, &a)
	if len(doc.Elements.Nodes) != len(a.Neighbourhood.Nodes) || len(doc.Elements.Edges) != len(a.Neighbourhood.Edges) {
		t.Fatalf("export has %d nodes and %d edges, GraphQL %d and %d", len(doc.Elements.Nodes), len(doc.Elements.Edges),
			len(a.Neighbourhood.Nodes), len(a.Neighbourhood.Edges))
	}
	for i, n := range doc.Elements.Nodes {
		want := a.Neighbourhood.Nodes[i]
		if n.Data["id"] != want.ID || n.Data["label"] != want.Label || n.Data["degree"] != float64(want.Degree) {
			t.Errorf("node %d = %v, want %+v", i, n.Data, want)
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

	resp, err := http.Post(srv.URL+"/export/subgraph?query=neighbourhood&id=institution/cosi", "text/plain", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") == "" {
		t.Errorf("POST: status %d, Allow %q", resp.StatusCode, resp.Header.Get("Allow"))
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
