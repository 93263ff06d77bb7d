#!/usr/bin/env bash
# Authoring end to end (issue 14): validate checks what render checks and reports all of it,
# warnings and --strict, kinds without their data, the editor schemas (trang's RNC and XSD
# agree with the RELAX NG: jing and xmllint), `phasedoc new` names its schema, the generated
# reference is up to date, `help COMMAND`, `--`, and `watch` re-rendering on changes of the
# project and of its brand pack, keeping the last good PDF.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

FIX=$ROOT/tests/fixtures/authoring
REF=$ROOT/samples/reference.xml

# --- validate: warnings, --strict, everything in one run, the brand
expect_exit 0 "qty=30.000 is legal" "$PHASEDOC" validate "$FIX/thousands.xml"
grep -q 'warning: qty="30.000" is read as 30' "$TMP/err" && pass || fail "30.000 warns: $(cat "$TMP/err")"
expect_exit 1 "--strict makes the warning an error" "$PHASEDOC" validate --strict "$FIX/thousands.xml"
expect_exit 1 "schema and reference errors together" "$PHASEDOC" validate "$FIX/schema-and-ref.xml"
[[ $(grep -c error: "$TMP/err") == 2 ]] && pass || fail "two errors in one run: $(cat "$TMP/err")"
sed 's|</branding>|<set key="colour.primary" value="#ff0000"/></branding>|' "$REF" > "$TMP/brandkey.xml"
expect_exit 1 "validate refuses a misspelt <branding> key, as render does" "$PHASEDOC" validate "$TMP/brandkey.xml"
grep -q 'color.primary' "$TMP/err" && pass || fail "did you mean color.primary: $(cat "$TMP/err")"
sed 's|</branding>|<set key="font.body" value="Comic Neue"/></branding>|' "$REF" > "$TMP/font.xml"
expect_exit 0 "an unknown font is legal" "$PHASEDOC" validate "$TMP/font.xml"
grep -q "warning: font.body 'Comic Neue'" "$TMP/err" && pass || fail "an unshipped font warns: $(cat "$TMP/err")"
sed 's|</branding>|<set key="wording.en.offer.titel" value="Proposal"/></branding>|' "$REF" > "$TMP/wording.xml"
"$PHASEDOC" validate "$TMP/wording.xml" >/dev/null 2>"$TMP/err"
grep -q "wording.en.offer.titel.*catalogue has no text 'offer.titel'" "$TMP/err" && pass || fail "a wording key the catalogue lacks warns: $(cat "$TMP/err")"
python3 - "$REF" "$TMP/monthly.xml" <<'PY'
import sys
s = open(sys.argv[1]).read().replace('qty="1" unit="year" billing="yearly"', 'qty="12" unit="month" billing="monthly"')
open(sys.argv[2], "w").write(s)
PY
"$PHASEDOC" validate "$TMP/monthly.xml" >/dev/null 2>"$TMP/err"
grep -q 'if 12 is the number of months' "$TMP/err" && pass || fail "monthly qty=12 warns: $(cat "$TMP/err")"
sed 's|<approval status="done" date="2027-03-05">|<approval status="done" date="2027-01-05">|' "$REF" > "$TMP/early-approval.xml"
"$PHASEDOC" validate "$TMP/early-approval.xml" >/dev/null 2>"$TMP/err"
grep -q 'approval is dated 2027-01-05, before the implementation ends' "$TMP/err" && pass || fail "phases out of order warn: $(cat "$TMP/err")"
expect_exit 0 "the reference validates without warnings" "$PHASEDOC" validate --strict "$REF"

# --- kinds without their data
python3 - "$REF" "$TMP/early.xml" <<'PY'
import sys, re
s = open(sys.argv[1]).read()
for tag in ("concept", "implementation", "approval", "history"):
    s = re.sub(r"\s*<%s[ >].*?</%s>" % (tag, tag), "", s, flags=re.S)
open(sys.argv[2], "w").write(s)
PY
expect_exit 1 "an approval sheet without approval data is refused" "$PHASEDOC" render "$TMP/early.xml" -k approval -o "$TMP/e.pdf"
grep -q 'the project has no <approval> yet' "$TMP/err" && pass || fail "says what is missing: $(cat "$TMP/err")"
check "nothing written" test ! -e "$TMP/e.pdf"
mkdir -p "$TMP/all"
expect_exit 0 "-k all renders what has its data" "$PHASEDOC" render "$TMP/early.xml" -k all -d "$TMP/all"
check "-k all wrote the offer" pdf_ok "$TMP/all/NLT-2026-014-offer.pdf"
[[ $(ls "$TMP/all" | wc -l) == 1 ]] && pass || fail "-k all wrote only the offer: $(ls "$TMP/all")"
grep -q 'skipped the approval' "$TMP/err" && pass || fail "-k all names the skipped: $(cat "$TMP/err")"

# --- editor schemas: generated, and agreeing with the RELAX NG
check "schemas/project.rnc exists" test -s schemas/project.rnc
check "jing: the reference against the RELAX NG" jing schemas/project.rng "$REF"
check "jing: the reference against the RNC" jing -c schemas/project.rnc "$REF"
check "xmllint: the reference against the XSD" xmllint --noout --schema schemas/project.xsd "$REF"
for f in samples/*-*.xml; do check "xmllint --schema: $f" xmllint --noout --schema schemas/project.xsd "$f"; done
check "jing refuses what phasedoc refuses" bash -c "! jing schemas/project.rng '$FIX/no-valid-until.xml' >/dev/null"
"$PHASEDOC" new > "$TMP/new.xml"
grep -q '<?xml-model href="file://.*/schemas/project.rng"' "$TMP/new.xml" && pass || fail "new writes <?xml-model?>"
check "the starter validates" "$PHASEDOC" validate --strict "$TMP/new.xml"
check "the starter passes the XSD" xmllint --noout --schema schemas/project.xsd "$TMP/new.xml"

