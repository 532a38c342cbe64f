package webasset

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path"
	"strings"
)

// CheckVendored checks the vendored files in dir of fsys against their
// manifest (dir/VERSIONS, written by scripts/vendor-assets.mjs) and the
// manifest against the npm pins of the repository at root, without npm: a
// hand-edited file, a file the script did not write, or a pin changed
// without refreshing the files is a problem. It returns the problems, and
// the names the manifest lists. (CI's "node scripts/vendor-assets.mjs
// --check" also rebuilds the files from node_modules byte for byte.)
func CheckVendored(fsys fs.FS, dir, root string) (problems []string, listed map[string]bool) {
	bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	listed = map[string]bool{"VERSIONS": true}
	manifest, err := fs.ReadFile(fsys, path.Join(dir, "VERSIONS"))
	if err != nil {
		bad("%v", err)
		return problems, listed
	}
	var lock struct {
		Packages map[string]struct{ Version string }
	}
	var pkg struct{ DevDependencies map[string]string }
	for name, v := range map[string]any{"package-lock.json": &lock, "package.json": &pkg} {
		b, err := os.ReadFile(path.Join(root, name))
		if err == nil {
			err = json.Unmarshal(b, v)
		}
		if err != nil {
			bad("%s: %v", name, err)
			return problems, listed
		}
	}
	sc := bufio.NewScanner(bytes.NewReader(manifest))
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || line == "" {
			continue
		}
		f := strings.Fields(line)
		if len(f) != 4 {
			bad("VERSIONS: bad line %q", line)
			continue
		}
		name, pv, sum := f[0], f[1], f[3]
		listed[name] = true
		body, err := fs.ReadFile(fsys, path.Join(dir, name))
		if err != nil {
			bad("VERSIONS lists %s: %v", name, err)
			continue
		}
		if h := sha256.Sum256(body); hex.EncodeToString(h[:]) != sum {
			bad("%s/%s does not match its SHA-256 in VERSIONS: edited by hand?", dir, name)
		}
		if pv == "-" {
			continue
		}
		p, v, ok := strings.Cut(pv, "@")
		if !ok {
			bad("VERSIONS: bad package@version %q", pv)
			continue
		}
		if pin := pkg.DevDependencies[p]; pin != v {
			bad("%s/%s is from %s@%s but package.json pins %q: run `npm ci && node scripts/vendor-assets.mjs`", dir, name, p, v, pin)
		}
		if got := lock.Packages["node_modules/"+p].Version; got != v {
			bad("%s/%s is from %s@%s but package-lock.json has %q", dir, name, p, v, got)
		}
	}
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		bad("%v", err)
		return problems, listed
	}
	for _, e := range entries {
		if !listed[e.Name()] {
			bad("%s/%s is not in VERSIONS: only scripts/vendor-assets.mjs writes it", dir, e.Name())
		}
	}
	return problems, listed
}
