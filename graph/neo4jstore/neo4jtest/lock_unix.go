//go:build unix

package neo4jtest

import (
	"os"
	"sync"
	"syscall"
)

var (
	mu   sync.Mutex
	held = map[string]*os.File{}
)

// lockFile flocks path once per process; the file stays open, and so
// locked, until the process exits.
func lockFile(path string) error {
	mu.Lock()
	defer mu.Unlock()
	if held[path] != nil {
		return nil
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return err
	}
	held[path] = f
	return nil
}
