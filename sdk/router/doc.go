// Package router dispatches a module's Handle calls to one handler per route
// id, in the spirit of Vault's framework.Backend.
package router
