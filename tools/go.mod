module github.com/wazuh-go/server/tools

go 1.26
