// Package layout knows the Wazuh root directory layout (data-layer.md §1.2,
// §10) and creates it for the embedded default on first start.
package layout
