// Package activeresponse covers Wazuh's active-response datagram queues.
//
// The embedded side (Sink) binds <root>/queue/alerts/ar (wazuh-remoted's
// ar-forward queue, messages "(msg_to_agent) [] <flags> <id|(null)> <msg>")
// and <root>/queue/alerts/execq (wazuh-execd, JSON commands such as the
// manager restart). With no agents to forward to, every datagram is recorded
// verbatim in <root>/logs/active-responses.log as
// "2006/01/02 15:04:05 ar: <message>" or "... execq: <message>".
//
// The sending side (message.go) builds the exact strings the Wazuh framework
// sends for restart, reconnect, syscheck run and active-response commands;
// host/socket.SendDatagram delivers them in both embedded and attached mode.
package activeresponse
