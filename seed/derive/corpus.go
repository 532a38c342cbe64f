package derive

import (
	"os"
	"path/filepath"
)

// FindCorpus locates the corpus directory: $ISSGRAPH_CORPUS if set, else
// shared/corpus beside the repository (../shared/corpus from the module
// root), searched upwards from the working directory. ok is false when
// there is none.
func FindCorpus() (dir string, ok bool) {
	if d := os.Getenv("ISSGRAPH_CORPUS"); d != "" {
		return d, isDir(d)
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", false
	}
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			c := filepath.Join(filepath.Dir(d), "shared", "corpus")
			return c, isDir(c)
		}
		if filepath.Dir(d) == d {
			return "", false
		}
	}
}

func isDir(d string) bool {
	fi, err := os.Stat(d)
	return err == nil && fi.IsDir()
}
