// Package applog appends one-line records to a log file under the Wazuh
// root, the way the embedded daemons leave a trace of what they received.
// Writes are unbuffered (a record is visible as soon as Append returns) and
// the file is rotated once to "<name>.1" when it exceeds a size limit, so
// neither memory nor disk use grows without bound.
package applog
