#!/usr/bin/env bash
# Typesetting features end to end, on the specimen (layout XML rendered directly), the
# mail-merge letters (any XML with its own stylesheet) and small layout documents.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
spec=$TMP/spec.pdf
expect_exit 0 "render the specimen" "$PHASEDOC" render samples/specimen.layout.xml -o "$spec"
check "specimen: sound PDF" pdf_ok "$spec"
json=$TMP/spec.json
qpdf --json "$spec" > "$json" 2>/dev/null
py() { python3 - "$json" "$@"; }

# --- navigation: outline nested by level, links, destinations, page labels
check "outline nested by heading level" py <<'PY'
import json, sys
o = json.load(open(sys.argv[1]))["outlines"]
titles = [x["title"] for x in o]
assert "Paragraphs" in titles and "Tables" in titles, titles
tables = [x for x in o if x["title"] == "Tables"][0]
assert any(k["title"] == "A long table over several pages" for k in tables["kids"]), tables
PY
check "internal links (GoTo a named destination) and an external URI link" py <<'PY'
import json, sys
s = open(sys.argv[1]).read()
assert '"/Subtype": "/Link"' in s
assert "https://www.example.com/docs" in s
assert '"/Dests"' in s or '"/D"' in s
PY
check "page labels" bash -c "grep -q '/PageLabels' '$json'"
for tag in Sect H1 H2 P L LI Table TR TH TD Figure TOC TOCI Link; do
    check "tagged with /$tag" grep -q "\"/S\": \"/$tag\"" "$json"
done
check "the document language is set (/Lang, added after cairo)" grep -q '"/Lang": "u:en"' "$json"
check "figures carry their text alternative (/Alt, added after cairo)" grep -q '"/Alt": "u:Gantt chart: five work packages' "$json"
check "every figure has one" test "$(grep -c '"/Alt"' "$json")" -ge 6
check "the update keeps the PDF sound" bash -c "qpdf --check '$spec' >/dev/null"
check "PDF says it is tagged" bash -c "pdfinfo '$spec' | grep -q 'Tagged: *yes'"

pages=$(pdf_pages "$spec")
page_with() { local p; for ((p = 1; p <= pages; p++)); do pdftotext -f $p -l $p "$spec" - 2>/dev/null | grep -qF -- "$1" && { echo $p; return; }; done; echo 0; }
# the page of a heading: a page with the heading's line that is not the contents
tables_page=$(for ((p = 1; p <= pages; p++)); do t=$(pdftotext -f $p -l $p "$spec" -); grep -qx "Tables" <<<"$t" && ! grep -qx "Contents" <<<"$t" && { echo $p; break; }; done)
check "contents give each section its page (Tables on $tables_page)" bash -c "pdftotext -layout '$spec' - | grep -qE 'Tables *[. ]+ *$tables_page\$'"
check "dot leaders in the contents" bash -c "pdftotext -layout -f 2 -l 2 '$spec' - | grep -qE 'Paragraphs +[0-9]+'"
check "page reference says the right page ($tables_page)" has_text "$spec" "the tables start on page $tables_page"

# --- paragraphs: hyphenation, literal markup, footnotes at the foot of their page
# pdftotext reports a break at a soft hyphen as U+00AD before the newline
check "justified English text is hyphenated at a line end" bash -c "pdftotext '$spec' - | LC_ALL=C grep -q \$'telecommu\xc2\xad\$'"
check "German text is hyphenated by German rules" bash -c "pdftotext '$spec' - | LC_ALL=C grep -qE \$'(Rechen|Abnahme|Bereit|Donau)[a-z]*\xc2\xad\$'"
check "code is never hyphenated" bash -c "pdftotext '$spec' - | grep -q 'code_is_never_hyphenated_even_when_long()'"
check "markup-looking text prints literally" has_text "$spec" "<b>not bold</b> &amp;"
fn_page=$(page_with "This is the first footnote")
ref_page=$(page_with "Footnotes are numbered through")
check "footnote on the page of its reference ($fn_page vs $ref_page)" test "$fn_page" = "$ref_page" -a "$fn_page" != 0

