# Two commands on a fresh machine: `make run` and `make test`. Both install GSL first.
SWIFT ?= swift
SCENARIO ?= scenarios/baseline.yaml
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)

.PHONY: run test deps build bench bench-scale alloc-check test-browser test-notebook browser-deps sweep-dask test-dask bench-dask clean

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

# The pages and notebooks as people open them. A venv with the notebook packages (and
# Pillow, which matplotlib needs anyway, to read screenshots); chromium-headless-shell from apt.
VENV ?= .venv
CHECKS := $(CURDIR)/.build/checks
SHORT_RUN := --replications 3 --quiet

$(VENV)/.installed: notebooks-export/requirements.txt
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q -r notebooks-export/requirements.txt pillow
	touch $@

browser-deps:
	@command -v chromium-headless-shell >/dev/null 2>&1 || { \
		echo "installing chromium-headless-shell"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium-headless-shell; }

# Renders report.html (an M/M/1 run and the sidecar trade-off) and compare.html in a headless
# browser, wide and narrow, and checks the screenshots are not blank.
test-browser: build browser-deps $(VENV)/.installed
	@rm -rf $(CHECKS)/browser && mkdir -p $(CHECKS)/browser
	.build/release/rehearse run scenarios/validation/mm1.yaml --set duration=2h --set warmup=5m $(SHORT_RUN) --out $(CHECKS)/browser/mm1
	.build/release/rehearse run scenarios/tradeoffs/sidecar-vs-library.yaml --set duration=2m --set warmup=20s $(SHORT_RUN) --out $(CHECKS)/browser/sidecar
	.build/release/rehearse compare scenarios/compare/slow-hosts.yaml scenarios/compare/slow-hosts.yaml \
		--set-b edge.clusters.web.lb=least_request --set duration=1m --set warmup=10s $(SHORT_RUN) --out $(CHECKS)/browser/compare
	@for page in mm1/report.html sidecar/report.html compare/compare.html; do \
		for width in 1280 420; do \
			png=$(CHECKS)/browser/$$(echo $$page | tr / -)-$$width.png; \
			chromium-headless-shell --no-sandbox --user-data-dir=$$(mktemp -d) --hide-scrollbars \
				--screenshot=$$png --window-size=$$width,2400 file://$(CHECKS)/browser/$$page 2>/dev/null || exit 1; \
		done; \
	done
	$(VENV)/bin/python tools/check_report_png.py $(CHECKS)/browser/*.png

# Exports a run's notebook and executes it top to bottom in a fresh kernel.
test-notebook: build $(VENV)/.installed
	@rm -rf $(CHECKS)/notebook && mkdir -p $(CHECKS)/notebook
	.build/release/rehearse run scenarios/tradeoffs/lb-policies.yaml --set duration=2m --set warmup=20s $(SHORT_RUN) --out $(CHECKS)/notebook/run
	.build/release/rehearse export-notebook $(CHECKS)/notebook/run --out $(CHECKS)/notebook/run.ipynb
	$(VENV)/bin/python tools/check_notebook.py $(CHECKS)/notebook/run.ipynb $(CHECKS)/notebook/run

# Sweeps on Dask (dask/sweep.py): a loopback scheduler and two single-threaded workers, the
# driver, then the cluster stopped by PID. On a real cluster, point --scheduler at it.
DASK_VENV := $(VENV)/.dask-installed
SHARDS ?= 5
SWEEP ?= scenarios/sweeps/queue-servers.yaml
DASK_PORT ?= 8786

$(DASK_VENV): dask/requirements.txt $(VENV)/.installed
	$(VENV)/bin/pip install -q -r dask/requirements.txt
	touch $@

sweep-dask: build $(DASK_VENV)
	@$(VENV)/bin/dask scheduler --host 127.0.0.1 --port $(DASK_PORT) --no-dashboard >.build/dask-scheduler.log 2>&1 & echo $$! >.build/dask-scheduler.pid
	@$(VENV)/bin/dask worker tcp://127.0.0.1:$(DASK_PORT) --nworkers 2 --nthreads 1 --no-dashboard >.build/dask-worker.log 2>&1 & echo $$! >.build/dask-worker.pid
	@status=0; $(VENV)/bin/python dask/sweep.py $(SWEEP) --shards $(SHARDS) --scheduler tcp://127.0.0.1:$(DASK_PORT) || status=$$?; \
		kill $$(cat .build/dask-worker.pid); sleep 1; kill $$(cat .build/dask-scheduler.pid); exit $$status

# The driver's promises on a loopback cluster: same bytes as one sweep, a killed worker, a
# failing shard, resuming.
test-dask: build $(DASK_VENV)
	$(VENV)/bin/python dask/test_sweep.py --rehearse .build/release/rehearse

# One worker against two on a CPU-bound sweep (local clusters, 8 shards of a longer run).
bench-dask: build $(DASK_VENV)
	@for workers in 1 2; do \
		rm -rf .build/bench-dask; \
		/usr/bin/time -f "workers=$$workers seconds=%e" $(VENV)/bin/python dask/sweep.py $(SWEEP) --shards 8 --workers $$workers \
			--set duration=400h --work .build/bench-dask/shards --out .build/bench-dask/merged >/dev/null 2>.build/bench-dask.log \
			|| { cat .build/bench-dask.log; exit 1; }; tail -1 .build/bench-dask.log; \
	done

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
# make alloc-check ALLOC_SCENARIO=scenarios/bench/edge-least-request.yaml ALLOC_SECONDS="50 100 200"
ALLOC_SECONDS ?= 20000 40000 80000
ALLOC_SCENARIO ?= scenarios/validation/mm1.yaml
alloc-check: build
	@mkdir -p .build/tools
	@gcc -O2 -shared -fPIC -o .build/tools/malloc_count.so tools/malloc_count.c -ldl
	@for seconds in $(ALLOC_SECONDS); do \
		LD_PRELOAD=$(CURDIR)/.build/tools/malloc_count.so .build/release/rehearse run $(ALLOC_SCENARIO) \
			--set duration=$${seconds}s --set warmup=$$((seconds / 10))s --set sample_interval=$$((seconds / 10))s \
			--replications 1 --jobs 1 --out .build/tools/alloc-run --quiet 2>&1 | grep -E "malloc_calls|events in" | tr '\n' ' '; echo; \
	done

# The baseline's scale targets: wall time and peak RSS of the full run, and wall time per
# million requests at 35,000, 350,000 and 3,500,000 tenants. Printed, not asserted.
bench-scale: build
	python3 tools/bench_scale.py .build/release/rehearse scenarios/baseline.yaml .build/bench-scale

clean:
	rm -rf .build reports/*/
