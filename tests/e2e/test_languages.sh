#!/usr/bin/env bash
# Languages end to end: BCP 47 tags and their fallback (a region's catalogue over its
# language's), the formats of each region, French spacing, an unknown language refused with
# the installed ones listed, brand texts per language (`phasedoc brand -l`), one word for one
# thing (a brand's "Proposal" everywhere), every catalogue holding every key, the samples in
# de-CH, fr and en-US, and the hyphenation word lists (tools/hyphen-check).
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
REF=samples/reference.xml
LAKESHORE=samples/brands/lakeshore
KALKBERG=samples/brands/kalkberg

render() { "$PHASEDOC" render "$@" 2>"$TMP/err"; }
# the raw text of a PDF (no folding: narrow no-break spaces are looked at in the content)
raw() { pdftotext "$1" - 2>/dev/null; }

# --- every catalogue has every key; a variant only keys its language has
check "every language catalogue has every key of en.xml, and variants no key of their own" python3 - <<'PY'
import re, glob, os, sys
keys = lambda f: re.findall(r'<text key="([^"]+)"', open(f, encoding="utf-8").read())
en = set(keys("stylesheets/l10n/en.xml")); bad = []
for f in sorted(glob.glob("stylesheets/l10n/*.xml")):
    tag = os.path.basename(f)[:-4]; k = keys(f)
    if len(k) != len(set(k)): bad.append("%s: a key twice" % tag)
    if "-" in tag:
        extra = set(k) - en
        if extra: bad.append("%s: keys its language lacks: %s" % (tag, sorted(extra)))
    elif set(k) != en:
        bad.append("%s: missing %s, extra %s" % (tag, sorted(en - set(k)), sorted(set(k) - en)))
print("\n".join(bad)); sys.exit(1 if bad else 0)
PY

# --- regions: their own catalogue over their language's, else the language's
render "$REF" -k offer -l de-DE -o "$TMP/dede.pdf"
check "de-DE: German amounts" has_text "$TMP/dede.pdf" "195.356,35"
check "de-DE: German dates" has_text "$TMP/dede.pdf" "8. Oktober 2026"
check "de-DE: the default brand's German legal line" has_text "$TMP/dede.pdf" "Geschäftsführung: Lena Marquardt"
check "de-DE: no English legal line" bash -c "! pdftotext '$TMP/dede.pdf' - | grep -qE 'Registered office|Managing directors'"
check "de-DE: the German tagline" has_text "$TMP/dede.pdf" "Kommunikation, die Ihnen gehört."
check "de-DE: PDF language de-DE" bash -c "qpdf --json '$TMP/dede.pdf' | grep -q '\"/Lang\": \"u:de-DE\"'"
render "$REF" -k offer -l de-li -o "$TMP/deli.pdf"
check "de-li (no catalogue of its own) is German" has_text "$TMP/deli.pdf" "Seite 2 von"
render "$REF" -k offer -l de-CH -o "$TMP/dech.pdf"
check "de-CH: Swiss grouping" bash -c "pdftotext '$TMP/dech.pdf' - | grep -q '195’356.35'"
check "de-CH: MWST, not Umsatzsteuer" bash -c "pdftotext '$TMP/dech.pdf' - | grep -q 'MWST 19' && ! pdftotext '$TMP/dech.pdf' - | grep -q Umsatzsteuer"
check "de-CH: no ß in the fixed texts (Risiko und Gegenmassnahme)" bash -c "'$PHASEDOC' layout '$REF' -k concept -l de-CH | grep -q 'Gegenmassnahme'"
render "$REF" -k implementation -l de-AT -o "$TMP/deat.pdf"
render "$REF" -k offer -l en-US -o "$TMP/us.pdf"
check "en-US: month first" has_text "$TMP/us.pdf" "October 8, 2026"
check "en-US: dollar-style amounts keep the euro before the amount without a space" bash -c "pdftotext '$TMP/us.pdf' - | grep -q '€195,356.35'"
check "en-US: US spelling (One-time)" has_text "$TMP/us.pdf" "One-time"
render "$REF" -k offer -l en-GB -o "$TMP/gb.pdf"
check "en-GB: day first" has_text "$TMP/gb.pdf" "8 October 2026"

