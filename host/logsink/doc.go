// Package logsink buffers the host's log output: lines are gathered in
// memory and written in batches, so a busy API pays one write system call
// per batch instead of one per access-log line.
package logsink
