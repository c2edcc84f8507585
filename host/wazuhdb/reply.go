package wazuhdb

import (
	"sync"

	"github.com/wazuh-go/server/host/socket"
)

// maxReply is the largest reply wazuh-db sends: it prints replies into an
// OS_MAXSTR (65536) byte buffer, silently cutting longer ones. A reply of
// exactly this size is how clients recognise a cut "sql" result.
const maxReply = socket.MaxFrameBytes

// maxSized is the budget of replies that page themselves with "due"
// (wazuh-db's WDB_MAX_RESPONSE_SIZE), kept below maxReply so they are never
// mistaken for cut replies.
const maxSized = maxReply - 4

// Reply status words (wazuh-db's WDBC_RESULT).
const (
	statusOK  = "ok"
	statusDue = "due"
	statusErr = "err"
)

// reply builds "<status>" or "<status> <payload>".
func reply(status string, payload []byte) []byte {
	if len(payload) == 0 {
		return []byte(status)
	}
	out := make([]byte, 0, len(status)+1+len(payload))
	out = append(out, status...)
	out = append(out, ' ')
	return append(out, payload...)
}

func okReply(payload []byte) []byte { return reply(statusOK, payload) }

func errReply(msg string) []byte { return reply(statusErr, []byte(msg)) }

// clip cuts a reply at maxReply bytes, as wazuh-db's snprintf does.
func clip(b []byte) []byte {
	if len(b) > maxReply {
		return b[:maxReply]
	}
	return b
}

// replyBufSize is the capacity of pooled reply buffers: a full reply plus
// room for the row that crosses the limit.
const replyBufSize = maxReply + 16*1024

var replyPool = sync.Pool{New: func() any { b := make([]byte, 0, replyBufSize); return &b }}

// getReplyBuf returns an empty pooled buffer.
func getReplyBuf() []byte { return (*(replyPool.Get().(*[]byte)))[:0] }

// putReplyBuf recycles b once its reply has been written, if it came from
// the pool (the reply of a "sql" command).
func putReplyBuf(b []byte) {
	if cap(b) == replyBufSize {
		b = b[:0]
		replyPool.Put(&b)
	}
}