# --- French: formats and spacing (pdftotext turns U+202F into a space: the content is read)
render "$REF" -k offer -l fr -o "$TMP/fr.pdf"
check "fr: French date" has_text "$TMP/fr.pdf" "8 octobre 2026"
check "fr: French amount" bash -c "pdftotext '$TMP/fr.pdf' - | grep -qE '195.356,35'"
"$PHASEDOC" layout "$REF" -k offer -l fr > "$TMP/fr.layout.xml" 2>/dev/null
check "fr: narrow no-break spaces in amounts (195 356,35 €)" python3 -c "import sys; t=open('$TMP/fr.layout.xml',encoding='utf-8').read(); sys.exit(0 if '195\u202f356,35\u202f€' in t else 1)"
check "fr: narrow no-break space before a colon" python3 -c "import sys; t=open('$TMP/fr.layout.xml',encoding='utf-8').read(); sys.exit(0 if 'souhaite\u202f:' in t else 1)"
check "fr: no English fixed text (Page N of, Offer number, Customer, Prices)" bash -c "! pdftotext '$TMP/fr.pdf' - | grep -qE '^(Page [0-9]+ of|Offer number|Customer|Prices|Valid until)'"
render samples/regional-10k-fr.xml -k offer -o "$TMP/fr-sample.pdf"
check "fr sample: 45 435,00 € gross, TVA 20 %" bash -c "pdftotext '$TMP/fr-sample.pdf' - | grep -q 'TVA 20' && pdftotext '$TMP/fr-sample.pdf' - | grep -qE '45.435,00.€'"
check "fr sample: the French legal line" has_text "$TMP/fr-sample.pdf" "Siège social"
"$PHASEDOC" layout samples/regional-10k-fr.xml -k offer > "$TMP/frs.layout.xml" 2>/dev/null
check "fr sample: « » get narrow spaces inside, ? before" python3 -c "import sys; t=open('$TMP/frs.layout.xml',encoding='utf-8').read(); sys.exit(0 if '«\u202fé\u202f»' in t and 'boîtes\u202f?' in t else 1)"

# --- the regional sample in Swiss German
render samples/regional-10k.xml -k offer -o "$TMP/rt.pdf"
check "regional-10k: de-CH, CHF 40’929.36 gross" bash -c "pdftotext '$TMP/rt.pdf' - | grep -q 'CHF 40’929.36'"
check "regional-10k: German fixed texts" has_text "$TMP/rt.pdf" "Seite 2 von"

# --- an unknown language: usage error from -l, input error from a file; the installed listed
expect_exit 2 "-l xx is a usage error" "$PHASEDOC" render "$REF" -k offer -l xx -o "$TMP/xx.pdf"
check "the error lists the installed languages" bash -c "grep -q 'installed: de, de-AT, de-CH, de-DE, en, en-GB, en-US, fr, fr-CH' '$TMP/err'"
check "nothing written for an unknown language" test ! -e "$TMP/xx.pdf"
sed 's/lang="en"/lang="xx-YY"/' "$REF" > "$TMP/xx.xml"
expect_exit 1 "lang=\"xx-YY\" in the project is an input error" "$PHASEDOC" render "$TMP/xx.xml" -k offer -o "$TMP/xx.pdf"
check "... with the file and line" grep -q 'xx.xml:2' "$TMP/err"
expect_exit 2 "-l with a bad tag" "$PHASEDOC" render "$REF" -k offer -l "de/../x" -o "$TMP/xx.pdf"

# --- brand texts per language
"$PHASEDOC" brand -b "$KALKBERG" -l de-CH > "$TMP/brand-de" 2>&1
check "brand -l de-CH: kalkberg's German legal line, from its [de] text" grep -qE '^company.legal +Kalkberg Hosting GmbH · Sitz Leipzig.*pack kalkberg .*\[de\]$' "$TMP/brand-de"
check "brand -l de-CH: kalkberg's German wording" grep -qE '^wording.offer.title +Leistungsangebot .*\[de\]$' "$TMP/brand-de"
"$PHASEDOC" brand -b "$KALKBERG" -l en > "$TMP/brand-en" 2>&1
check "brand -l en: kalkberg's English legal line, for every language" grep -qE '^company.legal +Kalkberg Hosting GmbH · Registered office: Leipzig.*brand.xml:[0-9]+\)$' "$TMP/brand-en"
render "$REF" -k offer -b "$KALKBERG" -o "$TMP/kb-en.pdf"
check "kalkberg, English document: no German legal line" bash -c "! pdftotext '$TMP/kb-en.pdf' - | grep -q 'Geschäftsführung'"
render "$REF" -k offer -b "$KALKBERG" -s 'cover.tagline@de=Eigener Spruch' -l de -o "$TMP/kb-de.pdf"
check "-s KEY@LANG sets a text for one language" has_text "$TMP/kb-de.pdf" "Eigener Spruch"
expect_exit 2 "-s on a key that is not a text refuses a language" "$PHASEDOC" brand -s 'color.primary@de=#000000'

