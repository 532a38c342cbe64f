package graph

import (
	"flag"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
)

var updateDocs = flag.Bool("update", false, "rewrite generated files (docs/data-model.md tables)")

// TestDataModelDoc keeps the tables of docs/data-model.md equal to the
// allow-lists in code. Run with -update to rewrite them.
func TestDataModelDoc(t *testing.T) {
	const path = "../docs/data-model.md"
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	for name, body := range map[string]string{"kinds": kindTable(), "edges": edgeTable(), "vocabularies": vocabularies()} {
		re := regexp.MustCompile(`(?s)(<!-- BEGIN ` + name + ` -->\n).*?(<!-- END ` + name + ` -->)`)
		if !re.MatchString(doc) {
			t.Fatalf("%s: no BEGIN/END %s markers", path, name)
		}
		doc = re.ReplaceAllLiteralString(doc, "<!-- BEGIN "+name+" -->\n"+body+"<!-- END "+name+" -->")
	}
	if doc == string(b) {
		return
	}
	if *updateDocs {
		if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("%s is out of date with graph.Kinds / graph.EdgeTypes: run go test ./graph -run TestDataModelDoc -update", path)
}

func kindTable() string {
	var b strings.Builder
	b.WriteString("| kind | id prefix | properties | meaning |\n| --- | --- | --- | --- |\n")
	for _, k := range Kinds {
		fmt.Fprintf(&b, "| `%s` | `%s` | %s | %s |\n", k.Kind, k.Prefix, propList(k.Props), k.Doc)
	}
	return b.String()
}

func edgeTable() string {
	var b strings.Builder
	b.WriteString("| type | from | to | properties | meaning |\n| --- | --- | --- | --- | --- |\n")
	for _, e := range EdgeTypes {
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s |\n", e.Type, kindList(e.From), kindList(e.To), propList(e.Props), e.Doc)
	}
	return b.String()
}

func vocabularies() string {
	var b strings.Builder
	for _, v := range []struct {
		name string
		list []string
	}{{"Document types (`graph.DocumentTypes`)", DocumentTypes}, {"Institution types (`graph.InstitutionTypes`)", InstitutionTypes}} {
		items := make([]string, len(v.list))
		for i, s := range v.list {
			items[i] = "`" + s + "`"
		}
		fmt.Fprintf(&b, "%s: %s.\n\n", v.name, strings.Join(items, ", "))
	}
	return strings.TrimSuffix(b.String(), "\n")
}

func kindList(ks []Kind) string {
	s := make([]string, len(ks))
	for i, k := range ks {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}

func propList(ps []PropSpec) string {
	s := make([]string, len(ps))
	for i, p := range ps {
		item := fmt.Sprintf("`%s` (%s", p.Name, p.Type)
		if p.Required {
			item += ", required"
		}
		if len(p.Enum) > 0 {
			item += ": " + strings.Join(p.Enum, " / ")
		}
		s[i] = item + ")"
	}
	return strings.Join(s, ", ")
}
