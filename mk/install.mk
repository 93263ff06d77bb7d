# install.mk — `make install` / `make uninstall`, the shared library, pkg-config, man pages,
# shell completion, and the examples built against an installed copy (docs/install.md).
#
#   make install   [PREFIX=/usr/local] [DESTDIR=] [BINDIR= LIBDIR= INCLUDEDIR= DATADIR= MANDIR=
#                   SYSCONFDIR=/etc]
#   make uninstall (the same variables)
#   make examples-check   installs into a temporary prefix and builds and runs examples/*.c
#                         with pkg-config alone (part of `make check`)
#   make man-check        mandoc -Tlint over man/ (part of `make check`)
#
# The installed program and library find their data in DATADIR/phasedoc without being told:
# src/core/paths.c, the one object that holds build-time folders, is compiled a second time
# with the installed folders into $(IBUILD); every other object is shared with the checkout's
# build. A build for the checkout keeps working from the checkout, $PHASEDOC_DATA overrides
# both. (Locating the data relative to the library at run time would make the tree
# relocatable, but needs dladdr, breaks for static links and is not what Debian wants.)

PREFIX      ?= /usr/local
BINDIR      ?= $(PREFIX)/bin
LIBDIR      ?= $(PREFIX)/lib
INCLUDEDIR  ?= $(PREFIX)/include
DATAROOTDIR ?= $(PREFIX)/share
DATADIR     ?= $(DATAROOTDIR)
MANDIR      ?= $(DATAROOTDIR)/man
DOCDIR      ?= $(DATAROOTDIR)/doc/phasedoc
SYSCONFDIR  ?= /etc
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
BASHCOMPDIR ?= $(DATAROOTDIR)/bash-completion/completions
ZSHCOMPDIR  ?= $(DATAROOTDIR)/zsh/site-functions

INSTALL     ?= install
SOVERSION   := 0
PD_VERSION_STR := $(patsubst "%",%,$(word 3,$(shell grep -m1 '^\#define PD_VERSION' include/phasedoc.h)))
# libphasedoc.so.0.1.0: the version's major number is the soname's
SOFULL      := $(PD_VERSION_STR)

IBUILD      := $(BUILD)/inst
PKG_DATA    := $(DATADIR)/phasedoc
PKG_LIBDATA := $(LIBDIR)/phasedoc
# fontconfig's cache of the bundled fonts, made by `make install` (when DESTDIR is empty) or by
# a package's postinst with PKG_LIBDATA/font-cache (debian/ puts it under /var/cache)
FONTCACHEDIR ?= $(PKG_LIBDATA)/fontconfig-cache

# Every library object is position-independent, so that the same objects make the static and
# the shared library. The stamp rebuilds objects compiled before this rule existed, once.
$(LIB_OBJ): OBJ_FLAGS := -fPIC
$(LIB_OBJ): $(BUILD)/.pic
$(BUILD)/.pic:
	@mkdir -p $(dir $@)
	@touch $@

.PHONY: install uninstall install-build examples-check man-check FORCE

# ---- the installed folders, compiled into one object --------------------------------------

# Rewritten only when a folder changes, so that a second `make install` relinks nothing.
$(IBUILD)/paths.cfg: FORCE
	@mkdir -p $(dir $@)
	@printf '%s\n' '$(PKG_DATA)' '$(PKG_LIBDATA)/hyphen' '$(SYSCONFDIR)' '$(FONTCACHEDIR)' \
	    '$(PKG_LIBDATA)/phasedoc-full' > $@.new
	@cmp -s $@.new $@ && rm -f $@.new || mv -f $@.new $@

$(IBUILD)/paths.o: src/core/paths.c src/core/paths.h $(IBUILD)/paths.cfg
	@echo "  CC   $< (installed folders)"
	@$(CC) $(filter-out -DPD_DATA_DIR=% -DPD_HYPHEN_PACKED_DIR=% -DPD_FONT_CACHE_DIR=% \
	    -DPD_FULL_TOOL=%,$(CPPFLAGS)) $(WARN) $(CFLAGS) -fPIC -DPD_DATA_DIR='"$(PKG_DATA)"' \
	    -DPD_HYPHEN_PACKED_DIR='"$(PKG_LIBDATA)/hyphen"' -DPD_FONT_CACHE_DIR='"$(FONTCACHEDIR)"' \
	    -DPD_FULL_TOOL='"$(PKG_LIBDATA)/phasedoc-full"' -DPD_SYSCONF_DIR='"$(SYSCONFDIR)"' \
	    -c $< -o $@

ILIB_OBJ := $(filter-out $(BUILD)/src/core/paths.o,$(LIB_OBJ)) $(IBUILD)/paths.o $(BUILD)/gen/srgb.o

