package socket

import (
	"context"
	"errors"
	"io/fs"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wazuh-go/server/sdk"
)

// listenDatagram binds a unix datagram socket standing in for a Wazuh queue.
func listenDatagram(t *testing.T) (string, *net.UnixConn) {
	t.Helper()
	path := filepath.Join(shortDir(t), "q")
	c, err := net.ListenUnixgram("unixgram", &net.UnixAddr{Name: path, Net: "unixgram"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return path, c
}

func TestSendDatagramIsOneUnframedMessage(t *testing.T) {
	path, ln := listenDatagram(t)
	msg := "(msg_to_agent) [] N!S 001 force_reconnect"
	if err := SendDatagram(context.Background(), path, []byte(msg)); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, MaxDatagramBytes+1)
	n, err := ln.Read(buf)
	if err != nil || string(buf[:n]) != msg {
		t.Fatalf("received %q, %v; want exactly %q (no length header)", buf[:n], err, msg)
	}
}

// BaseQueue._connect raises 1010 (with the queue path) for any connection
// failure, missing socket or stale one; the API answers 500.
func TestDatagramConnectErrorIs1010(t *testing.T) {
	missing := filepath.Join(shortDir(t), "none")
	err := SendDatagram(context.Background(), missing, []byte("1:API-Webhook:x"))
	if wazuhCode(err) != CodeQueueConnect || !errors.Is(err, ErrDatagramConnect) || !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("missing socket: %v, want code %d", err, CodeQueueConnect)
	}
	var we *sdk.Error
	if errors.As(err, &we); we.Status() != http.StatusInternalServerError || !strings.HasSuffix(we.Message, missing) {
		t.Fatalf("missing socket: status %d message %q", we.Status(), we.Message)
	}

	path, ln := listenDatagram(t)
	_ = ln.Close() // the file stays, nobody reads: connection refused
	if err := SendDatagram(context.Background(), path, []byte("x")); wazuhCode(err) != CodeQueueConnect {
		t.Fatalf("stale socket: %v, want code %d", err, CodeQueueConnect)
	}
}

func TestDatagramTooLargeIs1012(t *testing.T) {
	path, _ := listenDatagram(t)
	err := SendDatagram(context.Background(), path, make([]byte, MaxDatagramBytes+1))
	if wazuhCode(err) != CodeQueueMessage || !errors.Is(err, ErrDatagramTooLarge) {
		t.Fatalf("err = %v, want code %d", err, CodeQueueMessage)
	}
	if err := SendDatagram(context.Background(), path, make([]byte, MaxDatagramBytes)); err != nil {
		t.Fatalf("a datagram of exactly %d bytes must go: %v", MaxDatagramBytes, err)
	}
}
