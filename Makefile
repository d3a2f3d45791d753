# Kyodo — the two commands: `make run` and `make test`.
SWIFT ?= swift
DEBIAN_PACKAGES := libsqlite3-dev libssl-dev
# The browser tests drive a real headless Chromium; the font makes Japanese readable in screenshots;
# poppler reads the printed PDF back, and Debian's python3-icalendar parses the meetings feed.
BROWSER_PACKAGES := chromium chromium-driver fonts-ipafont-gothic poppler-utils python3-icalendar openssl

.PHONY: run test build release deps browser-deps bench clean

# Installs missing Debian packages when running as root; otherwise says what is missing.
deps:
	@missing=""; for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq $$missing; \
	  else echo "missing Debian packages:$$missing (run: sudo apt-get install$$missing)"; exit 1; fi; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

# First start creates ./data/kyodo.db, migrates it and loads the demo data.
run: build
	@mkdir -p data
	@if [ ! -f data/kyodo.db ]; then .build/debug/kyodo seed-demo --db data/kyodo.db; fi
	.build/debug/kyodo serve --host 127.0.0.1 --port 8080 --db data/kyodo.db

# Installs the browser when possible; without it the browser tests fail and say what to install.
browser-deps:
	@missing=""; for p in $(BROWSER_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "browser tests need:$$missing (sudo apt-get install$$missing)"; fi; \
	fi

test: deps browser-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

bench:
	bash Benchmarks/http.sh

clean:
	rm -rf .build
