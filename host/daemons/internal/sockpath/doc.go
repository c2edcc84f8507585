// Package sockpath prepares the filesystem path of a unix socket an embedded
// daemon is about to bind: it checks the length limit of sun_path, creates the
// parent directory, refuses a path another live process is serving and
// removes a stale socket file left by a previous run.
package sockpath
