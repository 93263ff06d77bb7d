#!/usr/bin/env bash
# The stylesheet side of issue 11: covers that fit one page (with a warning), the brand's
# font in running headers and footers, readable status colours, the phase strip at the
# document's own date, no-break spans in the layout XML, the legal line held together.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
S=samples/stress

# a 125-character name and a 150-character title: the cover is one page, with a warning
"$PHASEDOC" render $S/long-names-en.xml -k offer -o "$TMP/long.pdf" 2>"$TMP/err"
check "the long-names offer renders" pdf_ok "$TMP/long.pdf"
check "nothing of the cover on page 2" bash -c "! pdftotext -f 2 -l 2 '$TMP/long.pdf' - | grep -qiE 'prepared for|project phases|as of '"
check "a warning says the cover title was set smaller" grep -q "cover sets the title (150 characters) smaller" "$TMP/err"
"$PHASEDOC" render samples/reference.xml -k offer -o "$TMP/ref.pdf" 2>"$TMP/err"
check "the reference cover gives no warning" test ! -s "$TMP/err"
python3 - "$ROOT/samples/reference.xml" "$TMP/cut.xml" <<'PY'
import sys, xml.etree.ElementTree as ET
ns = "urn:phasedoc:project:1"; ET.register_namespace("", ns)
t = ET.parse(sys.argv[1]); t.getroot().find("{%s}title" % ns).text = "Replacement of the webmail " * 9
t.write(sys.argv[2], encoding="UTF-8", xml_declaration=True)
PY
"$PHASEDOC" render "$TMP/cut.xml" -k concept -o "$TMP/cut.pdf" 2>"$TMP/err"
check "a title past 180 characters is cut on the cover, with a warning" grep -q "is cut to 180 on the cover" "$TMP/err"
check "... and the cover is still one page" bash -c "! pdftotext -f 2 -l 2 '$TMP/cut.pdf' - | grep -qiE 'project phases|as of '"
# the cut title is whole in the tags (the paragraph's ActualText), and keeps its commas
python3 - "$ROOT/samples/reference.xml" "$TMP/cut2.xml" <<'PY'
import sys, xml.etree.ElementTree as ET
ns = "urn:phasedoc:project:1"; ET.register_namespace("", ns)
t = ET.parse(sys.argv[1])
t.getroot().find("{%s}title" % ns).text = ("Replacement of the webmail, calendars, contacts, "
    "file storage and archive for residential and business customers of every subsidiary "
    "and partner brand, with migration, training, operations and support in 2027 and 2028")
t.write(sys.argv[2], encoding="UTF-8", xml_declaration=True)
PY
"$PHASEDOC" render "$TMP/cut2.xml" -k offer -o "$TMP/cut2.pdf" 2>/dev/null
check "a cut cover title is whole in the structure tree (ActualText of its P)" /usr/bin/python3 -c "
import pikepdf, sys
pdf = pikepdf.open(sys.argv[1])
texts = [str(o.ActualText) for o in pdf.objects if isinstance(o, pikepdf.Dictionary)
         and o.get('/Type') == '/StructElem' and '/ActualText' in o]
sys.exit(0 if texts == [sys.argv[2]] else 1)" "$TMP/cut2.pdf" "$(python3 -c "import sys, xml.etree.ElementTree as ET; print(ET.parse(sys.argv[1]).getroot().find('{urn:phasedoc:project:1}title').text)" "$TMP/cut2.xml")"
check "the cut cover title keeps its commas (\"webmail, calendars, contacts,\")" \
    bash -c "pdftotext -l 1 '$TMP/cut2.pdf' - | tr '\n' ' ' | grep -q 'webmail, calendars, contacts, file'"
check "a cover title that fits has no ActualText" /usr/bin/python3 -c "
import pikepdf, sys
pdf = pikepdf.open(sys.argv[1])
sys.exit(any(isinstance(o, pikepdf.Dictionary) and '/ActualText' in o for o in pdf.objects))" "$TMP/ref.pdf"

