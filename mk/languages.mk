# languages.mk — language support: hyphenation quality measured against word lists.
#
#   make hyphen-report   error rates of the packed patterns, alone and with the exception
#                        lists (stylesheets/l10n/hyphen/), over tests/hyphen/*-words.txt

.PHONY: hyphen-report

all: $(BUILD)/hyphen-check

$(BUILD)/hyphen-check: tools/hyphen-check.c $(BUILD)/libphasedoc.a
	@echo "  LINK $@"
	@$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -o $@ $< $(BUILD)/libphasedoc.a $(LDLIBS)

hyphen-report: $(BUILD)/hyphen-check $(HYPHEN_PACKED)
	@for l in de de-CH; do $(BUILD)/hyphen-check -p $$l tests/hyphen/de-words.txt; \
	    $(BUILD)/hyphen-check $$l tests/hyphen/de-words.txt; done
	@for l in en-US en-GB; do $(BUILD)/hyphen-check -p $$l tests/hyphen/en-words.txt; \
	    $(BUILD)/hyphen-check $$l tests/hyphen/en-words.txt; done
	@$(BUILD)/hyphen-check -p de tests/hyphen/de-words-unseen.txt; \
	    $(BUILD)/hyphen-check de tests/hyphen/de-words-unseen.txt
	@$(BUILD)/hyphen-check fr tests/hyphen/fr-words.txt
