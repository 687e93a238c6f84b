# gatherlab — build, run, test, install, benchmark.
# `make run` and `make test` install the Debian packages they need first (when run as root).

SWIFT ?= swift
PREFIX ?= /usr/local
APT_PACKAGES := libedit-dev libcmark-gfm-dev libcmark-gfm-extensions-dev pkg-config
BENCH_APT_PACKAGES := hyperfine
# The program users run: release, with the Swift runtime linked in statically, which starts in a
# third of the time (no shared Swift libraries to load). Built apart from the test builds.
STATIC_BUILD := .build/static
BIN := $(STATIC_BUILD)/release/gatherlab
# libstdc++ is linked in statically too, when its archive is installed: loading the shared one and
# binding its 2 500 symbols took 1.5 ms of the walkthrough's 9 ms start-up. Swift's
# static-stdlib-args.lnk asks for -lstdc++; a directory holding only the archive, searched first,
# answers it. Without the archive the binary links libstdc++.so as before.
LIBSTDCXX_A := $(shell for c in clang gcc cc; do command -v $$c >/dev/null 2>&1 && { $$c -print-file-name=libstdc++.a; break; }; done)
STATIC_LINK_DIR := $(CURDIR)/$(STATIC_BUILD)/link
RELEASE_LINK_FLAGS := $(if $(filter /%,$(LIBSTDCXX_A)),-Xlinker -L$(STATIC_LINK_DIR))

.PHONY: all deps build release run test test-debug test-release install uninstall bench lint clean trace-venv

all: release

# Installs the missing Debian packages when root; otherwise says what to install.
deps:
	@missing=""; for p in $(APT_PACKAGES) $(EXTRA_APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null || exit 1; \
	  else \
	    echo "Missing packages:$$missing — install them with: sudo apt-get install$$missing" >&2; exit 1; \
	  fi; \
	fi

build: deps
	$(SWIFT) build

release: deps
	@if [ -n "$(RELEASE_LINK_FLAGS)" ]; then mkdir -p "$(STATIC_LINK_DIR)" && ln -sf "$(LIBSTDCXX_A)" "$(STATIC_LINK_DIR)/libstdc++.a"; fi
	$(SWIFT) build -c release --static-swift-stdlib --scratch-path $(STATIC_BUILD) $(RELEASE_LINK_FLAGS) --product gatherlab

run: release
	$(BIN)

test: test-debug test-release

# Unit tests first; then, each on their own, the tests whose programs sleep on the real clock
# (the lessons' Python programs, whose printed timings are compared) and the end-to-end tests:
# those share the machine with nothing else.
# The Python twins' parity test runs alone after them: the twin runs on the real clock, and beside
# other suites it stalled twice; alone it takes about 30 s, and `timeout` keeps a stall from
# eating the whole CI budget.
REAL_CLOCK_TESTS := LessonContentTests|PredictionContentTests|TraceCorpusTests
PARITY_TESTS := PythonTwinParityTests
REAL_CLOCK_LIMIT := timeout 900

# A venv with uvloop and aiohttp for TraceCorpusTests' uvloop and aiohttp programs (from PyPI;
# without network the tests that need it say they are skipped).
TRACE_VENV := .build/venv
trace-venv:
	@[ -x $(TRACE_VENV)/bin/python3 ] && $(TRACE_VENV)/bin/python3 -c "import uvloop, aiohttp" 2>/dev/null || \
	  { python3 -m venv $(TRACE_VENV) && $(TRACE_VENV)/bin/pip install -q uvloop aiohttp; } || \
	  echo "No uvloop and aiohttp venv: their trace tests are skipped." >&2

test-debug: deps trace-venv
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --skip GatherlabEndToEndTests --skip "$(REAL_CLOCK_TESTS)|$(PARITY_TESTS)"
	$(REAL_CLOCK_LIMIT) $(SWIFT) test --skip-build --filter "$(REAL_CLOCK_TESTS)"
	$(REAL_CLOCK_LIMIT) $(SWIFT) test --skip-build --filter "$(PARITY_TESTS)"
	$(SWIFT) test --skip-build --filter GatherlabEndToEndTests

# Its end-to-end tests run the binary `make install` ships (static runtime and libstdc++), not
# the release build beside the tests: the same code, linked as users get it.
test-release: deps release trace-venv
	$(SWIFT) build -c release --build-tests
	$(SWIFT) test -c release --skip-build --skip GatherlabEndToEndTests --skip "$(REAL_CLOCK_TESTS)|$(PARITY_TESTS)"
	$(REAL_CLOCK_LIMIT) $(SWIFT) test -c release --skip-build --filter "$(REAL_CLOCK_TESTS)"
	$(REAL_CLOCK_LIMIT) $(SWIFT) test -c release --skip-build --filter "$(PARITY_TESTS)"
	GATHERLAB_BINARY="$(CURDIR)/$(BIN)" $(SWIFT) test -c release --skip-build --filter GatherlabEndToEndTests

lint: release
	$(BIN) lint Lessons

install: release
	install -d "$(DESTDIR)$(PREFIX)/bin" "$(DESTDIR)$(PREFIX)/share/gatherlab/Lessons"
	install -m 755 $(BIN) "$(DESTDIR)$(PREFIX)/bin/gatherlab"
	install -m 644 Lessons/*.md "$(DESTDIR)$(PREFIX)/share/gatherlab/Lessons/"

uninstall:
	rm -f "$(DESTDIR)$(PREFIX)/bin/gatherlab"
	rm -rf "$(DESTDIR)$(PREFIX)/share/gatherlab"

bench:
	@$(MAKE) --no-print-directory deps EXTRA_APT_PACKAGES="$(BENCH_APT_PACKAGES)"
	@$(MAKE) --no-print-directory release
	GATHERLAB_BIN=$(BIN) Benchmarks/run

clean:
	rm -rf .build