# --- lakeshore: en-US throughout, and "Proposal" is one word everywhere
render "$REF" -k offer -b "$LAKESHORE" -o "$TMP/lake.pdf"
check "lakeshore: US dates for a project in en" has_text "$TMP/lake.pdf" "October 8, 2026"
check "lakeshore: Proposal in the running text" has_text "$TMP/lake.pdf" "On the basis of this proposal"
check "lakeshore: Proposal on the cover labels" has_text "$TMP/lake.pdf" "PROPOSAL NUMBER"
check "lakeshore: no 'offer' in the fixed texts" bash -c "! pdftotext '$TMP/lake.pdf' - | grep -E '(^| )(offer|Offer|OFFER)( |\$)' | grep -vE 'Offer the suite|Offer for the Go'"
check "lakeshore: Proposal in title and keywords" bash -c "pdfinfo '$TMP/lake.pdf' | grep -q '^Title: *Proposal' && pdfinfo '$TMP/lake.pdf' | grep -q '^Keywords:.*Proposal'"
# ... and in the names of files: render without -o, batch, watch's default, serve's download
mkdir -p "$TMP/names" "$TMP/names-batch"
(cd "$TMP/names" && "$PHASEDOC" render "$ROOT/$REF" -k offer -b "$ROOT/$LAKESHORE" 2>/dev/null &&
    "$PHASEDOC" render "$ROOT/$REF" -k offer 2>/dev/null &&
    "$PHASEDOC" render "$ROOT/$REF" -k offer -b "$ROOT/$LAKESHORE" -l de 2>/dev/null)
check "lakeshore: render names its offer NLT-2026-014-proposal.pdf" \
    pdf_ok "$TMP/names/NLT-2026-014-proposal.pdf"
check "... the default brand's is NLT-2026-014-offer.pdf" pdf_ok "$TMP/names/NLT-2026-014-offer.pdf"
check "... and lakeshore's German one follows its German wording (angebot)" \
    pdf_ok "$TMP/names/NLT-2026-014-angebot.pdf"
"$PHASEDOC" batch -d "$TMP/names-batch" -k offer -b "$LAKESHORE" "$REF" 2>/dev/null
check "lakeshore: batch's {kind} is proposal too" pdf_ok "$TMP/names-batch/NLT-2026-014-proposal.pdf"
"$PHASEDOC" batch -d "$TMP/names-batch" -k offer -b "$LAKESHORE" --name '{id}-{kind-id}.pdf' "$REF" \
    2>/dev/null
check "... and {kind-id} keeps the kind's own name for scripts" \
    pdf_ok "$TMP/names-batch/NLT-2026-014-offer.pdf"

# --- hyphenation against the word lists: no wrong break with the exception lists
if [[ -x $ROOT/build/hyphen-check ]]; then
    for l in de de-CH de-AT; do
        out=$("$ROOT/build/hyphen-check" "$l" tests/hyphen/de-words.txt tests/hyphen/de-words-unseen.txt)
        check "German hyphenation ($l): $out" grep -q ' 0 with a wrong break' <<<"$out"
    done
    for l in en-US en-GB; do
        out=$("$ROOT/build/hyphen-check" "$l" tests/hyphen/en-words.txt)
        check "English hyphenation ($l): $out" grep -q ' 0 with a wrong break' <<<"$out"
    done
    out=$("$ROOT/build/hyphen-check" fr tests/hyphen/fr-words.txt)
    check "French hyphenation: $out" grep -q ' 0 with a wrong break' <<<"$out"
fi
finish
