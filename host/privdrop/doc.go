// Package privdrop switches a host started as root to the wazuh user and
// group, as Wazuh's wazuh-apid does when api.yaml's drop_privileges is
// true (security.md §6.1): a Wazuh manager's files and sockets belong to
// wazuh, and the API has no reason to keep root.
package privdrop
