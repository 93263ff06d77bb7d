# authoring.mk — what helps a consultant write a project description by hand:
#
#   schemas/project.rnc, schemas/project.xsd   made from schemas/project.rng by trang (Debian
#                       trang), for editors (Emacs nxml-mode reads RNC; VS Code's XML
#                       extension reads XSD). Committed, so that a checkout has them; remade
#                       when project.rng changes and trang is there.
#   docs/project.md, docs/phasedoc-project.5   the reference of the project description,
#                       generated from project.rng's annotations (tools/rng-doc-*.xsl, run by
#                       build/xslt-apply); `make docs` remakes them, `make check-docs` fails
#                       when the committed ones are stale.
#   phasedoc watch      GLib's file monitoring: gio for the tool only.

.PHONY: schemas docs check-docs check-schemas

$(BUILD)/src/tool/cmd_watch.o: CPPFLAGS += $(shell pkg-config --cflags gio-2.0)
$(BUILD)/phasedoc: LDLIBS += $(shell pkg-config --libs gio-2.0)

TRANG := $(shell command -v trang 2>/dev/null)
all: schemas
schemas: schemas/project.rnc schemas/project.xsd
schemas/project.rnc: schemas/project.rng
	@if [ -n "$(TRANG)" ]; then echo "  TRANG $@"; trang -I rng -O rnc $< $@; \
	else echo "  (trang missing: keeping $@)"; touch $@; fi
schemas/project.xsd: schemas/project.rng
	@# trang warns that the choice between attributes and children of <decision> is
	@# approximated: XSD cannot say it; phasedoc validate still checks it with the RNG
	@if [ -n "$(TRANG)" ]; then echo "  TRANG $@"; trang -I rng -O xsd $< $@ 2>/dev/null; \
	else echo "  (trang missing: keeping $@)"; touch $@; fi

# the schemas agree with each other: jing on the RNG and the RNC, xmllint on the XSD
check-schemas: schemas
	jing schemas/project.rng ../shared/reference/project.xml samples/*.xml 2>/dev/null || \
	    jing schemas/project.rng samples/*.xml
	jing -c schemas/project.rnc samples/*.xml
	xmllint --noout --schema schemas/project.xsd samples/*.xml

all: $(BUILD)/xslt-apply
$(BUILD)/xslt-apply: tools/xslt-apply.c
	@mkdir -p $(dir $@)
	@echo "  LINK $@"
	@$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -o $@ $< $(LDLIBS)

DOCS := docs/project.md docs/phasedoc-project.5
docs: $(BUILD)/xslt-apply
	$(BUILD)/xslt-apply tools/rng-doc-md.xsl schemas/project.rng > docs/project.md.new
	mv docs/project.md.new docs/project.md
	$(BUILD)/xslt-apply tools/rng-doc-man.xsl schemas/project.rng > docs/phasedoc-project.5.new
	mv docs/phasedoc-project.5.new docs/phasedoc-project.5

check-docs: $(BUILD)/xslt-apply
	@$(BUILD)/xslt-apply tools/rng-doc-md.xsl schemas/project.rng | cmp -s - docs/project.md || \
	    { echo "docs/project.md is stale: run make docs"; exit 1; }
	@$(BUILD)/xslt-apply tools/rng-doc-man.xsl schemas/project.rng | \
	    cmp -s - docs/phasedoc-project.5 || \
	    { echo "docs/phasedoc-project.5 is stale: run make docs"; exit 1; }
	@mandoc -Tlint -W warning docs/phasedoc-project.5
