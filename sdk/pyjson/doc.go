// Package pyjson is an order-preserving JSON value model that reproduces
// Python's json.loads/json.dumps, which is how Wazuh stores policy and rule
// bodies in rbac.db and how it hashes run_as authorization contexts. It
// also renders numbers as Python's repr does (FloatStr, NumberStr), for
// messages Wazuh builds with str() or repr(). The host and modules share it.
//
// Objects keep their keys in document order (a duplicated key keeps its first
// position and its last value, like a Python dict), numbers keep their
// literal, and Encode writes json.dumps' default layout: separators ", " and
// ": ", ensure_ascii, integers as integers and floats in Python's repr.
//
// Decoded values are plain data only: there are no type hooks, so a key such
// as "__unhandled_exc__" is just a key (the CVE-2025-24016 lesson).
package pyjson
