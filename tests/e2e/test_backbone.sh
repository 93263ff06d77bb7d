#!/usr/bin/env bash
# The approval sheet end to end: every sample renders to a sound PDF, each class of bad input
# fails cleanly, renders are reproducible, and a long sheet paginates with its header.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

# --- every sample renders, and the PDF says what the project says
for f in samples/*.xml; do
    [[ $f == *.layout.xml ]] && continue
    out=$TMP/$(basename "$f" .xml).pdf
    expect_exit 0 "render $f" "$PHASEDOC" render "$f" -k approval -o "$out"
    check "$f: sound PDF (pdfinfo, qpdf --check, fonts embedded)" pdf_ok "$out"
    customer=$(python3 -c 'import sys,xml.etree.ElementTree as E; r=E.parse(sys.argv[1]).getroot(); print(r.find("{urn:phasedoc:project:1}customer/{urn:phasedoc:project:1}name").text)' "$f")
    check "$f: shows the customer '$customer'" has_text "$out" "$customer"
    first=$(python3 -c 'import sys,xml.etree.ElementTree as E; r=E.parse(sys.argv[1]).getroot(); print(r.find(".//{urn:phasedoc:project:1}criterion").get("id"))' "$f")
    check "$f: shows criterion $first" has_text "$out" "$first"
    check "$f: fonts are subsets" bash -c "pdffonts '$out' | awk 'NR>2 && \$(NF-3)!=\"yes\"{f=1} END{exit f}'"
done
check "German sample says 'Seite 1 von'" has_text "$TMP/telco-1m-de.pdf" "Seite 1 von"
check "German sample shows 'Abnahmekriterien' or 'Kriterium'" bash -c "pdftotext '$TMP/telco-1m-de.pdf' - | grep -qE 'Kriterium|Abnahmekriterien'"
check "English sample says 'Page 1 of'" has_text "$TMP/reference.pdf" "Page 1 of"

# --- the built-in stylesheets' output is valid layout XML (the engine trusts it unchecked)
for f in samples/*.xml; do
    [[ $f == *.layout.xml ]] && continue
    for k in offer concept implementation approval; do
        [[ -f stylesheets/$k.xsl ]] || continue
        for l in en de; do
            "$PHASEDOC" layout "$f" -k $k -l $l > "$TMP/l.xml" 2>/dev/null
            check "$f -k $k -l $l gives valid layout XML" xmllint --noout --relaxng schemas/layout.rng "$TMP/l.xml"
        done
    done
done

# --- reproducible: same bytes twice, and without the machine's fonts
"$PHASEDOC" render samples/reference.xml -k approval -o "$TMP/again.pdf"
check "two renders give the same bytes" cmp -s "$TMP/reference.pdf" "$TMP/again.pdf"
FONTCONFIG_FILE=/dev/null "$PHASEDOC" render samples/reference.xml -k approval -o "$TMP/nofc.pdf" 2>"$TMP/nofc.err"
check "same bytes with FONTCONFIG_FILE=/dev/null" cmp -s "$TMP/reference.pdf" "$TMP/nofc.pdf"
check "no fontconfig noise with FONTCONFIG_FILE=/dev/null" test ! -s "$TMP/nofc.err"
SOURCE_DATE_EPOCH=1700000000 "$PHASEDOC" render samples/reference.xml -k approval -o "$TMP/epoch.pdf"
check "SOURCE_DATE_EPOCH sets the creation date" bash -c "pdfinfo -isodates '$TMP/epoch.pdf' | grep -q 'CreationDate: *2023-11-14'"
check "without it the project's date is the creation date" bash -c "pdfinfo -isodates '$TMP/reference.pdf' | grep -q 'CreationDate: *2026-11-20'"
check "metadata: title, author, subject, keywords" bash -c "pdfinfo '$TMP/reference.pdf' | grep -q '^Title: *Approval' && pdfinfo '$TMP/reference.pdf' | grep -q '^Author: *[^ ]' && pdfinfo '$TMP/reference.pdf' | grep -q '^Subject: *Nordlicht' && pdfinfo '$TMP/reference.pdf' | grep -q '^Keywords: *NLT-2026-014'"

# --- bad input, one per class: exit code, position, nothing written, old output untouched
cp "$TMP/reference.pdf" "$TMP/keep.pdf"
bad() { # bad CODE "what" PATTERN args... : exit CODE, stderr matches PATTERN, keep.pdf untouched, none.pdf absent
    local code=$1 what=$2 pattern=$3; shift 3
    expect_exit "$code" "$what" "$PHASEDOC" "$@"
    if grep -qE -- "$pattern" "$TMP/err"; then pass; else fail "$what: message should match /$pattern/, got: $(head -c 300 "$TMP/err")"; fi
    check "$what: previous output byte-identical" cmp -s "$TMP/reference.pdf" "$TMP/keep.pdf"
    check "$what: no file written" test ! -e "$TMP/none.pdf"
    check "$what: no temporary file left" bash -c "! ls -A '$TMP' | grep -q '^\.'"
}
bad 1 "not well-formed XML" 'not-wellformed\.xml:30:[0-9]+: error:' render tests/bad/not-wellformed.xml -k approval -o "$TMP/keep.pdf"
bad 1 "not well-formed XML (new output)" 'not-wellformed\.xml:30:' render tests/bad/not-wellformed.xml -k approval -o "$TMP/none.pdf"
bad 1 "schema violation" 'schema-violation\.xml:25' render tests/bad/schema-violation.xml -k approval -o "$TMP/keep.pdf"
bad 1 "bad date" 'bad-date\.xml:[0-9]+' render tests/bad/bad-date.xml -k approval -o "$TMP/none.pdf"
bad 2 "unknown kind" "unknown document kind 'brochure'" render samples/reference.xml -k brochure -o "$TMP/keep.pdf"
bad 2 "unknown option" "unknown option '--frobnicate'" render samples/reference.xml --frobnicate -o "$TMP/keep.pdf"
bad 2 "unknown language" "no language catalogue for 'xx'" render samples/reference.xml -l xx -o "$TMP/keep.pdf"
bad 1 "missing logo" 'logo-missing/brand\.xml:[0-9]+' render samples/reference.xml -k approval -b tests/fixtures/brands/logo-missing -o "$TMP/keep.pdf"
bad 3 "unwritable output" 'cannot write' render samples/reference.xml -k approval -o "$TMP/no/such/dir/x.pdf"
chmod 0555 "$TMP" 2>/dev/null
if [[ $(id -u) != 0 ]]; then
    bad 3 "read-only folder" 'cannot write' render samples/reference.xml -k approval -o "$TMP/none.pdf"
fi
chmod 0755 "$TMP"

# --- standard input and output
"$PHASEDOC" render - -k approval -o - < samples/reference.xml > "$TMP/stdout.pdf"
check "render - -o - reads stdin and writes stdout" cmp -s "$TMP/reference.pdf" "$TMP/stdout.pdf"
( cd "$TMP" && "$PHASEDOC" render "$ROOT/samples/reference.xml" -k approval )
check "default output name is <id>-<kind>.pdf" pdf_ok "$TMP/NLT-2026-014-approval.pdf"
( cd / && "$PHASEDOC" render "$ROOT/samples/reference.xml" -k approval -o "$TMP/elsewhere.pdf" )
check "runs from any folder (data folder fixed at build time)" cmp -s "$TMP/reference.pdf" "$TMP/elsewhere.pdf"

# --- 300 criteria: several pages, header row on each, Page N of M right on each
python3 - "$ROOT/samples/reference.xml" "$TMP/big.xml" <<'PY'
import sys, xml.etree.ElementTree as ET
ns = "urn:phasedoc:project:1"; ET.register_namespace("", ns); N = "{%s}" % ns
t = ET.parse(sys.argv[1]); a = t.getroot().find(N + "approval")
i = list(a).index(a.find(N + "criterion"))
for k in range(300):
    e = ET.Element(N + "criterion", id="AC-%03d" % (k + 100), status=["passed", "failed", "waived", "open"][k % 4])
    ET.SubElement(e, N + "text").text = "Generated criterion %d: " % k + "the system behaves as agreed " * (1 + k % 7)
    if k % 5 == 0: ET.SubElement(e, N + "note").text = "Retest later. " * (1 + k % 9)
    a.insert(i, e); i += 1
t.write(sys.argv[2], encoding="UTF-8", xml_declaration=True)
PY
expect_exit 0 "render 300 criteria" "$PHASEDOC" render "$TMP/big.xml" -k approval -o "$TMP/big.pdf"
n=$(pdf_pages "$TMP/big.pdf")
check "300 criteria span several pages ($n)" test "${n:-0}" -ge 4
for ((p = 1; p <= ${n:-0}; p++)); do
    t=$(pdftotext -f $p -l $p "$TMP/big.pdf" - 2>/dev/null | tr '\n' ' ')
    if [[ $t =~ AC-[1-3][0-9][0-9] && $t != *Criterion* ]]; then fail "page $p has criteria but no header row"; else pass; fi
    if [[ $t =~ Page\ $p\ of\ $n([^0-9]|$) ]]; then pass; else fail "page $p does not say 'Page $p of $n'"; fi
done
c=$("$PHASEDOC" layout "$TMP/big.xml" -k approval | grep -o 'Criterion' | wc -l)
check "the layout XML holds the header row once ($c)" test "$c" = 1
finish
