// Package dgram is the receiving side of Wazuh's unix datagram queues
// (queue/sockets/queue, queue/alerts/ar, queue/alerts/execq): it binds the
// socket, reads one message per datagram into a single fixed buffer and hands
// each message to a handler, so memory stays bounded whatever peers send.
package dgram
