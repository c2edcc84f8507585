// Package daemonstatus reads a Wazuh manager's daemon states from the pid
// and flag files in var/run, as wazuh.core.manager.status does
// (data-layer.md §7), and watches the daemons the API needs: in attached
// mode every framework call first checks that they are running, and
// answers Wazuh's 1017 when one is not (api-surface.md §6).
package daemonstatus