# ---- what the library exports: the functions declared in include/phasedoc.h ---------------

# Read from the header itself (comments stripped by the preprocessor), so that a function
# appended to phasedoc.h is exported without anybody remembering a macro or a list.
$(IBUILD)/exports.txt: include/phasedoc.h
	@mkdir -p $(dir $@)
	@$(CC) -E -P -Iinclude include/phasedoc.h | tr -s ' \t' '\n\n' | tr '*' '\n' | \
	    grep -oE '^pd_[A-Za-z0-9_]+\(' | tr -d '(' | sort -u > $@
	@test -s $@

$(IBUILD)/libphasedoc.map: $(IBUILD)/exports.txt
	@{ echo 'PHASEDOC_$(SOVERSION) {'; echo '  global:'; sed 's/.*/    &;/' $<; \
	   echo '  local: *;'; echo '};'; } > $@

$(IBUILD)/libphasedoc.so.$(SOFULL): $(ILIB_OBJ) $(IBUILD)/libphasedoc.map
	@echo "  LINK $@"
	@$(CC) $(CFLAGS) $(LDFLAGS) -shared -Wl,-soname,libphasedoc.so.$(SOVERSION) \
	    -Wl,--version-script=$(IBUILD)/libphasedoc.map -Wl,--no-undefined -Wl,-z,relro \
	    -Wl,-z,now -o $@ $(ILIB_OBJ) $(LDLIBS)

# The static library: one relocatable object whose internal functions are made local, so that
# they cannot clash with a program's own (it exports what the shared library exports).
$(IBUILD)/libphasedoc.a: $(ILIB_OBJ) $(IBUILD)/exports.txt
	@echo "  AR   $@"
	@rm -f $@ $(IBUILD)/phasedoc-all.o
	@$(LD) -r -o $(IBUILD)/phasedoc-all.o $(ILIB_OBJ)
	@objcopy --keep-global-symbols=$(IBUILD)/exports.txt $(IBUILD)/phasedoc-all.o
	@ar rcs $@ $(IBUILD)/phasedoc-all.o

# The installed program: the checkout's tool objects with the library's objects (the installed
# folders compiled in), and the full program (serve, sign) in LIBDIR/phasedoc (see the
# Makefile). Not with the installed libraries: serve, sign and watch use internal functions
# (buffers, diagnostics, JSON), which those keep to themselves.
# (through an archive, so that only the objects it uses come in: not sign's, with libcrypto)
$(IBUILD)/objects.a: $(ILIB_OBJ)
	@rm -f $@
	@ar rcs $@ $^

$(IBUILD)/phasedoc: $(LIGHT_OBJ) $(IBUILD)/objects.a
	@echo "  LINK $@"
	@$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(LIGHT_OBJ) $(IBUILD)/objects.a -Wl,--as-needed $(LDLIBS)

$(IBUILD)/phasedoc-full: $(FULL_OBJ) $(ILIB_OBJ)
	@echo "  LINK $@"
	@$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(FULL_OBJ) $(ILIB_OBJ) $(LDLIBS) $(TOOL_LIBS)

$(IBUILD)/phasedoc.pc: packaging/phasedoc.pc.in include/phasedoc.h $(IBUILD)/paths.cfg
	@sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@LIBDIR@|$(LIBDIR)|g' \
	    -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|g' -e 's|@DATADIR@|$(PKG_DATA)|g' \
	    -e 's|@VERSION@|$(PD_VERSION_STR)|g' -e 's|@REQUIRES@|$(PKGS)|g' $< > $@

install-build: $(IBUILD)/phasedoc $(IBUILD)/phasedoc-full $(IBUILD)/libphasedoc.so.$(SOFULL) \
               $(IBUILD)/libphasedoc.a $(IBUILD)/phasedoc.pc $(HYPHEN_PACKED)

# ---- install / uninstall -----------------------------------------------------------------

# The installed folders in man pages and completion scripts (written as @PKG_DATA@ ...).
SUBST := sed -e 's|@PKG_DATA@|$(PKG_DATA)|g' -e 's|@PKG_LIBDATA@|$(PKG_LIBDATA)|g' \
             -e 's|@PKG_LIBDIR@|$(LIBDIR)|g' -e 's|@SYSCONFDIR@|$(SYSCONFDIR)|g' \
             -e 's|@DOCDIR@|$(DOCDIR)|g'
