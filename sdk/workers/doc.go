// Package workers runs jobs on goroutines kept between jobs. A fresh
// goroutine starts with a small stack and copies it each time a deep call
// chain grows it; in the host (SQLite's transpiled code) and in modules
// (routers, JSON, gRPC encoding) that was about 5% of the CPU of small
// requests. A kept goroutine keeps its grown stack.
package workers
