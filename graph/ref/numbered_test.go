package ref

import (
	"regexp"
	"regexp/syntax"
	"testing"
)

// TestEveryFormIsNumbered holds Numbered to the patterns: every pattern
// Parse and Extract match with must need an ASCII digit to match.
func TestEveryFormIsNumbered(t *testing.T) {
	var res []*regexp.Regexp
	for _, f := range forms {
		res = append(res, f.re)
	}
	for _, s := range scans {
		res = append(res, s.re)
	}
	for _, re := range res {
		p, err := syntax.Parse(re.String(), syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		if !needsDigit(p.Simplify()) {
			t.Errorf("%s matches text without a digit: Numbered would skip it", re)
		}
	}
	for _, tt := range []struct {
		s    string
		want bool
	}{{"cybercrime centre", false}, {"COM(2014) 365", true}, {"", false}, {"ST ٣/١٥", false}} {
		if got := Numbered(tt.s); got != tt.want {
			t.Errorf("Numbered(%q) = %v", tt.s, got)
		}
	}
}

// needsDigit reports whether every match of re holds an ASCII digit.
func needsDigit(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpLiteral:
		for _, r := range re.Rune {
			if '0' <= r && r <= '9' {
				return true
			}
		}
	case syntax.OpCharClass:
		for i := 0; i < len(re.Rune); i += 2 {
			if re.Rune[i] < '0' || re.Rune[i+1] > '9' {
				return false
			}
		}
		return len(re.Rune) > 0
	case syntax.OpCapture, syntax.OpPlus:
		return needsDigit(re.Sub[0])
	case syntax.OpRepeat:
		return re.Min > 0 && needsDigit(re.Sub[0])
	case syntax.OpConcat:
		for _, s := range re.Sub {
			if needsDigit(s) {
				return true
			}
		}
	case syntax.OpAlternate:
		for _, s := range re.Sub {
			if !needsDigit(s) {
				return false
			}
		}
		return true
	}
	return false
}
