package analysisd

import (
	"bytes"
	"errors"
	"fmt"
)

// LocalfileQueue is the queue id of the messages the API sends
// (LOCALFILE_MQ, '1').
const LocalfileQueue = '1'

// WebhookLocation is the location of events sent by POST /events.
const WebhookLocation = "API-Webhook"

// Message is one decoded queue message.
type Message struct {
	// Queue is the one-character queue id before the first ':'.
	Queue byte
	// Location is the unescaped location ("API-Webhook", "(agent) any->/var/log/syslog").
	Location string
	// Text is the event itself. It aliases the parsed buffer.
	Text []byte
}

// ErrFormat is returned for a datagram that is not "<q>:<location>:<msg>".
var ErrFormat = errors.New("analysisd: invalid message format")

// EventMessage builds the datagram POST /events sends for one event:
// "1:API-Webhook:" + event.
func EventMessage(event string) []byte {
	return []byte(string(LocalfileQueue) + ":" + WebhookLocation + ":" + event)
}

// ParseMessage splits a queue message like analysisd's OS_CleanMSG: a
// one-character queue id, ':', the location up to the first ':' not escaped
// with '|' (for agent locations starting with '(' the search starts after
// "->", since the IP part may contain ':'), then the message.
func ParseMessage(b []byte) (Message, error) {
	if len(b) < 3 || b[1] != ':' {
		return Message{}, fmt.Errorf("%w: missing queue id", ErrFormat)
	}
	rest := b[2:]
	start := 0
	if rest[0] == '(' {
		i := bytes.Index(rest, []byte("->"))
		if i < 0 {
			return Message{}, fmt.Errorf("%w: agent location without \"->\"", ErrFormat)
		}
		start = i + 2
	}
	loc := make([]byte, 0, 64)
	loc = append(loc, rest[:start]...)
	for i := start; i < len(rest); i++ {
		switch c := rest[i]; {
		case c == '|' && i+1 < len(rest) && (rest[i+1] == ':' || rest[i+1] == '|'):
			loc = append(loc, rest[i+1])
			i++
		case c == ':':
			if len(loc) == 0 {
				return Message{}, fmt.Errorf("%w: empty location", ErrFormat)
			}
			return Message{Queue: b[0], Location: string(loc), Text: rest[i+1:]}, nil
		default:
			loc = append(loc, c)
		}
	}
	return Message{}, fmt.Errorf("%w: no location separator", ErrFormat)
}
