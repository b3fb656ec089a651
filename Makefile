# The two set-up commands of the README: `make site` builds the example
# site into public/, `make test` runs every test.
GO ?= go
FUZZTIME ?= 15s

.PHONY: site test check vet fuzz

site:
	$(GO) run ./cmd/reportsite check --content content

test: vet
	$(GO) test -race -count=1 ./...
	$(MAKE) fuzz

vet:
	@unformatted="$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))"; \
	if [ -n "$$unformatted" ]; then echo "gofmt would change: $$unformatted"; exit 1; fi
	$(GO) vet ./...

# A short run of each fuzz target; failures are kept in testdata/fuzz.
fuzz:
	$(GO) test -run='^$$' -fuzz='^FuzzParseActivity$$' -fuzztime=$(FUZZTIME) ./generator/content/
	$(GO) test -run='^$$' -fuzz='^FuzzRender$$' -fuzztime=$(FUZZTIME) ./generator/markdown/
