# phasedoc — see README.md. `make demo` installs, builds and renders the samples;
# `make check` runs every test.

CC       ?= cc
PKGS     := libxml-2.0 libxslt libexslt pangocairo pangoft2 cairo-pdf cairo-png cairo-svg fontconfig freetype2 librsvg-2.0 libcrypto zlib
BUILD    ?= build
CFLAGS   ?= -O2 -g
WARN     := -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wno-unused-parameter
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -DPD_DATA_DIR='"$(CURDIR)"' \
            -Iinclude $(patsubst %,-I%,$(wildcard src/*)) $(shell pkg-config --cflags $(PKGS))
LDLIBS   += $(shell pkg-config --libs $(PKGS)) -lhyphen -lm

# Hyphenation dictionaries (Debian's hyphen-en-us, -en-gb, -de and -fr) packed as built automata at
# build time: building the German one from its patterns takes a third of a second per process.
HYPHEN_SRC    := $(wildcard /usr/share/hyphen/hyph_en_US.dic /usr/share/hyphen/hyph_de_DE.dic \
                            /usr/share/hyphen/hyph_en_GB.dic /usr/share/hyphen/hyph_fr.dic)
HYPHEN_PACKED := $(HYPHEN_SRC:/usr/share/hyphen/%=$(BUILD)/hyphen/%.pdh)
CPPFLAGS += -DPD_HYPHEN_PACKED_DIR='"$(CURDIR)/$(BUILD)/hyphen"'

# fontconfig's cache of the bundled fonts, so that a process reads it instead of scanning every
# font file with FreeType (a twentieth of a cold render). fc-cache names a cache by the font
# folder's path and checks it against the folder's time: one made here serves the checkout;
# mk/install.mk makes the installed one.
FONT_FILES := $(sort $(wildcard fonts/*.otf fonts/*.ttf))
FONT_CACHE := $(BUILD)/fontconfig-cache/CACHEDIR.TAG
CPPFLAGS += -DPD_FONT_CACHE_DIR='"$(CURDIR)/$(BUILD)/fontconfig-cache"'

LIB_SRC  := $(sort $(wildcard src/*/*.c))
LIB_SRC  := $(filter-out src/tool/% src/serve/%,$(LIB_SRC))
# serve's HTTP side is the tool's, not the library's (only the tool needs libmicrohttpd)
TOOL_SRC := $(sort $(wildcard src/tool/*.c src/serve/*.c))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o)
TOOL_OBJ := $(TOOL_SRC:%.c=$(BUILD)/%.o)
# serve and sign live in the full program (phasedoc-full, with libmicrohttpd and libcrypto);
# phasedoc runs them there (src/tool/elsewhere.c) and starts with ten shared objects fewer
FULL_ONLY_OBJ := $(BUILD)/src/tool/cmd_serve.o $(BUILD)/src/tool/cmd_sign.o \
                 $(filter $(BUILD)/src/serve/%,$(TOOL_OBJ))
LIGHT_OBJ := $(filter-out $(FULL_ONLY_OBJ),$(TOOL_OBJ))
FULL_OBJ  := $(filter-out $(BUILD)/src/tool/elsewhere.o,$(TOOL_OBJ))
CPPFLAGS  += -DPD_FULL_TOOL='"$(CURDIR)/$(BUILD)/phasedoc-full"' 
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all demo check unit e2e acceptance deps clean update-golden
all: $(BUILD)/phasedoc $(HYPHEN_PACKED) $(FONT_CACHE)

deps:
	./scripts/install-deps

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC   $<"
	@$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) $(OBJ_FLAGS) -MMD -MP -c $< -o $@

$(BUILD)/libphasedoc.a: $(LIB_OBJ)
	@rm -f $@
	@ar rcs $@ $^

# (--as-needed: without sign's objects nothing asks for libcrypto)
$(BUILD)/phasedoc: $(LIGHT_OBJ) $(BUILD)/libphasedoc.a | $(BUILD)/phasedoc-full
	@echo "  LINK $@"
	@$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(LIGHT_OBJ) $(BUILD)/libphasedoc.a -Wl,--as-needed $(LDLIBS)

$(BUILD)/phasedoc-full: $(FULL_OBJ) $(BUILD)/libphasedoc.a
	@echo "  LINK $@"
	@$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(FULL_OBJ) $(BUILD)/libphasedoc.a $(LDLIBS) $(TOOL_LIBS)

$(BUILD)/hyphen-pack: tools/hyphen-pack.c $(BUILD)/libphasedoc.a
	@echo "  LINK $@"
	@$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -o $@ $< $(BUILD)/libphasedoc.a $(LDLIBS)

$(BUILD)/hyphen/%.pdh: /usr/share/hyphen/% $(BUILD)/hyphen-pack
	@mkdir -p $(dir $@)
	@echo "  PACK $<"
	@# libhyphen's loader leaks a little by design; a sanitizer build's leak check would fail
	@# this build step (the render's own use of libhyphen is checked, tests/lsan.supp)
	@ASAN_OPTIONS=detect_leaks=0 $(BUILD)/hyphen-pack $< $@

$(FONT_CACHE): $(FONT_FILES) scripts/font-cache
	@echo "  FC-CACHE fonts"
	@./scripts/font-cache '$(CURDIR)/fonts' '$(CURDIR)/$(BUILD)/fontconfig-cache'

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libphasedoc.a
	@mkdir -p $(dir $@)
	@echo "  LINK $@"
	@$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) $(shell pkg-config --cflags cmocka) -o $@ $< \
	    $(BUILD)/libphasedoc.a $(LDLIBS) $(shell pkg-config --libs cmocka)

SAMPLES := $(sort $(wildcard samples/*.xml))

# Installs what is missing, builds, and renders every sample into out/.
demo:
	./scripts/install-deps
	$(MAKE) all
	./scripts/render-samples $(BUILD)/phasedoc out

unit: $(UNIT_BIN) $(FONT_CACHE)
	@set -e; for t in $(UNIT_BIN); do echo "== $$t"; $$t; done

e2e: $(BUILD)/phasedoc $(FONT_CACHE)
	./tests/e2e/run $(BUILD)/phasedoc

# fuzz-replay: the fuzz targets (built with $(CC), like the rest) over their corpora and every
# input that once crashed them (fuzz/regressions/), see mk/hardening.mk
check: unit e2e fuzz-replay

# Rewrites the golden box dumps of tests/golden after a deliberate engine change.
update-golden: $(BUILD)/phasedoc
	UPDATE_GOLDEN=1 PHASEDOC=$(BUILD)/phasedoc bash tests/e2e/test_golden.sh

acceptance: $(BUILD)/phasedoc
	../shared/checks/acceptance $(AREAS)

clean:
	rm -rf $(BUILD) out

-include $(LIB_OBJ:.o=.d) $(TOOL_OBJ:.o=.d)

# Further targets (sanitizers, valgrind, fuzzing, benchmarks) live in mk/*.mk.
include $(wildcard mk/*.mk)
