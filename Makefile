# gatherlab — build, run, test, install, benchmark.
# `make run` and `make test` install the Debian packages they need first (when run as root).

SWIFT ?= swift
PYTHON ?= python3
PREFIX ?= /usr/local
# libncurses-dev (libtinfo.a), libbsd-dev and libmd-dev: the archives libedit.a needs for the
# self-contained release binary (see STATIC_LIBS below).
APT_PACKAGES := libedit-dev libcmark-gfm-dev libcmark-gfm-extensions-dev libncurses-dev libbsd-dev libmd-dev pkg-config
BENCH_APT_PACKAGES := hyperfine
# The one version number lives in Sources/gatherlab/Version.swift (`gatherlab --version`).
VERSION := $(shell sed -n 's/^ *static let version = "\([^"]*\)".*/\1/p' Sources/gatherlab/Version.swift)
# The program users run: release, with the Swift runtime linked in statically, which starts in a
# third of the time (no shared Swift libraries to load). Built apart from the test builds.
STATIC_BUILD := .build/static
BIN := $(STATIC_BUILD)/release/gatherlab
# Self-contained: at run time it loads only glibc's libraries (libc, libm, libgcc_s, ld-linux), so
# it can be copied to another Linux machine and shipped in a wheel. libedit (with libtinfo, libbsd,
# libmd), cmark-gfm and libstdc++ come from their static archives: Packaging/static-libraries
# writes a link directory holding only archives and pkg-config files that point SwiftPM there
# instead of /usr/lib (the script says why both). -s strips it: 90 MB → 64 MB. No $ORIGIN run path
# (ld.so looked for libc.so.6 beside the binary first: 13 failed opens per start, and in a venv's
# bin/ any file of that name would be loaded). hypot and hypotf through Packaging/glibc-compat.c:
# the only symbols that needed glibc 2.35, so the wheel is manylinux_2_34. It stays
# position-independent: -no-pie saved ld.so's 89 500 relocations (about 1 ms of `list`'s start-up)
# but would give up address-space randomisation for a binary installed from PyPI.
STATIC_LIBS := $(CURDIR)/$(STATIC_BUILD)/static-libraries
RELEASE_LINK_FLAGS := --disable-local-rpath --pkg-config-path $(STATIC_LIBS)/pkgconfig -Xlinker -L$(STATIC_LIBS)/link -Xlinker -s \
  -Xlinker $(STATIC_LIBS)/glibc-compat.o -Xlinker --wrap=hypot -Xlinker --wrap=hypotf
# Man page and shell completions, generated from the binary's own help (swift-argument-parser).
SHARE_BUILD := $(STATIC_BUILD)/share
DIST := dist

.PHONY: all deps speedups build release share run test test-debug test-release test-wheel install uninstall wheel bench lint clean trace-venv

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

# The tracer's C speedups (Sources/LabCore/Demos/Python/_gatherlab_speedups.c), compiled once for
# each CPython 3.11 to 3.13 here into .build/speedups, where the EmbedFiles plugin finds them to
# embed (none there: the binary carries none, and trace runs its tracer in pure Python). The script
# rebuilds one only when the .c (or the script) is newer; a compile error fails the make.
SPEEDUPS_SOURCE := Sources/LabCore/Demos/Python/_gatherlab_speedups.c
speedups:
	@CC="$(CC)" Packaging/build-speedups .build/speedups $(SPEEDUPS_SOURCE) "$(PYTHON)"

build: deps speedups
	$(SWIFT) build

release: deps speedups
	Packaging/static-libraries "$(STATIC_LIBS)" $(BIN)
	$(SWIFT) build -c release --static-swift-stdlib --scratch-path $(STATIC_BUILD) $(RELEASE_LINK_FLAGS) --product gatherlab

# share/man/man1/gatherlab.1 and the bash, zsh and fish completions, laid out as under a prefix.
share: release
	rm -rf "$(SHARE_BUILD)"
	mkdir -p "$(SHARE_BUILD)/man/man1" "$(SHARE_BUILD)/bash-completion/completions" \
	  "$(SHARE_BUILD)/zsh/site-functions" "$(SHARE_BUILD)/fish/vendor_completions.d"
	$(BIN) --experimental-dump-help | $(PYTHON) Packaging/manpage.py "$(VERSION)" > "$(SHARE_BUILD)/man/man1/gatherlab.1"
	$(BIN) --generate-completion-script bash > "$(SHARE_BUILD)/bash-completion/completions/gatherlab"
	$(BIN) --generate-completion-script zsh > "$(SHARE_BUILD)/zsh/site-functions/_gatherlab"
	$(BIN) --generate-completion-script fish > "$(SHARE_BUILD)/fish/vendor_completions.d/gatherlab.fish"

# dist/gatherlab-VERSION-py3-none-manylinux_2_X_x86_64.whl: the binary as the wheel's script, so
# `pipx install`, `uv tool install` and `pip install` put `gatherlab` on PATH; X is measured from
# the binary's glibc symbol versions. Standard library Python only, no network.
wheel: release share
	$(PYTHON) Packaging/build-wheel.py --binary $(BIN) --share "$(SHARE_BUILD)" --readme README.md \
	  --version "$(VERSION)" --dist $(DIST)

run: release
	$(BIN)

test: test-debug test-release