# --- the generated reference is up to date and lints clean
XA=$(dirname "$PHASEDOC")/xslt-apply
if [[ -x $XA ]]; then
    "$XA" tools/rng-doc-md.xsl schemas/project.rng | cmp -s - docs/project.md && pass || fail "docs/project.md is stale: make docs"
    "$XA" tools/rng-doc-man.xsl schemas/project.rng | cmp -s - docs/phasedoc-project.5 && pass || fail "docs/phasedoc-project.5 is stale: make docs"
else fail "no $XA (built by make all)"; fi
[[ -z $(mandoc -Tlint -W warning docs/phasedoc-project.5 2>&1) ]] && pass || fail "mandoc -Tlint: $(mandoc -Tlint -W warning docs/phasedoc-project.5 2>&1 | head -3)"

# --- help, --
# every long option a command's --help lists is offered by the bash and zsh completions
for c in render layout batch watch serve sign; do
    missing=""
    for o in $("$PHASEDOC" $c --help 2>&1 | grep -oE -- '--[a-z][a-z-]+' | sort -u); do
        grep -qE -- "$o\b" completion/phasedoc.bash || missing+=" bash:$o"
        grep -qE -- "$o(\[|\})" completion/_phasedoc || missing+=" zsh:$o"
    done
    [[ -z $missing ]] && pass || fail "the completions of $c lack:$missing"
done
for c in render layout validate batch brand new watch; do
    "$PHASEDOC" help $c > "$TMP/h" 2>&1 && grep -q "usage: phasedoc $c" "$TMP/h" && pass || fail "help $c"
done
cp "$REF" "$TMP/-odd.xml"
(cd "$TMP" && "$PHASEDOC" render -k approval -o odd.pdf -- -odd.xml) >/dev/null 2>"$TMP/err" && pass || fail "-- ends the options: $(cat "$TMP/err")"
check "a file named -odd.xml rendered after --" pdf_ok "$TMP/odd.pdf"
(cd "$TMP" && "$PHASEDOC" validate -- -odd.xml) >/dev/null 2>&1 && pass || fail "validate -- -odd.xml"
expect_exit 2 "without --, -odd.xml is an unknown option" "$PHASEDOC" render -k approval -o "$TMP/x.pdf" -odd.xml

# --- watch: the project, its brand pack; the last good PDF stays
mkdir -p "$TMP/w" && cp "$REF" "$TMP/w/p.xml" && cp -r templates/brands/default "$TMP/w/pack"
sed -i 's/name="default"/name="pack"/' "$TMP/w/pack/brand.xml"
# (waits scale with PD_TIME_SCALE: the sanitizer build renders several times slower)
ts=${PD_TIME_SCALE:-1}
"$PHASEDOC" watch "$TMP/w/p.xml" -k approval -b "$TMP/w/pack" -o "$TMP/w/out.pdf" --png >"$TMP/w.log" 2>&1 & wp=$!
for i in $(seq $((100 * ts))); do [[ -s $TMP/w/out.pdf && -s $TMP/w/out-1.png ]] && break; sleep 0.1; done
check "watch renders at once" pdf_ok "$TMP/w/out.pdf"
check "watch writes PNG previews" test -s "$TMP/w/out-1.png"
sleep 0.5
# an editor's save: a new file renamed over the old one
sed 's/Nordlicht Telecom GmbH/Renamed Save AG/' "$TMP/w/p.xml" > "$TMP/w/.p.xml.swp" && mv "$TMP/w/.p.xml.swp" "$TMP/w/p.xml"
for i in $(seq $((50 * ts))); do has_text "$TMP/w/out.pdf" "Renamed Save AG" && break; sleep 0.1; done
has_text "$TMP/w/out.pdf" "Renamed Save AG" && pass || fail "watch re-renders within 5 s of a save by rename"
cp "$TMP/w/out.pdf" "$TMP/w/before-brand.pdf"
sed -i 's|</brand>|<set key="footer.text" value="Footer From The Pack"/></brand>|' "$TMP/w/pack/brand.xml"
for i in $(seq $((50 * ts))); do has_text "$TMP/w/out.pdf" "Footer From The Pack" && break; sleep 0.1; done
has_text "$TMP/w/out.pdf" "Footer From The Pack" && pass || fail "watch re-renders when the brand pack changes: $(tail -3 "$TMP/w.log")"
cp "$TMP/w/out.pdf" "$TMP/w/good.pdf"
printf '<broken' >> "$TMP/w/p.xml"
sleep $((2 * ts))
check "a broken save keeps the last good PDF" cmp -s "$TMP/w/out.pdf" "$TMP/w/good.pdf"
grep -q 'p.xml:[0-9]*:[0-9]*: error' "$TMP/w.log" && pass || fail "watch prints the errors: $(tail -3 "$TMP/w.log")"
kill $wp; wait $wp; code=$?
[[ $code == 0 ]] && pass || fail "watch ends with 0 on SIGTERM ($code)"

finish
