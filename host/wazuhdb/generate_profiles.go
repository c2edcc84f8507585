package wazuhdb

// osProfile is one operating system the agent generator draws from, with
// the fields Wazuh agents report (os_* columns of global.db).
type osProfile struct {
	weight                                int
	name, version, major, minor, codename string
	build, platform, arch, family         string
	uname                                 string // %s is replaced by the host name
}

var osProfiles = []osProfile{
	{22, "Ubuntu", "22.04.4 LTS", "22", "04", "Jammy Jellyfish", "", "ubuntu", "x86_64", "linux",
		"Linux |%s |5.15.0-105-generic |#115-Ubuntu SMP Mon Apr 15 09:52:04 UTC 2024 |x86_64"},
	{14, "Ubuntu", "20.04.6 LTS", "20", "04", "Focal Fossa", "", "ubuntu", "x86_64", "linux",
		"Linux |%s |5.4.0-177-generic |#197-Ubuntu SMP Thu Mar 28 22:45:47 UTC 2024 |x86_64"},
	{9, "Debian GNU/Linux", "12", "12", "", "bookworm", "", "debian", "x86_64", "linux",
		"Linux |%s |6.1.0-20-amd64 |#1 SMP PREEMPT_DYNAMIC Debian 6.1.85-1 (2024-04-11) |x86_64"},
	{8, "CentOS Linux", "7.9.2009", "7", "9", "Core", "", "centos", "x86_64", "linux",
		"Linux |%s |3.10.0-1160.118.1.el7.x86_64 |#1 SMP Wed Apr 24 16:01:50 UTC 2024 |x86_64"},
	{9, "Red Hat Enterprise Linux", "9.3", "9", "3", "Plow", "", "rhel", "x86_64", "linux",
		"Linux |%s |5.14.0-362.24.1.el9_3.x86_64 |#1 SMP PREEMPT_DYNAMIC Wed Feb 28 11:04:39 EST 2024 |x86_64"},
	{6, "Amazon Linux", "2", "2", "", "", "", "amzn", "aarch64", "linux",
		"Linux |%s |4.14.336-257.568.amzn2.aarch64 |#1 SMP Sat Mar 23 09:49:55 UTC 2024 |aarch64"},
	{12, "Microsoft Windows Server 2022 Datacenter", "10.0.20348.2402", "10", "0", "", "20348", "windows", "x86_64", "windows",
		"Microsoft Windows Server 2022 Datacenter"},
	{7, "Microsoft Windows Server 2019 Standard", "10.0.17763.5696", "10", "0", "", "17763", "windows", "x86_64", "windows",
		"Microsoft Windows Server 2019 Standard"},
	{6, "Microsoft Windows 10 Pro", "10.0.19045.4291", "10", "0", "", "19045", "windows", "x86_64", "windows",
		"Microsoft Windows 10 Pro"},
	{4, "Microsoft Windows 11 Enterprise", "10.0.22631.3447", "10", "0", "", "22631", "windows", "x86_64", "windows",
		"Microsoft Windows 11 Enterprise"},
	{3, "macOS", "14.4.1", "14", "4", "Sonoma", "23E224", "darwin", "arm64", "macos",
		"Darwin |%s |23.4.0 |Darwin Kernel Version 23.4.0: Fri Mar 15 00:12:37 PDT 2024; root:xnu-10063.101.17~1/RELEASE_ARM64_T6030 |arm64"},
}

// agentVersions are the agent versions the generator draws from, weighted.
var agentVersions = []struct {
	weight  int
	version string
}{
	{40, "Wazuh v4.14.7"}, {25, "Wazuh v4.9.2"}, {20, "Wazuh v4.7.5"}, {10, "Wazuh v4.3.11"}, {5, "Wazuh v3.13.6"},
}

// hostRoles name hosts and give them a role group.
var hostRoles = []string{"web", "db", "app", "cache", "mail", "dns", "k8s-node", "ci", "vpn", "proxy", "file", "dc"}

var hostEnvs = []string{"prod", "stg", "dev", "qa"}

// generatedGroups are the groups the generator creates; agents get
// "default", their OS family and sometimes a role and an environment group.
var generatedGroups = []string{
	"default", "linux", "windows", "macos", "webservers", "databases", "pci-dss",
	"production", "staging", "dmz",
}

var roleGroups = map[string]string{"web": "webservers", "proxy": "dmz", "db": "databases", "cache": "databases", "dc": "pci-dss", "vpn": "dmz"}

var envGroups = map[string]string{"prod": "production", "stg": "staging"}

var cluster = []string{"master-node", "master-node", "worker-01", "worker-02", "worker-03"}
