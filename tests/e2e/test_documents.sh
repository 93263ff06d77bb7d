#!/usr/bin/env bash
# The four document kinds end to end: every kind of every sample renders in English and German
# to a sound PDF whose layout XML validates; the reference's figures are on the page in both
# languages; another sample's totals match an independent computation; no page shows template
# debris; the concept's contents point at the right pages; "Page N of M" is right on every page,
# the cover's included.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

# text of one page, soft hyphens and line-end hyphens undone, white space folded
page_text() { pdftotext -f "$2" -l "$2" "$1" - 2>/dev/null | python3 -c 'import sys,re; t=sys.stdin.read(); t=re.sub("\u00ad\\s*","",t); print(re.sub(r"\s+"," ",t))'; }
# has_all PDF STRING...: every string is in the PDF's text
# (in reading order or in layout order: which of the two keeps a label with its amount depends
# on where a table lands on its page)
has_all() { local f=$1; shift; local t; t="$(pdf_text "$f") ||| $(pdf_text -layout "$f")"; for s in "$@"; do [[ $t == *"$s"* ]] || { echo "missing: $s" >&2; return 1; }; done; }

samples=(samples/reference.xml samples/regional-10k.xml samples/hoster-plesk-100k.xml samples/telco-1m-de.xml)
kinds=(offer concept implementation approval)

# --- every kind of every sample, in both languages: rendered in parallel first, then checked
jobs=$(nproc 2>/dev/null || echo 2)
for f in "${samples[@]}"; do for k in "${kinds[@]}"; do for l in en de; do
    echo "$f $k $l"
done; done; done | xargs -P "$jobs" -L 1 bash -c '
    out=$0/$(basename "$2" .xml)-$3-$4
    "$1" render "$2" -k "$3" -l "$4" -o "$out.pdf" >"$out.err" 2>&1; echo $? > "$out.rc"' "$TMP" "$PHASEDOC"
for f in "${samples[@]}"; do
    name=$(basename "$f" .xml)
    id=$(python3 -c 'import sys,xml.etree.ElementTree as E; print(E.parse(sys.argv[1]).getroot().get("id"))' "$f")
    customer=$(python3 -c 'import sys,xml.etree.ElementTree as E; r=E.parse(sys.argv[1]).getroot(); print(r.find("{urn:phasedoc:project:1}customer/{urn:phasedoc:project:1}name").text.strip())' "$f")
    for k in "${kinds[@]}"; do
        for l in en de; do
            out=$TMP/$name-$k-$l.pdf
            rc=$(cat "$TMP/$name-$k-$l.rc" 2>/dev/null)
            if [[ $rc == 0 ]]; then pass; else fail "render $f -k $k -l $l: exit ${rc:-?} ($(head -c 300 "$TMP/$name-$k-$l.err"))"; fi
            check "$name $k $l: sound PDF (pdfinfo, qpdf --check, fonts embedded)" pdf_ok "$out"
            "$PHASEDOC" layout "$f" -k "$k" -l "$l" > "$TMP/layout.xml" 2>/dev/null
            check "$name $k $l: the layout XML validates against schemas/layout.rng" \
                xmllint --noout --relaxng schemas/layout.rng "$TMP/layout.xml"
            # unfilled {placeholders} or NaN hide in attributes too (alt texts, labels)
            check "$name $k $l: no {placeholder} or NaN in the layout XML" \
                bash -c "! grep -qE '\{[a-z][a-z0-9.-]*\}|NaN' '$TMP/layout.xml'"
            t=$(pdf_text "$out")
            if [[ $t == *"{"* || $t == *"}"* || $t == *"pd:"* || $t == *NaN* || $t == *Infinity* ]]; then
                fail "$name $k $l: template debris on the page: $(grep -oE '.{20}(\{|\}|pd:|NaN|Infinity).{20}' <<<"$t" | head -3)"
            else pass; fi
            check "$name $k $l: shows the customer" grep -qF -- "$customer" <<<"$t"
            # metadata: title, subject (the customer), keywords (id and the kind in the words
            # the title uses, so that a brand's "Proposal" is one word everywhere), language
            info=$(pdfinfo "$out" 2>/dev/null)
            word=$(sed -n 's/^Title: *\(.*\) — .*/\1/p' <<<"$info")
            if grep -q "^Title: *[^ ]" <<<"$info" && grep -q "^Subject: *$customer\$" <<<"$info" &&
               [[ -n $word ]] && grep -qF "$id, $word" <<<"$(grep '^Keywords:' <<<"$info")"; then pass
            else fail "$name $k $l: metadata (title, subject, keywords): $(grep -E '^(Title|Subject|Keywords)' <<<"$info" | tr '\n' ' ')"; fi
            # Page N of M on every page, the cover's too
            n=$(pdf_pages "$out"); wrong=""
            if [[ $l == de ]]; then word=Seite of=von; else word=Page of=of; fi
            for ((p = 1; p <= ${n:-0}; p++)); do
                pt=$(page_text "$out" $p)
                [[ $pt =~ $word\ $p\ $of\ $n([^0-9]|$) ]] || wrong+=" $p"
            done
            check "$name $k $l: '$word N $of $n' right on every page (wrong on:${wrong:- none})" test -z "$wrong"
        done
    done
