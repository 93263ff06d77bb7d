# mk/bench.mk — `make bench`: phasedoc against its floor (bench/floor.c: Pango and Cairo drawing
# the same lines with no layout logic) and against Typst, WeasyPrint and Apache FOP, side by
# side in one run; writes bench/results.md. `make bench-quick` is the same with small counts.
# Knobs (environment or make variables): BENCH_RUNS (cold single-document runs, 5),
# BENCH_BATCH_RUNS (3), BENCH_BATCH (documents in the phasedoc/floor/Typst batch, 1000),
# BENCH_SLOW_BATCH (documents in the WeasyPrint and FOP batches, 100), BENCH_PAGES (10,100,1000),
# BENCH_LETTERS (the mail merges: letters of records through -x, 1,500), BENCH_TOOLS (a subset of
# phasedoc,floor,typst,weasyprint,fop).

.PHONY: bench bench-serve bench-quick bench-deps bench-floor bench-profile

BENCH_FLOOR := $(BUILD)/bench/floor
BENCH_PREP  := $(BUILD)/bench/prep

bench-deps:
	./scripts/install-bench-deps

$(BENCH_FLOOR): bench/floor.c
	@mkdir -p $(dir $@)
	@echo "  CC   $<"
	@$(CC) -std=c11 -O2 -g -Wall -Wextra $(shell pkg-config --cflags pangocairo pangoft2 cairo-pdf fontconfig librsvg-2.0) \
	    -o $@ $< $(shell pkg-config --libs pangocairo pangoft2 cairo-pdf fontconfig librsvg-2.0)

# Makes the bench's inputs (layout XML and box dumps of 1,000 projects) in one process.
$(BENCH_PREP): bench/prep.c $(BUILD)/libphasedoc.a
	@mkdir -p $(dir $@)
	@echo "  LINK $@"
	@$(CC) -std=c11 -O2 -g -Wall -Wextra -Iinclude -o $@ $< $(BUILD)/libphasedoc.a $(LDLIBS)

bench-floor: $(BENCH_FLOOR)

bench: bench-deps
	$(MAKE) $(BUILD)/phasedoc $(BENCH_FLOOR) $(BENCH_PREP)
	python3 bench/run --phasedoc $(BUILD)/phasedoc --floor $(BENCH_FLOOR) --prep $(BENCH_PREP)
	$(MAKE) bench-serve

# phasedoc serve on loopback: 2,000 approval sheets from 16 clients, against batch on the same
# projects; p50/p90/p99 latency; writes bench/serve-results.md.
bench-serve: $(BUILD)/phasedoc
	python3 bench/serve-load.py $(BUILD)/phasedoc 2000 16

bench-quick: bench-deps
	$(MAKE) $(BUILD)/phasedoc $(BENCH_FLOOR) $(BENCH_PREP)
	python3 bench/run --quick --phasedoc $(BUILD)/phasedoc --floor $(BENCH_FLOOR) --prep $(BENCH_PREP)

# Where phasedoc's time goes: callgrind (and perf stat) of a cold approval sheet, a cold offer
# and a batch of 50 with -j 1, split into groups; writes bench/work/profile/profile.txt.
bench-profile: $(BUILD)/phasedoc
	./bench/profile.sh $(BUILD)/phasedoc
