#!/usr/bin/env bash
# The layout lint (tests/lint/layout-lint) over every page of every document of the stress
# corpus (samples/stress/MANIFEST): fails on a finding not listed in
# tests/lint/expected-findings (the known ones that only the engine can fix); a listed finding
# that is gone is reported, so the list only shrinks.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
if PHASEDOC=$PHASEDOC tests/lint/layout-lint -j 2 --expected tests/lint/expected-findings \
        samples/stress/MANIFEST > "$TMP/out" 2>"$TMP/err"; then
    pass
else
    fail "layout lint: $(tail -1 "$TMP/err")"
    grep -v '^known ' "$TMP/out" | head -40
fi
grep '^fixed ' "$TMP/out" | head -20
# the lint itself finds what it is for: an id cut at a line end (at a zero-width space, in a
# column too narrow for it) is reported
mkdir -p "$TMP/m"
printf '%s\n' '<?xml version="1.0" encoding="UTF-8"?>' '<document xmlns="urn:phasedoc:layout:1" lang="en" title="t">' \
    '<page-master name="a" size="A4" margin-top="20mm" margin-bottom="20mm" margin-left="20mm" margin-right="20mm"/>' \
    '<flow master="a"><table><column width="9mm"/><column width="1*"/><row><cell><p font-size="12pt">WP2&#x200B;0</p></cell><cell/></row></table></flow></document>' > "$TMP/m/id.layout.xml"
echo "id.layout.xml approval templates/brands/default en" > "$TMP/m/MANIFEST"
PHASEDOC=$PHASEDOC tests/lint/layout-lint "$TMP/m/MANIFEST" > "$TMP/out2" 2>/dev/null
check "the lint reports an id cut at a line end" grep -q "page 1: line ends inside an id" "$TMP/out2"
finish
