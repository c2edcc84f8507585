package analysisd

import (
	"strings"
	"time"
)

// ArchiveTimeLayout is the timestamp of archives.log lines ("%d %s %02d %s").
const ArchiveTimeLayout = "2006 Jan 02 15:04:05"

// keepaliveLocation is never archived, as in analysisd's OS_Store.
const keepaliveLocation = "ossec-keepalive"

// ArchiveLine renders m like analysisd's OS_Store writes archives.log:
// "<time> <host>-><location> <message>". Messages from agents carry their
// host in the location ("(name) ip->path"), which is then written alone.
// ok is false for keepalives, which Wazuh never archives.
func ArchiveLine(t time.Time, manager string, m Message) (line []byte, ok bool) {
	if m.Location == keepaliveLocation || strings.Contains(m.Location, "->"+keepaliveLocation) {
		return nil, false
	}
	buf := make([]byte, 0, len(ArchiveTimeLayout)+len(manager)+len(m.Location)+len(m.Text)+4)
	buf = t.AppendFormat(buf, ArchiveTimeLayout)
	buf = append(buf, ' ')
	if !strings.HasPrefix(m.Location, "(") {
		buf = append(buf, manager...)
		buf = append(buf, "->"...)
	}
	buf = append(buf, m.Location...)
	buf = append(buf, ' ')
	buf = append(buf, m.Text...)
	return buf, true
}
