// Package analysisd is the embedded stand-in for wazuh-analysisd's input
// queue (<root>/queue/sockets/queue, unix datagram). Producers such as the
// API's /events endpoint send one "<q>:<location>:<message>" per datagram
// (e.g. "1:API-Webhook:{...}"). No rules engine runs: every valid message is
// appended to <root>/logs/archives/archives.log in the line format of
// Wazuh's archives.log ("2006 Jan 02 15:04:05 <manager>-><location> <msg>";
// agent locations "(name) ip->path" are written as is), which is what a
// manager with <logall>yes</logall> writes. Newlines inside a message are
// escaped as `\n`. Malformed datagrams are counted and dropped, oversized
// ones are truncated by the kernel and dropped, and memory stays bounded (one
// receive buffer).
package analysisd
