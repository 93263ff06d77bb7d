# Stylesheet goldens and the layout lint over the stress corpus (issue 11; see
# docs/layout-stylesheets.md).

.PHONY: update-golden-layout lint stress-corpus

# Rewrites tests/golden-layout (the reference project's layout XML per kind and language)
# after a deliberate stylesheet change; `make update-golden` does it too.
update-golden-layout: $(BUILD)/phasedoc
	UPDATE_GOLDEN=1 PHASEDOC=$(BUILD)/phasedoc bash tests/e2e/test_golden_layout.sh
update-golden: update-golden-layout

# The layout lint over every page of the stress corpus (tests/e2e/test_lint.sh runs it in
# `make check`); LINT_KEEP=DIR keeps the PDFs, layout XML and box dumps to look at.
lint: $(BUILD)/phasedoc
	PHASEDOC=$(BUILD)/phasedoc tests/lint/layout-lint -j 2 --expected tests/lint/expected-findings \
	    $(if $(LINT_KEEP),--keep $(LINT_KEEP)) samples/stress/MANIFEST

# Regenerates samples/stress from samples/reference.xml (commit the result).
stress-corpus:
	samples/stress/generate
