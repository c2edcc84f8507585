// Package wazuhlog writes the host's log lines in Wazuh's API log formats
// (security.md §7): plain "2006/01/02 15:04:05 INFO: message" lines, or
// JSON lines {"timestamp","levelname","data":{"type","payload"}} where
// access-log lines carry the request as a structured payload.
package wazuhlog