DATA_FILES := $(sort $(shell find stylesheets schemas templates fonts web -type f 2>/dev/null))
MAN_PAGES  := $(sort $(wildcard man/*.[1-8]))
EXAMPLES   := $(sort $(wildcard examples/*.c))
D          := $(DESTDIR)

install: install-build
	$(INSTALL) -d $(D)$(BINDIR) $(D)$(LIBDIR) $(D)$(INCLUDEDIR) $(D)$(PKGCONFIGDIR) \
	    $(D)$(PKG_DATA) $(D)$(PKG_LIBDATA)/hyphen $(D)$(DOCDIR) $(D)$(BASHCOMPDIR) $(D)$(ZSHCOMPDIR)
	$(INSTALL) -m 755 $(IBUILD)/phasedoc $(D)$(BINDIR)/phasedoc
	$(INSTALL) -m 644 $(IBUILD)/libphasedoc.so.$(SOFULL) $(D)$(LIBDIR)/
	ln -sf libphasedoc.so.$(SOFULL) $(D)$(LIBDIR)/libphasedoc.so.$(SOVERSION)
	ln -sf libphasedoc.so.$(SOVERSION) $(D)$(LIBDIR)/libphasedoc.so
	$(INSTALL) -m 644 $(IBUILD)/libphasedoc.a $(D)$(LIBDIR)/libphasedoc.a
	$(INSTALL) -m 644 include/phasedoc.h $(D)$(INCLUDEDIR)/phasedoc.h
	$(INSTALL) -m 644 $(IBUILD)/phasedoc.pc $(D)$(PKGCONFIGDIR)/phasedoc.pc
	@set -e; for f in $(DATA_FILES); do \
	    $(INSTALL) -d "$(D)$(PKG_DATA)/$$(dirname $$f)"; \
	    $(INSTALL) -m 644 "$$f" "$(D)$(PKG_DATA)/$$f"; done
	@set -e; for f in $(HYPHEN_PACKED); do \
	    $(INSTALL) -m 644 "$$f" $(D)$(PKG_LIBDATA)/hyphen/; done
	$(INSTALL) -m 755 scripts/font-cache $(D)$(PKG_LIBDATA)/font-cache
	$(INSTALL) -m 755 $(IBUILD)/phasedoc-full $(D)$(PKG_LIBDATA)/phasedoc-full
	@if [ -z "$(D)" ] && command -v fc-cache >/dev/null; then \
	    $(PKG_LIBDATA)/font-cache $(PKG_DATA)/fonts $(FONTCACHEDIR); fi
	@set -e; for m in $(MAN_PAGES); do s=$${m##*.}; $(INSTALL) -d $(D)$(MANDIR)/man$$s; \
	    $(SUBST) $$m > $(D)$(MANDIR)/man$$s/$${m##*/}; chmod 644 $(D)$(MANDIR)/man$$s/$${m##*/}; done
	$(SUBST) completion/phasedoc.bash > $(D)$(BASHCOMPDIR)/phasedoc
	$(SUBST) completion/_phasedoc > $(D)$(ZSHCOMPDIR)/_phasedoc
	chmod 644 $(D)$(BASHCOMPDIR)/phasedoc $(D)$(ZSHCOMPDIR)/_phasedoc
	$(INSTALL) -m 644 LICENSE THIRD-PARTY README.md $(D)$(DOCDIR)/
	$(INSTALL) -d $(D)$(DOCDIR)/examples
	$(INSTALL) -m 644 $(EXAMPLES) $(D)$(DOCDIR)/examples/

uninstall:
	rm -f $(D)$(BINDIR)/phasedoc $(D)$(LIBDIR)/libphasedoc.so.$(SOFULL) \
	    $(D)$(LIBDIR)/libphasedoc.so.$(SOVERSION) $(D)$(LIBDIR)/libphasedoc.so \
	    $(D)$(LIBDIR)/libphasedoc.a $(D)$(INCLUDEDIR)/phasedoc.h $(D)$(PKGCONFIGDIR)/phasedoc.pc \
	    $(D)$(BASHCOMPDIR)/phasedoc $(D)$(ZSHCOMPDIR)/_phasedoc \
	    $(foreach m,$(MAN_PAGES),$(D)$(MANDIR)/man$(subst .,,$(suffix $(m)))/$(notdir $(m)))
	rm -rf $(D)$(PKG_DATA) $(D)$(PKG_LIBDATA) $(D)$(FONTCACHEDIR) $(D)$(DOCDIR)

# ---- tests of the installed tree -----------------------------------------------------------


# Installs into a temporary prefix, moves the checkout's data out of reach (PHASEDOC_DATA
# unset, run from /), then builds every example with pkg-config alone and runs it.
# (what the sub-make's install needs is built by this make first: no two makes on one object)
examples-check: $(LIB_OBJ) $(TOOL_OBJ) $(HYPHEN_PACKED)
	@EXAMPLES="$(EXAMPLES)" MAKE="$(MAKE)" ./tests/install/examples-check

man-check:
	@./tests/install/man-check $(MAN_PAGES)

check: examples-check man-check
