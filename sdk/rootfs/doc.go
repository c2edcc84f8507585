// Package rootfs implements sdk.Files on a directory: the Wazuh root, with
// access limited to granted root-relative directories. The host serves
// modules' file operations with it and sdktest.FakeHost uses it too, so
// tests exercise the same path checks as production.
package rootfs
