# mk/serve.mk — phasedoc serve (src/serve): libmicrohttpd for the tool, its unit test, and the
# browser test of the try-it page (`make browser-test`, run by .ci/run; Debian's python3, which
# has python3-selenium, not whichever python3 comes first in PATH).

CPPFLAGS  += $(shell pkg-config --cflags libmicrohttpd)
TOOL_LIBS += $(shell pkg-config --libs libmicrohttpd) -lpthread

SERVE_OBJ := $(filter $(BUILD)/src/serve/%,$(TOOL_OBJ))

# test_serve needs serve's own objects beside the library
$(BUILD)/tests/test_serve: tests/unit/test_serve.c $(SERVE_OBJ) $(BUILD)/libphasedoc.a
	@mkdir -p $(dir $@)
	@echo "  LINK $@"
	@$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) $(shell pkg-config --cflags cmocka) -o $@ $< \
	    $(SERVE_OBJ) $(BUILD)/libphasedoc.a $(LDLIBS) $(TOOL_LIBS) $(shell pkg-config --libs cmocka)

.PHONY: browser-test
# The try-it page in headless Chromium (Selenium): renders the reference, breaks the XML,
# checks the listed error; screenshots in $(BUILD)/artefacts/.
browser-test: $(BUILD)/phasedoc
	/usr/bin/python3 tests/browser/try_page.py $(BUILD)/phasedoc $(BUILD)/artefacts
