# hardening.mk — sanitizers, valgrind and fuzzing (see SECURITY.md).
#
#   make sanitize            everything built with clang, ASan + UBSan (build-asan/), then the
#                            unit and end-to-end tests and the fuzz replays against it, leaks
#                            reported
#   make valgrind            each sample rendered under valgrind: no errors, no definite leaks
#   make fuzz                each libFuzzer target for FUZZ_SECONDS (default 60) on its corpus
#   make fuzz-replay         the fuzz targets built without libFuzzer, replaying the corpora and
#                            every crash ever found (fuzz/regressions/): part of `make check`

.PHONY: sanitize valgrind fuzz fuzz-build fuzz-replay

# ---- sanitizers -------------------------------------------------------------------------

ASAN_BUILD  := build-asan
ASAN_CFLAGS := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
               -fno-sanitize-recover=all
# Leaks inside the libraries' one-time caches (fontconfig, Pango, GLib, cairo) are suppressed;
# ours are reported. UBSan stops at the first finding and prints where.
SAN_ENV := ASAN_OPTIONS=detect_leaks=1:fast_unwind_on_malloc=0:abort_on_error=0:strict_string_checks=1:detect_stack_use_after_return=1 \
           LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
           UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
           PD_TIME_SCALE=6

# Left out under the sanitizers, to keep CI within its hour: the layout lint (it renders the
# whole stress corpus again, through code test_documents runs here already), and scripts whose
# new code was run under ASan+UBSan by hand when it was written (languages, signing,
# place_draw: clean; serve: no sanitizer report, but its renders of 12,000 criteria outlast
# any time limit there); run them with `make sanitize SAN_E2E_SKIP=` when those parts change.
SAN_E2E_SKIP ?= test_lint.sh test_languages.sh test_signing.sh test_place_draw.sh test_serve.sh

sanitize:
	$(MAKE) BUILD=$(ASAN_BUILD) CC=clang CFLAGS="$(ASAN_CFLAGS)" \
	    LDFLAGS="-fsanitize=address,undefined" all \
	    $(UNIT_SRC:tests/unit/%.c=$(ASAN_BUILD)/tests/%)
	@set -e; for t in $(UNIT_SRC:tests/unit/%.c=$(ASAN_BUILD)/tests/%); do \
	    echo "== $$t"; $(SAN_ENV) $$t; done
	$(SAN_ENV) E2E_SKIP="$(SAN_E2E_SKIP)" ./tests/e2e/run $(ASAN_BUILD)/phasedoc
	$(SAN_ENV) $(MAKE) --no-print-directory BUILD=$(ASAN_BUILD) CC=clang CFLAGS="$(ASAN_CFLAGS)" \
	    fuzz-replay

# ---- valgrind ---------------------------------------------------------------------------

VALGRIND := valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
            --show-leak-kinds=definite --suppressions=$(CURDIR)/tests/valgrind.supp \
            --num-callers=30

