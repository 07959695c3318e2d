# The two commands the README starts with, and the rest of the developer workflow.
SWIFT ?= swift

.PHONY: deps run test lint build bench install

deps:
	@script/ensure-deps

build: deps
	$(SWIFT) build

# Runs fristvakt on its embedded defaults with the demo event set (see README).
run: deps
	@script/run-demo

# The whole test suite, as CI runs it: formatting and the docs' links, the Debian tools the tests
# check against (script/ensure-test-tools), then every test, the
# event-line fuzzer for a bounded time (script/fuzz), then the unit offline and under a real
# systemd booted in a container (script/check-real-systemd; root).
test: deps lint
	script/check-links
	@script/ensure-journald
	@script/ensure-test-tools
	$(SWIFT) build --build-tests
	$(SWIFT) test
	script/fuzz
	script/check-systemd
	script/check-real-systemd

lint:
	$(SWIFT) format lint --strict -r Sources Tests

bench: deps
	$(SWIFT) build -c release --product fristvakt
	$(SWIFT) build -c release --product fristvakt-bench
	.build/release/fristvakt-bench calendar
	.build/release/fristvakt-bench engine

# Installs binary, unit, sysusers, tmpfiles, catalog, config, completions and man page
# (PREFIX and DESTDIR as usual; see script/install).
install:
	@script/install
