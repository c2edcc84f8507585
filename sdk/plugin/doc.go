// Package plugin serves a module: module binaries call Serve first thing in
// main.
//
//	func main() { plugin.Serve(mymodule.New()) }
package plugin
