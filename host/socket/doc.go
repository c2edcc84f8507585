// Package socket implements Wazuh's local socket transports: the stream
// framing used by wazuh-db, authd, remoted and the request sockets (a 4-byte
// little-endian length followed by the payload), and the datagram senders used
// for analysisd's queue, active response and execq.
package socket