done

# --- the reference's figures, from the C functions, in English and in German
R=$TMP/reference-offer-en.pdf
check "offer (en): number, validity, contact, decision date" has_all "$R" "OF-2026-0147" "31 December 2026" "Markus Keller" "15 October 2026"
check "offer (en): subtotals once and yearly" has_all "$R" "One-off subtotal 31,425.00" "Yearly subtotal 132,740.00"
check "offer (en): first-year total, VAT, gross" has_all "$R" "164,165.00" "VAT 19% € 31,191.35" "195,356.35"
check "offer (en): line totals and unit prices" has_all "$R" "28,125.00" "12,240.00" "0.85" "1,250.00" "mailbox/year"
check "offer (en): sizing 9,600 sessions on 5 nodes" has_all "$R" "9,600 concurrent sessions on 5 application nodes" "120,000 9,600 5"
check "offer (en): reference sizes 800/2, 8,000/5, 80,000/33" has_all "$R" "10,000 800 2" "100,000 8,000 5" "1,000,000 80,000 33" "80,000 sessions · 33 nodes"
check "offer (en): POC issues by department" has_all "$R" "R&D" "Sales" "Marketing" "poc.nordlicht.example"
D=$TMP/reference-offer-de.pdf
check "offer (de): totals" has_all "$D" "Zwischensumme einmalig 31.425,00" "Zwischensumme jährlich 132.740,00" "164.165,00" "31.191,35" "195.356,35"
check "offer (de): dates" has_all "$D" "31. Dezember 2026" "15. Oktober 2026" "Seite 2 von"
check "offer (de): sizing" has_all "$D" "9.600 gleichzeitige Sitzungen auf 5 Anwendungsknoten" "10.000 800 2" "100.000 8.000 5" "1.000.000 80.000 33"
check "offer (de): departments and units translated" has_all "$D" "F&E" "Vertrieb" "Postfach/Jahr" "Einmalig" "Jährlich"
check "implementation (en): packages, owners, milestones" has_all "$TMP/reference-implementation-en.pdf" WP1 WP5 "Go-live" "Sofia Brandt" "Integrate provisioning and Plesk" "51 person-days"
check "concept (en): rich text and risks" has_all "$TMP/reference-concept-en.pdf" "Target architecture" "The CRM creates the context." "the provisioning documentation" "Exchange calendar interoperability" "Which support hours"

# --- sizing follows the input
python3 - "$ROOT/samples/reference.xml" "$TMP/size.xml" <<'PY'
import sys, xml.etree.ElementTree as ET
ns = "urn:phasedoc:project:1"; ET.register_namespace("", ns); N = "{%s}" % ns
t = ET.parse(sys.argv[1]); t.getroot().find(N + "initialisation").find(N + "sizing").set("users", "250000")
t.write(sys.argv[2], encoding="UTF-8", xml_declaration=True)
PY
"$PHASEDOC" render "$TMP/size.xml" -k offer -o "$TMP/size.pdf" 2>/dev/null
check "250,000 users: 20,000 sessions on 9 nodes" has_all "$TMP/size.pdf" "20,000 concurrent sessions on 9 application nodes"