# --- tables: header on every page of the long table, continued where it breaks
first=$(page_with "WP-01"); last=$(page_with "WP-60")
check "the long table spans pages ($first..$last)" test "$last" -gt "$first"
for ((p = first; p <= last; p++)); do
    t=$(pdftotext -f $p -l $p "$spec" - | tr '\n' ' ')
    [[ $t == *"Hours"* ]] && pass || fail "page $p of the long table has no header row"
    if ((p < last)); then [[ $t == *"continued on the next page"* ]] && pass || fail "page $p lacks the continuation row"
    else [[ $t != *"continued on the next page"* ]] && pass || fail "the table's last page says continued"; fi
done

# --- scripts and missing glyphs
check "Greek, Cyrillic, Hebrew and Arabic come out as text" bash -c "pdftotext '$spec' - | grep -q 'γρήγορη' && pdftotext '$spec' - | grep -q 'булок' && pdftotext '$spec' - | grep -q 'לשמאל'"
check "Arabic uses the Arabic font, not a fallback" bash -c "pdffonts '$spec' | grep -q NotoSansArabic"
cat > "$TMP/tofu.layout.xml" <<'XML'
<document xmlns="urn:phasedoc:layout:1"><page-master name="m"/><flow master="m">
<p>Fine text.</p>
<p>Chinese 中文 has no font here.</p></flow></document>
XML
expect_exit 0 "a missing glyph still renders" "$PHASEDOC" render "$TMP/tofu.layout.xml" -o "$TMP/tofu.pdf"
check "a missing glyph is a warning naming the character and the line" grep -qE 'tofu\.layout\.xml:3: warning: .*U\+4E2D' "$TMP/err"

# --- previews from the same drawing code
expect_exit 0 "png previews" "$PHASEDOC" render samples/specimen.layout.xml -f png -r 30 -o "$TMP/prev.png"
n=$(ls "$TMP"/prev-*.png 2>/dev/null | wc -l)
check "one PNG per page ($n of $pages)" test "$n" = "$pages"
check "PNG files are PNG" bash -c "head -c 4 '$TMP/prev-1.png' | grep -q PNG"
expect_exit 0 "svg previews" "$PHASEDOC" render samples/specimen.layout.xml -f svg -o "$TMP/prev.svg"
check "SVG previews" bash -c "grep -q '<svg' '$TMP/prev-1.svg'"
expect_exit 2 "an unknown format is a usage error" "$PHASEDOC" render samples/specimen.layout.xml -f tiff -o "$TMP/x"

# --- any XML with its own stylesheet: the mail-merge letters
expect_exit 0 "mail merge" "$PHASEDOC" render samples/letters/records.xml -x samples/letters/letter.xsl -o "$TMP/letters.pdf"
check "one letter per record" test "$(pdf_pages "$TMP/letters.pdf")" = 3
for p in 1 2 3; do
    check "letter $p has its salutation" bash -c "pdftotext -f $p -l $p '$TMP/letters.pdf' - | grep -q '^Dear M'"
done
check "letters carry the brand's company" has_text "$TMP/letters.pdf" "Brightwater Messaging GmbH"
expect_exit 1 "any XML without a stylesheet is not a project" "$PHASEDOC" render samples/letters/records.xml -o "$TMP/none.pdf"

# --- a contents that grows by a page shifts every page number after it
python3 - "$TMP/grow.layout.xml" <<'PY'
import sys
body = "".join('<h level="1">Section %d</h><p>Text of section %d.</p><page-break/>' % (i, i) for i in range(1, 71))
open(sys.argv[1], "w").write('<document xmlns="urn:phasedoc:layout:1"><page-master name="m" size="A5"/>'
    '<flow master="m"><h level="1" toc="false">Contents</h><toc levels="1"/><page-break/>' + body + '</flow></document>')
PY
expect_exit 0 "a long contents" "$PHASEDOC" render "$TMP/grow.layout.xml" -o "$TMP/grow.pdf"
sec1=$(for ((p = 1; p <= 80; p++)); do pdftotext -f $p -l $p "$TMP/grow.pdf" - 2>/dev/null | grep -q "Text of section 1\." && { echo $p; break; }; done)
check "the contents runs over several pages and Section 1 is listed on its true page ($sec1)" bash -c "test '$sec1' -gt 3 && pdftotext -layout '$TMP/grow.pdf' - | grep -qE 'Section 1 *[. ]+ *$sec1\$'"
finish
