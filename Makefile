# wazuh-go server. `make run` builds and serves the embedded default,
# `make test` runs every Go module's tests with -race.

GO        ?= go
ROOT_DIR  ?= ./var/wazuh
MODULES   := $(notdir $(wildcard modules/*))
GOMODS    := $(shell $(GO) list -m -f '{{.Dir}}' 2>/dev/null)
PROTOC    ?= protoc
PROTO_OUT := sdk/internal/wire
PROTOS    := $(shell find proto -name '*.proto' | sort)
FUZZTIME  ?= 10s

.PHONY: all build run test bench proto proto-check fuzz lint tidy clean

all: build

build:
	$(GO) build -o bin/wazuh-apid ./cmd/wazuh-apid
	@mkdir -p bin/modules
	@for m in $(MODULES); do \
		echo "build module $$m"; \
		$(GO) build -C modules/$$m -o $(CURDIR)/bin/modules/wazuh-module-$$m . || exit 1; \
	done
	@$(GO) build -C sdk -o $(CURDIR)/bin/modules/wazuh-module-example ./examples/hello

run: build
	./bin/wazuh-apid serve --root $(ROOT_DIR) --config configs/api.yaml

test:
	$(GO) test -race -count=1 $(addsuffix /...,$(GOMODS))

BENCHTIME ?= 1s

bench: build
	@for d in $(GOMODS); do (cd $$d && $(GO) test -run '^$$' -bench . -benchtime $(BENCHTIME) ./... 2>/dev/null | grep -E '^(Benchmark|ok|FAIL|pkg:)') || true; done
	$(GO) run ./cmd/wazuh-bench -bin ./bin

proto:
	$(PROTOC) --version
	PATH="$(CURDIR)/bin/tools:$$PATH" sh -c '\
		mkdir -p bin/tools $(PROTO_OUT) && \
		GOWORK=off $(GO) build -modfile=tools/go.mod -o bin/tools/ google.golang.org/protobuf/cmd/protoc-gen-go google.golang.org/grpc/cmd/protoc-gen-go-grpc && \
		$(PROTOC) -I proto \
			--go_out=$(PROTO_OUT) --go_opt=module=github.com/wazuh-go/server/sdk/internal/wire \
			--go-grpc_out=$(PROTO_OUT) --go-grpc_opt=module=github.com/wazuh-go/server/sdk/internal/wire \
			$(PROTOS)'

proto-check: proto
	git diff --exit-code -- $(PROTO_OUT)
	@test -z "$$(git status --porcelain -- $(PROTO_OUT))" || (echo "untracked generated files; run make proto and commit" && exit 1)

fuzz:
	@for d in $(GOMODS); do \
		for pkg in $$(cd $$d && $(GO) list ./...); do \
			for f in $$(cd $$d && $(GO) test -list '^Fuzz' $$pkg 2>/dev/null | grep '^Fuzz'); do \
				echo "fuzz $$pkg $$f"; \
				(cd $$d && $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg) || exit 1; \
			done; \
		done; \
	done

lint:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || (gofmt -l $$(git ls-files '*.go') && exit 1)
	@for d in $(GOMODS); do (cd $$d && $(GO) vet ./...) || exit 1; done

tidy:
	@for d in $(GOMODS); do (cd $$d && $(GO) mod tidy) || exit 1; done
	$(GO) work sync

clean:
	rm -rf bin
