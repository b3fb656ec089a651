# The two set-up commands of the README: `make site` builds the example
# site into public/, `make test` runs every test. Both first bundle the
# chart script the binary embeds, from the pinned ECharts that npm installs
# (package-lock.json).
GO ?= go
FUZZTIME ?= 15s
ECHARTS := node_modules/echarts/package.json
BUNDLE := generator/chartscript/dist/charts.js

.PHONY: site test vet fuzz browser bundle build

site: $(BUNDLE)
	$(GO) run ./cmd/reportsite build --content content --out public

$(ECHARTS): package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

# `make bundle`: the chart script (generator/chartscript/charts.js with the
# parts of ECharts it imports) and the search script
# (generator/search/search.js with MiniSearch and the number formats),
# bundled with esbuild into generator/chartscript/dist/, which the binary
# embeds. One run of cmd/bundle makes both; $(BUNDLE) stands for the two.
bundle: $(BUNDLE)

$(BUNDLE): $(ECHARTS) generator/chartscript/charts.js generator/search/search.js generator/locale/numberformat.js cmd/bundle/main.go
	$(GO) run ./cmd/bundle

# `make build`: bin/reportsite, self-contained: it runs from any folder
# with no Node, no node_modules and no network.
# -buildvcs=auto records the commit it is built from, which `reportsite
# version` prints, wherever git is at hand.
build: $(BUNDLE)
	$(GO) build -buildvcs=auto -o bin/reportsite ./cmd/reportsite

test: $(BUNDLE) vet
	$(GO) test -race -count=1 ./...
	$(MAKE) fuzz

vet:
	@unformatted="$$(gofmt -l cmd generator templates)"; \
	if [ -n "$$unformatted" ]; then echo "gofmt would change: $$unformatted"; exit 1; fi
	$(GO) vet ./...
	GOOS=windows $(GO) vet ./...
	GOOS=darwin $(GO) vet ./...

# `make release`: self-contained reportsite binaries (no cgo, no
# node_modules, no paths of this machine) for Linux, macOS and Windows on
# amd64 and arm64 in dist/, with their SHA256SUMS. VERSION is stamped
# into them; cmd/reportsite/release_test.go runs one as an editor would.
VERSION ?= $(shell git describe --tags --always --dirty)
RELEASE_PLATFORMS := linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64 windows/arm64
RELEASE_LDFLAGS = -s -w -X reportsite/generator/version.release=$(VERSION)
SHA256SUM ?= sha256sum

.PHONY: release
release: $(BUNDLE)
	rm -rf dist
	@mkdir -p dist
	@set -e; for platform in $(RELEASE_PLATFORMS); do \
		os=$${platform%/*}; arch=$${platform#*/}; exe=; \
		if [ "$$os" = windows ]; then exe=.exe; fi; \
		echo "dist/reportsite-$$os-$$arch$$exe"; \
		CGO_ENABLED=0 GOOS=$$os GOARCH=$$arch $(GO) build -trimpath -ldflags "$(RELEASE_LDFLAGS)" \
			-o "dist/reportsite-$$os-$$arch$$exe" ./cmd/reportsite; \
	done
	cd dist && $(SHA256SUM) reportsite-* > SHA256SUMS

# A short run of each fuzz target; what they find is kept in testdata/fuzz.
fuzz:
	$(GO) test -run='^$$' -fuzz='^FuzzParseActivity$$' -fuzztime=$(FUZZTIME) ./generator/content/
	$(GO) test -run='^$$' -fuzz='^FuzzParseFile$$' -fuzztime=$(FUZZTIME) ./generator/content/
	$(GO) test -run='^$$' -fuzz='^FuzzRender$$' -fuzztime=$(FUZZTIME) ./generator/markdown/

# `make bench`: every phase of a build (load, validate, aggregate, render,
# write, the whole build) at four sizes — the example site and generated
# fixtures of 20, 200 and 1,000 units — BENCH_COUNT times each, then the
# large build as a process under /usr/bin/time for its wall time and peak
# resident memory, and serve's save-to-reload time on the example and the
# large fixture, and the example's year report on a slow phone in
# Chromium. It takes 20-25 minutes; docs/performance.md says
# how to read the results, which are kept in $(BENCH_OUT).
BENCH_OUT ?= artifacts/bench
BENCH_COUNT ?= 5
BENCH_RUNS ?= 3
BENCHSTAT := golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da
BENCH := $(GO) test -run='^$$' -timeout=3h -count=$(BENCH_COUNT)

# `make pgo`: cmd/reportsite/default.pgo, the CPU profile of loading and
# rendering the large fixture, which `go build` of the command uses to
# optimise the code that profile shows hot (profile-guided optimisation;
# about 8% less CPU for a large build). Make it again after large changes to
# the pipeline.
.PHONY: pgo
pgo: $(BUNDLE)
	REPORTSITE_BENCH_LARGE=1 $(GO) test -run='^$$' -bench='Render/large$$' -benchtime=1x -count=1 \
		-cpuprofile=cmd/reportsite/default.pgo -o "$${TMPDIR:-/tmp}/reportsite-pgo.test" ./generator/site/

.PHONY: bench
bench: $(BUNDLE)
	@mkdir -p $(BENCH_OUT)
	@command -v /usr/bin/time >/dev/null || { echo "bench needs GNU time: apt-get install time"; exit 1; }
	REPORTSITE_BENCH_LARGE=1 $(BENCH) -bench=. -benchtime=1s ./generator/content/ | tee $(BENCH_OUT)/content.txt
	$(BENCH) -bench='/(example|small)$$' -benchtime=1s ./generator/site/ | tee $(BENCH_OUT)/site.txt
	$(BENCH) -bench='/medium$$' -benchtime=1x ./generator/site/ | tee -a $(BENCH_OUT)/site.txt
	REPORTSITE_BENCH_LARGE=1 $(BENCH) -bench='/large$$' -benchtime=1x ./generator/site/ | tee -a $(BENCH_OUT)/site.txt
	$(BENCH) -bench=EditToReload -benchtime=20x ./generator/serve/ | tee $(BENCH_OUT)/serve.txt
	$(BENCH) -bench=YearReportOnAPhone -benchtime=10x ./generator/browsertest/ | tee $(BENCH_OUT)/phone.txt
	@! grep -E '^(--- )?FAIL' $(BENCH_OUT)/content.txt $(BENCH_OUT)/site.txt $(BENCH_OUT)/serve.txt $(BENCH_OUT)/phone.txt
	$(GO) build -o bin/reportsite ./cmd/reportsite
	@set -e; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	$(GO) run ./cmd/fixture -units 1000 -activities 10000 -years 5 -seed 1 -out "$$tmp/content"; \
	: > $(BENCH_OUT)/build-large.txt; \
	for i in $$(seq $(BENCH_RUNS)); do \
		rm -rf "$$tmp/public"; \
		/usr/bin/time -v bin/reportsite build --content "$$tmp/content" --out "$$tmp/public" 2>"$$tmp/time.txt" >/dev/null || { cat "$$tmp/time.txt"; exit 1; }; \
		field() { grep -E "$$1" "$$tmp/time.txt" | sed 's/.*: //'; }; \
		echo "large build $$i: $$(field Elapsed) wall, $$(field 'Maximum resident') KB max RSS, $$(field 'User time') s user, $$(field 'System time') s system" | tee -a $(BENCH_OUT)/build-large.txt; \
	done
	@for f in content site serve phone; do $(GO) run $(BENCHSTAT) $(BENCH_OUT)/$$f.txt 2>/dev/null || \
		echo "(benchstat could not be fetched; the raw results are in $(BENCH_OUT))"; done
