#!/usr/bin/env bash
# render -j N (issue 18, item 1): a flow that falls into parts at its page breaks is laid out on
# several threads and drawn in page order. The PDF must be the bytes of -j 1 for every N, with
# "Page X of Y" exact; a flow that does not fall into parts renders as before; bad values of
# -j are usage errors; an error in one part is reported as -j 1 reports it.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
export SOURCE_DATE_EPOCH=1764547200

# same_bytes "what" ARGS...: render ARGS with -j 1, 2, 3 and 4; all exit 0, all identical
same_bytes() {
    local what=$1; shift
    local j ok=1
    for j in 1 2 3 4; do
        if ! "$PHASEDOC" render "$@" -j $j -o "$TMP/j$j.pdf" 2>"$TMP/err$j"; then
            fail "$what: -j $j failed ($(head -c 300 "$TMP/err$j"))"
            return
        fi
    done
    for j in 2 3 4; do
        cmp -s "$TMP/j1.pdf" "$TMP/j$j.pdf" || { fail "$what: -j $j differs from -j 1"; ok=0; }
    done
    [[ $ok == 1 ]] && pass
}

python3 bench/gen.py letters "$TMP/letters.xml" 40
same_bytes "3 letters" samples/letters/records.xml -x samples/letters/letter.xsl
same_bytes "40 letters" "$TMP/letters.xml" -x samples/letters/letter.xsl
[[ $(pdf_pages "$TMP/j4.pdf") == 40 ]] && pass || fail "40 letters: $(pdf_pages "$TMP/j4.pdf") pages"
pdf_ok "$TMP/j4.pdf" && pass || fail "40 letters at -j 4: not a sound PDF"
same_bytes "reference approval" samples/reference.xml -k approval
same_bytes "reference offer" samples/reference.xml -k offer
python3 bench/gen.py long "$TMP/long.xml" 400
same_bytes "long approval sheet" "$TMP/long.xml" -k approval

# "Page X of Y" in the footer: every part is counted before the first page is drawn
sed 's|<p border-bottom="0pt"><xsl:value-of select="pd:brand(.company.legal.)"/></p>|<p>Page <page-number/> of <page-count/></p>|' \
    samples/letters/letter.xsl > "$TMP/counted.xsl"
grep -q '<page-count/>' "$TMP/counted.xsl" || fail "counted.xsl: the footer was not replaced"
same_bytes "letters with page X of Y" "$TMP/letters.xml" -x "$TMP/counted.xsl"
has_text "$TMP/j3.pdf" "Page 40 of 40" && pass || fail "page X of Y: no 'Page 40 of 40'"
has_text "$TMP/j3.pdf" "Page 17 of 40" && pass || fail "page X of Y: no 'Page 17 of 40'"

# parts that add nothing: two breaks in a row, an empty paragraph alone between breaks
cat > "$TMP/edges.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<document xmlns="urn:phasedoc:layout:1" title="Edges" date="2026-01-01" lang="en">
  <page-master name="p" size="A5"><footer><p>Page <page-number/> of <page-count/></p></footer></page-master>
  <flow master="p">
    <page-break/>
    <h level="1" id="one">One</h><p>First part, with a <a ref="three">link</a> to the third.</p>
    <page-break/><page-break/>
    <p>Second part.</p>
    <page-break/>
    <p/>
    <page-break/>
    <h level="1" id="three">Three</h><p>Third part.</p>
  </flow>
</document>
XML
same_bytes "empty parts" "$TMP/edges.xml"

# bad values of -j are usage errors, with a message that says what -j takes
for bad in 0 -3 two 2x 513 ""; do
    expect_exit 2 "-j '$bad'" "$PHASEDOC" render samples/letters/records.xml \
        -x samples/letters/letter.xsl -j "$bad" -o "$TMP/bad.pdf"
    grep -q -- "-j takes a number of threads" "$TMP/err" && pass || fail "-j '$bad': message"
done
expect_exit 2 "-j without a value" "$PHASEDOC" render samples/letters/records.xml -j
[[ ! -e $TMP/bad.pdf ]] && pass || fail "a usage error left a file"

# errors in two parts: the same messages, in the same order, and exit code as -j 1, and no
# output (the layout engine finds them: the schema lets them through)
sed -e 's|<p>Second part.</p>|<p tabs="zz">Second part.</p>|' \
    -e 's|<p>Third part.</p>|<p style="nosuch">Third part.</p>|' "$TMP/edges.xml" \
    > "$TMP/broken.xml"
for j in 1 3; do
    expect_exit 1 "an error in one part, -j $j" "$PHASEDOC" render "$TMP/broken.xml" -j $j \
        -o "$TMP/broken$j.pdf"
    cp "$TMP/err" "$TMP/broken$j.err"
    [[ ! -e $TMP/broken$j.pdf ]] && pass || fail "an error in one part, -j $j: a PDF was written"
done
grep -q "'zz' is not a tab stop" "$TMP/broken1.err" && grep -q "no style named 'nosuch'" \
    "$TMP/broken1.err" && pass ||
    fail "broken part: -j 1 says $(cat "$TMP/broken1.err")"
cmp -s "$TMP/broken1.err" "$TMP/broken3.err" && pass ||
    fail "broken part: -j 3 says '$(cat "$TMP/broken3.err")', -j 1 '$(cat "$TMP/broken1.err")'"

# --max-pages counts the pages of all parts
expect_exit 1 "--max-pages over parts" "$PHASEDOC" render "$TMP/letters.xml" \
    -x samples/letters/letter.xsl --max-pages 30 -j 2 -o "$TMP/max.pdf"
grep -q "exceeds the limit of 30 pages" "$TMP/err" && pass || fail "--max-pages: $(cat "$TMP/err")"

finish
