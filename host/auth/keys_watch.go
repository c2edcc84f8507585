package auth

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// fileStamp identifies one version of a key file on disk.
type fileStamp struct {
	mod  time.Time
	size int64
}

func stampOf(path string) (fileStamp, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return fileStamp{}, err
	}
	return fileStamp{mod: fi.ModTime(), size: fi.Size()}, nil
}

// stamps returns the stamps of the private and public key files.
func (k *Keys) stamps() ([2]fileStamp, error) {
	var out [2]fileStamp
	for i, name := range []string{PrivateKeyFile, PublicKeyFile} {
		st, err := stampOf(filepath.Join(k.dir, name))
		if err != nil {
			return out, err
		}
		out[i] = st
	}
	return out, nil
}

// Refresh picks up a key pair changed on disk, as Wazuh's inotify watcher
// on the security directory does: when either file was replaced the pair is
// reloaded, and when either is missing both are regenerated. Every token
// signed with the previous pair becomes invalid. It does nothing when the
// files are unchanged since the pair in use was loaded or written.
func (k *Keys) Refresh() error {
	k.rot.Lock()
	defer k.rot.Unlock()
	st, err := k.stamps()
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("auth: key files: %w", err)
	}
	k.mu.RLock()
	same := err == nil && st == k.stamp
	k.mu.RUnlock()
	if same {
		return nil
	}
	if err != nil {
		return k.rotateLocked()
	}
	kp, err := loadKeyPair(k.dir)
	if err != nil {
		return fmt.Errorf("auth: reload key pair (error 6003): %w", err)
	}
	k.install(kp)
	return nil
}

// Watch calls Refresh every interval until ctx is done, logging failures
// through report (which may be nil). The request path never touches the
// key files.
func (k *Keys) Watch(ctx context.Context, interval time.Duration, report func(error)) {
	every(ctx, interval, k.Refresh, report)
}

// every calls fn every interval until ctx is done, passing its failures to
// report (which may be nil).
func every(ctx context.Context, interval time.Duration, fn func() error, report func(error)) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := fn(); err != nil && report != nil {
				report(err)
			}
		}
	}
}
