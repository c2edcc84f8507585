// Package bench is the load driver behind `make bench`: it starts a real
// wazuh-apid with its modules, drives HTTPS keep-alive clients against it
// and reports requests per second and latency percentiles.
package bench