# Unit tests first; then, each on their own, the tests whose programs sleep on the real clock
# (the lessons' Python programs, whose printed timings are compared; the demos' Python as `code` shows
# it) and the end-to-end tests:
# those share the machine with nothing else.
# The Python twins' parity test runs alone after them: the twin runs on the real clock, and beside
# other suites it stalled twice; alone it takes about 30 s, and `timeout` keeps a stall from
# eating the whole CI budget.
# ExerciseCheckerChainProgramTests checks 24 real programs on virtual time, each under check's
# real-time hang limit: beside the parallel suites on a loaded machine some went past it.
REAL_CLOCK_TESTS := LessonContentTests|PredictionContentTests|TraceCorpusTests|PlainPythonRunTests|TraceOrderTests|ExerciseCheckerChainProgramTests
PARITY_TESTS := PythonTwinParityTests
REAL_CLOCK_LIMIT := timeout 900

# A venv with uvloop and aiohttp for TraceCorpusTests' uvloop and aiohttp programs (from PyPI;
# without network the tests that need it say they are skipped).
TRACE_VENV := .build/venv
trace-venv:
	@[ -x $(TRACE_VENV)/bin/python3 ] && $(TRACE_VENV)/bin/python3 -c "import uvloop, aiohttp" 2>/dev/null || \
	  { python3 -m venv $(TRACE_VENV) && PIP_USER=0 $(TRACE_VENV)/bin/pip install -q uvloop aiohttp; } || \
	  echo "No uvloop and aiohttp venv: their trace tests are skipped." >&2

test-debug: deps trace-venv speedups
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --skip GatherlabEndToEndTests --skip "$(REAL_CLOCK_TESTS)|$(PARITY_TESTS)"
	$(REAL_CLOCK_LIMIT) $(SWIFT) test --skip-build --filter "$(REAL_CLOCK_TESTS)"
	$(REAL_CLOCK_LIMIT) $(SWIFT) test --skip-build --filter "$(PARITY_TESTS)"
	$(SWIFT) test --skip-build --filter GatherlabEndToEndTests
	# The exercises' authoring check: every starter and wrong/ version fails a check, every
	# solution and alternatives/ version passes them all on each of its schedules, on each
	# CPython 3.11+ here. On virtual time (the instants do not depend on the load).
	$(REAL_CLOCK_LIMIT) .build/debug/gatherlab lint --exercises Exercises

# Its end-to-end tests run the binary `make install` ships (static runtime and libstdc++), not
# the release build beside the tests: the same code, linked as users get it.
test-release: deps speedups release trace-venv
	$(SWIFT) build -c release --build-tests
	$(SWIFT) test -c release --skip-build --skip GatherlabEndToEndTests --skip "$(REAL_CLOCK_TESTS)|$(PARITY_TESTS)"
	$(REAL_CLOCK_LIMIT) $(SWIFT) test -c release --skip-build --filter "$(REAL_CLOCK_TESTS)"
	$(REAL_CLOCK_LIMIT) $(SWIFT) test -c release --skip-build --filter "$(PARITY_TESTS)"
	GATHERLAB_BINARY="$(CURDIR)/$(BIN)" $(SWIFT) test -c release --skip-build --filter GatherlabEndToEndTests
	$(MAKE) --no-print-directory test-wheel

# The wheel installed into a fresh venv and run as a user would, from another directory.
test-wheel: wheel
	PYTHON=$(PYTHON) Tests/Wheel/test-wheel.sh "$(DIST)/gatherlab-$(VERSION)-py3-none-"*.whl "$(VERSION)"

lint: release
	$(BIN) lint Lessons
	$(BIN) lint --exercises Exercises

install: release share
	install -d "$(DESTDIR)$(PREFIX)/bin" "$(DESTDIR)$(PREFIX)/share/gatherlab/Lessons" \
	  "$(DESTDIR)$(PREFIX)/share/man/man1" "$(DESTDIR)$(PREFIX)/share/bash-completion/completions" \
	  "$(DESTDIR)$(PREFIX)/share/zsh/site-functions" "$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d"
	install -m 755 $(BIN) "$(DESTDIR)$(PREFIX)/bin/gatherlab"
	install -m 644 Lessons/*.md "$(DESTDIR)$(PREFIX)/share/gatherlab/Lessons/"
	install -m 644 "$(SHARE_BUILD)/man/man1/gatherlab.1" "$(DESTDIR)$(PREFIX)/share/man/man1/"
	install -m 644 "$(SHARE_BUILD)/bash-completion/completions/gatherlab" "$(DESTDIR)$(PREFIX)/share/bash-completion/completions/"
	install -m 644 "$(SHARE_BUILD)/zsh/site-functions/_gatherlab" "$(DESTDIR)$(PREFIX)/share/zsh/site-functions/"
	install -m 644 "$(SHARE_BUILD)/fish/vendor_completions.d/gatherlab.fish" "$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/"
	for exercise in Exercises/[0-9]*; do \
	  install -d "$(DESTDIR)$(PREFIX)/share/gatherlab/$$exercise" && \
	  install -m 644 $$exercise/exercise.md $$exercise/starter.py $$exercise/solution.py "$(DESTDIR)$(PREFIX)/share/gatherlab/$$exercise/"; \
	done

uninstall:
	rm -f "$(DESTDIR)$(PREFIX)/bin/gatherlab"
	rm -rf "$(DESTDIR)$(PREFIX)/share/gatherlab"
	rm -f "$(DESTDIR)$(PREFIX)/share/man/man1/gatherlab.1" \
	  "$(DESTDIR)$(PREFIX)/share/bash-completion/completions/gatherlab" \
	  "$(DESTDIR)$(PREFIX)/share/zsh/site-functions/_gatherlab" \
	  "$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/gatherlab.fish"

bench:
	@$(MAKE) --no-print-directory deps EXTRA_APT_PACKAGES="$(BENCH_APT_PACKAGES)"
	@$(MAKE) --no-print-directory release
	GATHERLAB_BIN=$(BIN) Benchmarks/run

clean:
	rm -rf .build $(DIST)
