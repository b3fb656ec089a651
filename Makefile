# The two set-up commands of the README: `make site` builds the example
# site into public/, `make test` runs every test. Both install the pinned
# ECharts from the npm registry first (package-lock.json).
GO ?= go
FUZZTIME ?= 15s
ECHARTS := node_modules/echarts/dist/echarts.min.js

.PHONY: site test vet fuzz browser

site: $(ECHARTS)
	$(GO) run ./cmd/reportsite build --content content --out public

$(ECHARTS): package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

test: $(ECHARTS) vet
	$(GO) test -race -count=1 ./...
	$(MAKE) fuzz

vet:
	@unformatted="$$(gofmt -l cmd generator templates)"; \
	if [ -n "$$unformatted" ]; then echo "gofmt would change: $$unformatted"; exit 1; fi
	$(GO) vet ./...

# A short run of each fuzz target; what they find is kept in testdata/fuzz.
fuzz:
	$(GO) test -run='^$$' -fuzz='^FuzzParseActivity$$' -fuzztime=$(FUZZTIME) ./generator/content/
	$(GO) test -run='^$$' -fuzz='^FuzzParseFile$$' -fuzztime=$(FUZZTIME) ./generator/content/
	$(GO) test -run='^$$' -fuzz='^FuzzRender$$' -fuzztime=$(FUZZTIME) ./generator/markdown/
