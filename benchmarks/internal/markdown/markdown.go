// Package markdown writes the benchmarks' tables into docs/performance.md.
package markdown

import (
	"bytes"
	"fmt"
	"os"
	"strings"
)

// Splice replaces what lies between <!-- section:start --> and
// <!-- section:end --> in file with text.
func Splice(file, section, text string) error {
	doc, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	start, end := "<!-- "+section+":start -->\n", "<!-- "+section+":end -->"
	i, j := bytes.Index(doc, []byte(start)), bytes.Index(doc, []byte(end))
	if i < 0 || j < i {
		return fmt.Errorf("%s: no %q ... %q markers", file, strings.TrimSpace(start), end)
	}
	out := append([]byte{}, doc[:i+len(start)]...)
	out = append(out, text...)
	out = append(out, doc[j:]...)
	return os.WriteFile(file, out, 0o644)
}
