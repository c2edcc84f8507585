// Package authd is the embedded stand-in for wazuh-authd's local socket
// (<root>/queue/sockets/auth): Wazuh's JSON add/remove protocol over the
// 4-byte little-endian framed stream (host/socket), with authd's validation
// (duplicate name, IP and ID with the force-replacement rules, groups, agent
// limit), id allocation, key generation, an atomic rewrite of
// <root>/etc/client.keys and the wazuh-db commands authd sends
// ("global insert-agent", "global set-agent-groups", "global delete-agent",
// "wazuhdb remove") through an injected WDB.
//
// Like authd, the server answers one request per connection and then closes
// it. All mutations are serialized by one lock, and client.keys is re-read on
// every request so manual edits are picked up.
package authd