# kalkberg's body font (Open Sans) in the running header and footer, not the default's Inter
"$PHASEDOC" render samples/reference.xml -k approval -b samples/brands/kalkberg -o "$TMP/k.pdf" 2>/dev/null
check "kalkberg: no Inter in the PDF (header and footer in the brand's font)" bash -c "! pdffonts '$TMP/k.pdf' | grep -q Inter"

# every status and level colour as text reaches 4.5:1 on white and on the table stripes
for b in templates/brands/default samples/brands/kalkberg samples/brands/lakeshore; do
    for k in approval concept offer; do "$PHASEDOC" layout samples/reference.xml -k $k -b $b; done > "$TMP/l.xml" 2>/dev/null
    low=$(python3 - "$TMP/l.xml" <<'PY'
import sys, re
def lum(h):
    c = [int(h[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    c = [v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4 for v in c]
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]
def ratio(a, b):
    x, y = sorted((lum(a), lum(b)), reverse=True); return (x + 0.05) / (y + 0.05)
t = open(sys.argv[1]).read()
stripe = re.search(r'stripe="(#[0-9a-fA-F]{6})"', t).group(1)
bad = [n for n, c in re.findall(r'<style name="((?:status|level|issue)-[a-z]+|muted)"[^>]*color="(#[0-9a-fA-F]{6})"', t)
       if min(ratio(c, "#ffffff"), ratio(c, stripe)) < 4.5]
print(" ".join(sorted(set(bad))))
PY
)
    check "$b: status words readable at 4.5:1 (below: ${low:-none})" test -z "$low"
done

# the phase strip as it stood at the document's date: the offer (initialisation, 15 October)
# shows the concept (done on 6 November) in progress, the approval sheet shows it done
"$PHASEDOC" layout samples/reference.xml -k offer > "$TMP/o.xml" 2>/dev/null
check "offer: the concept is in progress at the offer's date" grep -q '<phase label="Concept" status="In progress" state="current"' "$TMP/o.xml"
"$PHASEDOC" layout samples/reference.xml -k approval > "$TMP/a.xml" 2>/dev/null
check "approval: the concept is done at the sheet's date" grep -q '<phase label="Concept" status="Done" state="done"' "$TMP/a.xml"

# the vocabulary: amounts, ids and dates in no-break spans, addresses in URL spans
check "offer: amounts in no-break spans" grep -q '<span nobreak="true">28,125.00</span>' "$TMP/o.xml"
check "offer: e-mail addresses in url spans" grep -q '<span break="url">markus.keller@provider.example</span>' "$TMP/o.xml"
check "approval: criterion ids in no-break spans" grep -q '<span nobreak="true">AC-01</span>' "$TMP/a.xml"

# the legal line breaks between its parts only
check "the legal line keeps 'VAT ID DE318427906' on one line" bash -c "pdftotext -layout '$TMP/ref.pdf' - | grep -q 'VAT ID DE318427906'"

# both parties' signature lines at one height when one label takes more lines
"$PHASEDOC" layout $S/long-names-en.xml -k approval --boxes > "$TMP/sig.boxes" 2>/dev/null
check "signature lines of a pair at one height" python3 - "$TMP/sig.boxes" <<'PY'
import sys, re
# the signing lines span a signature cell: half the frame less the 12 mm gap (223.94 pt)
lines = [tuple(map(float, m.groups())) for m in re.finditer(r"^  line\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+0\.00\s*$", open(sys.argv[1]).read(), re.M)]
sig = sorted(l for l in lines if abs(l[2] - 223.94) < 0.05)
left = [l for l in sig if l[0] < 100]
right = [l for l in sig if l[0] > 300]
assert right and left and abs(left[0][1] - right[0][1]) < 0.01, sig
PY
finish
