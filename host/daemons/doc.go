// Package daemons runs the embedded stand-ins for the Wazuh daemons whose
// local sockets the API talks to, for the "embedded" mode where no Wazuh
// daemons exist. They serve the same socket paths under the data root with
// the same wire formats, so one client code path works in both modes:
//
//   - authd (queue/sockets/auth, framed stream): agent add/remove, rewriting
//     etc/client.keys and updating global.db through an injected WDB;
//   - analysisd (queue/sockets/queue, datagram): events appended to
//     logs/archives/archives.log;
//   - activeresponse (queue/alerts/ar and queue/alerts/execq, datagram):
//     messages recorded in logs/active-responses.log.
//
// Start launches all of them. This package also registers the 17xx/19xx
// Wazuh error codes these interactions raise and maps daemon replies to them.
package daemons
