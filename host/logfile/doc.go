// Package logfile writes the API's log files as Wazuh does: logs/api.log
// (plain) and logs/api.json (JSON lines) under the Wazuh root, rotated at
// local midnight, or by size when logs.max_size is enabled, with each
// rotated file gzipped into logs/api/<year>/<Mon>/ (security.md §6.1).
//
// The archive names follow Wazuh's wazuh.core.wlogging handlers
// (reproduced from Wazuh 4.x, which the reference does not spell out):
// api-<DD>.log.gz for the day that ended, and api-<DD>_<N>.log.gz, N
// counting from 1, for size rotations.
package logfile
