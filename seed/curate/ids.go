package curate

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/issgraph/issgraph/graph"
)

// The id conventions of DEVELOPERS.md, restated as checks so that a
// curated node lands on the same id as the importer's or the extractor's
// node for the same thing. refID mirrors the reference forms the corpus
// uses; a reference in any other form is reported, so that a new form is
// looked at rather than given an id by accident.

var refForms = []struct {
	re *regexp.Regexp
	id func(m []string) string
}{
	{regexp.MustCompile(`^COM\((\d{4})\) (\d+)$`), func(m []string) string {
		return "document/com-" + m[1] + "-" + pad4(m[2])
	}},
	{regexp.MustCompile(`^(\d+)/(\d{2})$`), func(m []string) string {
		return "document/council-" + m[1] + "-" + m[2]
	}},
	{regexp.MustCompile(`^(\d+)/(\d+)/(\d{2}) REV (\d+)$`), func(m []string) string {
		return "document/council-" + m[1] + "-" + m[3] + "-rev" + m[4]
	}},
	{regexp.MustCompile(`^EUCO (\d+)/(\d{2})$`), func(m []string) string {
		return "document/euco-" + m[1] + "-" + m[2]
	}},
	{regexp.MustCompile(`^([AT]\d)-(\d{4})/(\d{4})$`), func(m []string) string {
		return "document/ep-" + strings.ToLower(m[1]) + "-" + m[2] + "-" + m[3]
	}},
	{regexp.MustCompile(`^(\d{4})/(\d{4})\(([A-Z]{3})\)$`), func(m []string) string {
		return "procedure/" + m[1] + "-" + m[2] + "-" + strings.ToLower(m[3])
	}},
}

func pad4(s string) string {
	n, _ := strconv.Atoi(s)
	return fmt.Sprintf("%04d", n)
}

// RefID returns the id a canonical reference gives, and whether the
// reference has a form this package knows.
func RefID(ref string) (string, bool) {
	for _, f := range refForms {
		if m := f.re.FindStringSubmatch(ref); m != nil {
			return f.id(m), true
		}
	}
	return "", false
}

var (
	soRE       = regexp.MustCompile(`^objective/iss-so([1-5])$`)
	kaRE       = regexp.MustCompile(`^objective/iss-so([1-5])-ka([1-9])$`)
	priorityRE = regexp.MustCompile(`^objective/iss-20\d\d-priority-`)
	eventRE    = regexp.MustCompile(`^event/(\d{4}-\d{2}-\d{2})-[a-z0-9]`)
)

// objectivePrefixes: the id prefixes each objective type may use.
var objectivePrefixes = map[string][]string{
	"challenge":               {"objective/iss-2014-challenge-"},
	"cross-cutting-objective": {"objective/iss-2014-crosscutting-"},
	"threat":                  {"objective/renewed-iss-threat-", "objective/iss-2014-threat-"},
	"principle":               {"objective/renewed-iss-principle-"},
}

func checkID(n graph.Node) error {
	p := n.Props
	want := func(id string) error {
		if n.ID != id {
			return fmt.Errorf("id should be %s by the id conventions", id)
		}
		return nil
	}
	switch n.Kind {
	case graph.Document:
		if ref := p.String("reference"); ref != "" {
			id, ok := RefID(ref)
			if !ok {
				return fmt.Errorf("reference %q is not in a known canonical form", ref)
			}
			return want(id)
		}
		st := p.String("shortTitle")
		if st == "" {
			return fmt.Errorf("a document without a reference needs a shortTitle for its id")
		}
		return want("document/" + graph.Slug(st))
	case graph.Procedure:
		id, ok := RefID(p.String("reference"))
		if !ok {
			return fmt.Errorf("reference %q is not in a known canonical form", p.String("reference"))
		}
		return want(id)
	case graph.Person:
		g, f := p.String("givenName"), p.String("familyName")
		if g == "" || f == "" {
			return fmt.Errorf("givenName and familyName are required for the id")
		}
		return want("person/" + graph.Slug(g+" "+f))
	case graph.Agency:
		if a := p.String("acronym"); a != "" {
			return want("agency/" + graph.Slug(a))
		}
		return want("agency/" + graph.Slug(n.Name))
	case graph.Institution:
		a := p.String("acronym")
		switch p.String("type") {
		case "committee":
			return want("institution/ep-" + graph.Slug(a))
		case "political-group":
			return want("institution/group-" + graph.Slug(a))
		case "council-configuration":
			return want("institution/council-" + graph.Slug(a))
		case "national-parliament":
			if !regexp.MustCompile(`^institution/national-parliament-[a-z]{2}$`).MatchString(n.ID) {
				return fmt.Errorf("id should be institution/national-parliament-<country code>")
			}
		case "directorate-general":
			if !strings.HasPrefix(n.ID, "institution/dg-") {
				return fmt.Errorf("id should be institution/dg-<slug of name>")
			}
		case "council-body", "service":
			if a != "" {
				return want("institution/" + graph.Slug(a))
			}
		}
	case graph.Objective:
		num := p.String("number")
		switch t := p.String("type"); t {
		case "strategic-objective":
			m := soRE.FindStringSubmatch(n.ID)
			if m == nil || num != m[1] {
				return fmt.Errorf("a strategic objective is objective/iss-so<N> with number N")
			}
		case "key-action":
			m := kaRE.FindStringSubmatch(n.ID)
			if m == nil || num != m[1]+"."+m[2] {
				return fmt.Errorf("a key action is objective/iss-so<N>-ka<M> with number N.M")
			}
		case "priority":
			if !priorityRE.MatchString(n.ID) {
				return fmt.Errorf("a priority is objective/iss-<year>-priority-<slug>")
			}
		default:
			ok := false
			for _, pre := range objectivePrefixes[t] {
				ok = ok || strings.HasPrefix(n.ID, pre)
			}
			if !ok {
				return fmt.Errorf("a %s id starts with one of %v", t, objectivePrefixes[t])
			}
		}
	case graph.Event:
		d, _ := p.Date("date")
		m := eventRE.FindStringSubmatch(n.ID)
		if m == nil || m[1] != d.String() {
			return fmt.Errorf("an event id is event/<its date>-<slug>")
		}
	}
	return nil
}