# --- totals of the other samples, computed here independently with decimal arithmetic
for f in samples/regional-10k.xml samples/hoster-plesk-100k.xml samples/telco-1m-de.xml; do
    name=$(basename "$f" .xml)
    read -r en de < <(python3 - "$f" <<'PY'
import sys, xml.etree.ElementTree as ET
from decimal import Decimal as D, ROUND_HALF_UP
N = "{urn:phasedoc:project:1}"
o = ET.parse(sys.argv[1]).getroot().find(N + "initialisation").find(N + "offer")
cent = D("0.01"); sub = {"once": D(0), "monthly": D(0), "yearly": D(0)}
for i in o.findall(N + "item"):
    disc = D(i.get("discount", "0"))
    line = (D(i.get("qty")) * D(i.get("price")) * (100 - disc) / 100).quantize(cent, ROUND_HALF_UP)
    sub[i.get("billing")] += line
net = sub["once"] + 12 * sub["monthly"] + sub["yearly"]
vat = (net * D(o.get("vat")) / 100).quantize(cent, ROUND_HALF_UP)
en = lambda x: "{:,.2f}".format(x)
de = lambda x: en(x).replace(",", "_").replace(".", ",").replace("_", ".")
print("|".join(map(en, (net, vat, net + vat))), "|".join(map(de, (net, vat, net + vat))))
PY
)
    IFS='|' read -r -a want_en <<<"$en"
    IFS='|' read -r -a want_de <<<"$de"
    check "$name offer (en): first-year total ${want_en[0]}, VAT ${want_en[1]}, gross ${want_en[2]}" has_all "$TMP/$name-offer-en.pdf" "${want_en[@]}"
    check "$name offer (de): first-year total ${want_de[0]}, VAT ${want_de[1]}, gross ${want_de[2]}" has_all "$TMP/$name-offer-de.pdf" "${want_de[@]}"
done

# --- the concept's contents: each section title with the page it starts on
for l in en de; do
    c=$TMP/reference-concept-$l.pdf
    n=$(pdf_pages "$c")
    contents=$(page_text "$c" 2)
    # where each heading really is: the bookmark's page, which must show the title
    outline=$(qpdf --json --json-key=outlines "$c" | python3 -c 'import json,sys
def walk(o):
    for x in o: print("%s\t%s" % (x["title"], x.get("destpageposfrom1", ""))); walk(x.get("kids", []))
walk(json.load(sys.stdin)["outlines"])')
    for title in "Target architecture" "Provisioning" "Branding"; do
        at=$(awk -F'\t' -v t="$title" '$1 == t {print $2; exit}' <<<"$outline")
        if [[ -n $at ]] && pdftotext -f "$at" -l "$at" "$c" - 2>/dev/null | grep -qx -- "$title" &&
           [[ $contents =~ $title[\ .]*$at([^0-9]|$) ]]; then pass
        else fail "concept ($l): contents should list '$title' with page ${at:-?}: $(grep -oE "$title[ .]*[0-9]+" <<<"$contents" | head -1)"; fi
    done
done
check "concept: the contents entries are links" bash -c "qpdf --json '$TMP/reference-concept-en.pdf' | grep -q '\"/Subtype\": \"/Link\"'"
check "concept: bookmarks from the headings" bash -c "qpdf --json --json-key=outlines '$TMP/reference-concept-en.pdf' | python3 -c 'import json,sys; o=json.load(sys.stdin)[\"outlines\"]; sys.exit(0 if len(o) >= 8 else 1)'"

# --- wording from the brand: a fixed string overridden without touching a stylesheet
"$PHASEDOC" render samples/reference.xml -k offer -s wording.en.offer.title=Proposal -o "$TMP/proposal.pdf" 2>/dev/null
check "wording.en.offer.title=Proposal titles the offer" bash -c "pdfinfo '$TMP/proposal.pdf' | grep -q '^Title: *Proposal'"

# --- the catalogues hold the same keys
check "en.xml and de.xml have the same keys" python3 - <<'PY'
import re, sys
k = lambda f: set(re.findall(r'<text key="([^"]+)"', open(f, encoding="utf-8").read()))
a, b = k("stylesheets/l10n/en.xml"), k("stylesheets/l10n/de.xml")
sys.exit(0 if a == b else print("only en:", a - b, "only de:", b - a) or 1)
PY
finish