# Every sample, and the specimen layout document, rendered as a user would.
valgrind: $(BUILD)/phasedoc
	@set -e; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	for f in $(filter-out %.layout.xml,$(SAMPLES)); do \
	    echo "== valgrind render $$f"; \
	    $(VALGRIND) $(BUILD)/phasedoc render $$f -k approval -o $$tmp/out.pdf; \
	done; \
	for f in $(wildcard samples/*.layout.xml); do \
	    echo "== valgrind render $$f"; \
	    $(VALGRIND) $(BUILD)/phasedoc render $$f -o $$tmp/out.pdf; \
	done; \
	echo "== valgrind render samples/reference.xml -k all"; \
	$(VALGRIND) $(BUILD)/phasedoc render samples/reference.xml -k all -d $$tmp; \
	echo "== valgrind render (a partner stylesheet)"; \
	$(VALGRIND) $(BUILD)/phasedoc render samples/reference.xml \
	    -x tests/hardening/xslt-partner-ok.xsl -o $$tmp/out.pdf; \
	echo "== valgrind render (refused inputs)"; \
	for args in "tests/bad/not-wellformed.xml" \
	        "samples/reference.xml -x tests/hardening/xslt-document-passwd.xsl" \
	        "tests/hardening/image-outside.layout.xml" "tests/hardening/svg-use-bomb.layout.xml" \
	        "samples/reference.xml -x tests/hardening/xslt-recursion.xsl"; do \
	    $(VALGRIND) $(BUILD)/phasedoc render $$args -o $$tmp/none.pdf 2>$$tmp/err || \
	        { test $$? = 1 || { cat $$tmp/err; exit 1; }; }; \
	done; \
	echo "valgrind: no errors, no definite leaks"

# ---- fuzzing ----------------------------------------------------------------------------

FUZZ_TARGETS := project layout brand pipeline
FUZZ_BUILD   := build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_FLAGS   := -O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined \
                -fno-sanitize-recover=all
FUZZ_BINS    := $(FUZZ_TARGETS:%=$(FUZZ_BUILD)/fuzz_%)
REPLAY_BINS  := $(FUZZ_TARGETS:%=$(BUILD)/fuzz/replay_%)
FUZZ_ENV     := ASAN_OPTIONS=detect_leaks=1 \
                LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
                UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

# The library instrumented for libFuzzer (coverage) and the sanitizers, by a sub-make.
.PHONY: fuzz-lib
fuzz-lib:
	@$(MAKE) --no-print-directory BUILD=$(FUZZ_BUILD) CC=clang CFLAGS="$(FUZZ_FLAGS)" \
	    $(FUZZ_BUILD)/libphasedoc.a

$(FUZZ_BUILD)/fuzz_%: fuzz/fuzz_%.c fuzz/fuzz_util.h fuzz-lib
	@echo "  LINK $@"
	@clang $(CPPFLAGS) $(WARN) -O1 -g -fno-omit-frame-pointer \
	    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	    -o $@ $< $(FUZZ_BUILD)/libphasedoc.a $(LDLIBS)

fuzz-build: $(FUZZ_BINS)

# New corpus entries go to fuzz/work/<target>/ (not kept in git); crashes to
# fuzz/artifacts/. A crash is fixed, then its input is added to fuzz/regressions/<target>/.
fuzz: fuzz-build
	@mkdir -p fuzz/artifacts
	@set -e; for t in $(FUZZ_TARGETS); do \
	    mkdir -p fuzz/work/$$t; \
	    echo "== fuzz $$t for $(FUZZ_SECONDS) s (log: fuzz/work/$$t.log)"; \
	    rc=0; $(FUZZ_ENV) $(FUZZ_BUILD)/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -timeout=30 \
	        -rss_limit_mb=4096 -max_len=65536 -artifact_prefix=fuzz/artifacts/$$t- \
	        -dict=fuzz/xml.dict -print_final_stats=1 \
	        fuzz/work/$$t fuzz/corpus/$$t fuzz/regressions/$$t > fuzz/work/$$t.log 2>&1 || rc=$$?; \
	    grep -E '^(stat::number_of_executed_units|stat::new_units_added|stat::peak_rss_mb|SUMMARY|==[0-9]+==ERROR)' \
	        fuzz/work/$$t.log || true; \
	    test $$rc = 0 || { echo "fuzz $$t: a finding (exit $$rc), input in fuzz/artifacts/"; \
	                       exit 1; }; \
	done

$(BUILD)/fuzz/replay_%: fuzz/fuzz_%.c fuzz/replay_main.c fuzz/fuzz_util.h $(BUILD)/libphasedoc.a
	@mkdir -p $(dir $@)
	@echo "  LINK $@"
	@$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -o $@ $< fuzz/replay_main.c $(BUILD)/libphasedoc.a \
	    $(LDLIBS)

fuzz-replay: $(REPLAY_BINS)
	@set -e; for t in $(FUZZ_TARGETS); do \
	    $(BUILD)/fuzz/replay_$$t fuzz/corpus/$$t fuzz/regressions/$$t; done
