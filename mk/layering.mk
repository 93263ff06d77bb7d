# The layers of src/ (see scripts/check-layering): Pango only in src/text, Cairo only in
# src/render. Part of `make check`.
.PHONY: layering
layering:
	@./scripts/check-layering

check: layering
