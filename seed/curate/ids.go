package curate

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/ref"
)

// The id conventions of DEVELOPERS.md, restated as checks so that a
// curated node lands on the same id as the importer's or the extractor's
// node for the same thing. References go through graph/ref, the one
// normaliser of the project.

// RefID returns the id a reference gives, and whether the reference is
// written in its canonical form: a curated file must spell each reference
// exactly as ref.Parse prints it, so that lookups and aliases match.
func RefID(reference string) (string, bool) {
	r, err := ref.Parse(reference)
	if err != nil || r.String() != reference {
		return "", false
	}
	return r.ID(), true
}

var (
	soRE       = regexp.MustCompile(`^objective/iss-so([1-5])$`)
	kaRE       = regexp.MustCompile(`^objective/iss-so([1-5])-ka([1-9])$`)
	priorityRE = regexp.MustCompile(`^objective/iss-20\d\d-priority-`)
	// An event's id starts with its date in its own precision, after the
	// procedure's slug for an event of an OEIL file.
	eventRE = regexp.MustCompile(`^event/(?:\d{4}-\d+-[a-z]+/)?(\d{4}(?:-\d{2}(?:-\d{2})?)?)-[a-z]`)
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
			return fmt.Errorf("an event id is event/<its date, in its precision>-<slug>")
		}
	}
	return nil
}
