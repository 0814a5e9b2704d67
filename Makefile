# Two commands on a fresh machine: `make run` and `make test`. Both install GSL first.
SWIFT ?= swift
SCENARIO ?= scenarios/validation/mm1.yaml
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)

.PHONY: run test deps build bench alloc-check clean

deps:
	@if ! dpkg -s libgsl-dev >/dev/null 2>&1 || ! command -v pkg-config >/dev/null 2>&1; then \
		echo "installing libgsl-dev and pkg-config"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libgsl-dev pkg-config; \
	fi

build: deps
	$(SWIFT) build -c release --product rehearse

run: build
	.build/release/rehearse run $(SCENARIO)

test: deps
	$(SWIFT) test

# Kernel throughput beside the plain C loops of ../shared/bench, alternating, since these
# machines are noisy. Prints events/s for each.
BENCH_C ?= ../shared/bench
bench: build
	@mkdir -p .build/bench-c
	@gcc -O2 -o .build/bench-c/hold $(BENCH_C)/hold.c -lm
	@gcc -O2 -o .build/bench-c/phold $(BENCH_C)/phold.c -lm
	@for round in 1 2; do \
		echo "== round $$round"; \
		.build/release/rehearse bench hold --pending 65536 --events 20000000 | tail -1 | sed 's/^/swift hold 65536: /'; \
		.build/bench-c/hold 4 65536 20000000 | sed 's/^/c     /'; \
		.build/release/rehearse bench phold --lps 1024 --end 20000 | tail -1 | sed 's/^/swift phold 1024: /'; \
		.build/bench-c/phold 1024 1 20000 | sed 's/^/c     /'; \
		.build/release/rehearse bench phold --lps 350000 --end 60 | tail -1 | sed 's/^/swift phold 350000: /'; \
		.build/bench-c/phold 350000 1 60 | sed 's/^/c     /'; \
	done
	@.build/release/rehearse bench hold --pending 1000000 --events 5000000 | sed 's/^/swift hold 1M pending: /'

# The same scenario at 1x, 2x and 4x the events with the same number of samples: the count
# of malloc calls stays flat when nothing is allocated per event. For the edge:
# make alloc-check SCENARIO=scenarios/bench/edge-least-request.yaml ALLOC_SECONDS="50 100 200"
ALLOC_SECONDS ?= 20000 40000 80000
alloc-check: build
	@mkdir -p .build/tools
	@gcc -O2 -shared -fPIC -o .build/tools/malloc_count.so tools/malloc_count.c -ldl
	@for seconds in $(ALLOC_SECONDS); do \
		LD_PRELOAD=$(CURDIR)/.build/tools/malloc_count.so .build/release/rehearse run $(SCENARIO) \
			--set duration=$${seconds}s --set warmup=$$((seconds / 10))s --set sample_interval=$$((seconds / 10))s \
			--replications 1 --jobs 1 --out .build/tools/alloc-run --quiet 2>&1 | grep -E "malloc_calls|events in" | tr '\n' ' '; echo; \
	done

clean:
	rm -rf .build reports/*/
