package main

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/99designs/gqlgen/graphql"

	"github.com/issgraph/issgraph/graph"
)

// gqlgenVersion is the gqlgen the module pins, as its notice names it.
const gqlgenVersion = graphql.Version

// dataModel replaces the generated tables of docs/data-model.md, each
// between its <!-- BEGIN name --> and <!-- END name --> markers.
func dataModel(doc string) (string, error) {
	for _, t := range []struct{ name, body string }{
		{"kinds", kindTable()}, {"fields", fieldTable()}, {"edges", edgeTable()}, {"vocabularies", vocabularies()},
	} {
		re := regexp.MustCompile(`(?s)(<!-- BEGIN ` + t.name + ` -->\n).*?(<!-- END ` + t.name + ` -->)`)
		if !re.MatchString(doc) {
			return "", fmt.Errorf("no BEGIN/END %s markers", t.name)
		}
		doc = re.ReplaceAllLiteralString(doc, "<!-- BEGIN "+t.name+" -->\n"+t.body+"<!-- END "+t.name+" -->")
	}
	return doc, nil
}

func kindTable() string {
	var b strings.Builder
	b.WriteString("| kind | id prefix | list field | properties | meaning |\n| --- | --- | --- | --- | --- |\n")
	for _, k := range kinds() {
		fmt.Fprintf(&b, "| `%s` | `%s` | `%s` | %s | %s |\n", k.Kind, k.Prefix, k.Plural, propList(k.Props), k.Doc)
	}
	return b.String()
}

// fieldTable lists each kind's relationship fields: what the API follows
// for each.
func fieldTable() string {
	var b strings.Builder
	b.WriteString("| kind | field | edge types | direction | lists | meaning |\n| --- | --- | --- | --- | --- | --- |\n")
	for _, k := range kinds() {
		for _, f := range k.Fields {
			ts := make([]string, len(f.Types))
			for i, t := range f.Types {
				ts[i] = "`" + string(t) + "`"
			}
			var lists string
			switch f.Returns {
			case graph.ReturnOne:
				lists = "the first " + endType(f)
			case graph.ReturnEdges:
				lists = edgeView(f) + " (edges)"
			default:
				lists = endType(f)
			}
			fmt.Fprintf(&b, "| `%s` | `%s` | %s | %s | %s | %s |\n", k.Kind, f.Name, strings.Join(ts, ", "),
				strings.ToLower(f.Dir.String()), lists, f.Doc)
		}
	}
	return b.String()
}

func edgeTable() string {
	var b strings.Builder
	b.WriteString("| type | from | to | properties | meaning |\n| --- | --- | --- | --- | --- |\n")
	for _, e := range graph.EdgeTypes {
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s |\n", e.Type, kindList(e.From), kindList(e.To), propList(e.Props), e.Doc)
	}
	return b.String()
}

func vocabularies() string {
	var b strings.Builder
	for _, v := range []struct {
		name string
		list []string
	}{{"Document types (`graph.DocumentTypes`)", graph.DocumentTypes}, {"Institution types (`graph.InstitutionTypes`)", graph.InstitutionTypes}} {
		items := make([]string, len(v.list))
		for i, s := range v.list {
			items[i] = "`" + s + "`"
		}
		fmt.Fprintf(&b, "%s: %s.\n\n", v.name, strings.Join(items, ", "))
	}
	return strings.TrimSuffix(b.String(), "\n")
}

func kindList(ks []graph.Kind) string {
	s := make([]string, len(ks))
	for i, k := range ks {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}

func propList(ps []graph.PropSpec) string {
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
