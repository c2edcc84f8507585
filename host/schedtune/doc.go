// Package schedtune tunes the Go scheduler of the host and its modules for
// request latency on machines where waking an OS thread is expensive.
//
// A Go process parks its idle threads on futexes and, once every P is
// idle, also parks sysmon, its monitor thread; the next system call wakes
// sysmon again, which then polls every 20 µs for a while. Between the
// requests of a lightly loaded API server that happens for every request,
// and on a virtual machine each of those wakes and context switches costs
// around 10 µs: measured on the project's 2-core VM, they made up half of
// the host→module hop's latency.
//
// Two measures remove most of them:
//
//   - [KeepSysmonAwake] re-executes the process with GODEBUG's schedtrace
//     set to its largest period, which keeps sysmon from its deep sleep (it
//     backs off to one poll per 10 ms instead) and prints a scheduler line
//     at most every 24.8 days (and, on a crash, the scheduler's state
//     before the goroutine traceback). [SysmonGODEBUG] gives modules the
//     same setting.
//   - [Scaler] runs the host's scheduler on one P while at most one request
//     is in flight, so that hand-offs between the HTTP, gRPC and handler
//     goroutines stay on one thread, and on every P as soon as requests
//     overlap.
//
// Setting GODEBUG's schedtrace, or GOMAXPROCS, in the environment turns
// the corresponding measure off.
package schedtune
