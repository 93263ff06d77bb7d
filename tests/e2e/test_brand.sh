#!/usr/bin/env bash
# Brands end to end: the cascade's precedence and origins through `phasedoc brand`, extends
# chains and cycles, the refusals (unknown keys, bad values, files and fonts that are not what
# they claim or leave their pack), and the reference rendered with the default brand and the
# two example partners: their names, fonts, paper and colours in the PDF, and no font of one
# brand in a render with another.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

FIX=$ROOT/tests/fixtures/brands
KALKBERG=$ROOT/samples/brands/kalkberg
LAKESHORE=$ROOT/samples/brands/lakeshore

# value KEY and origin KEY of the last `phasedoc brand` output in $TMP/out
value() { awk -v k="$1" '$1 == k { sub(/^[^ ]+ +/, ""); sub(/  +(built-in|pack .*|project .*|command line .*)$/, ""); print; exit }' "$TMP/out"; }
origin() { awk -v k="$1" '$1 == k { if (match($0, /  (built-in|pack .*|project .*|command line \(-s\))$/)) print substr($0, RSTART + 2); exit }' "$TMP/out"; }
# expect_line KEY VALUE ORIGIN-PATTERN "what": the last brand output has KEY = VALUE from ORIGIN
expect_line() {
    local v o
    v=$(value "$1"); o=$(origin "$1")
    if [[ $v == "$2" && $o =~ $3 ]]; then pass; else fail "$4: $1 is '$v' from '$o', expected '$2' from /$3/"; fi
}
# refused CODE "what" PATTERN args...: phasedoc exits CODE and stderr matches PATTERN
refused() {
    local code=$1 what=$2 pattern=$3; shift 3
    expect_exit "$code" "$what" "$PHASEDOC" "$@"
    if grep -qE -- "$pattern" "$TMP/err"; then pass; else fail "$what: message should match /$pattern/, got: $(head -c 400 "$TMP/err")"; fi
}

# --- the cascade, layer by layer: each one overrides every earlier one
mkdir -p "$TMP/packs/base" "$TMP/packs/child"
cat > "$TMP/packs/base/brand.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<brand xmlns="urn:phasedoc:brand:1" name="base">
  <set key="header.text" value="from base"/>
  <set key="footer.text" value="from base"/>
  <set key="color.accent" value="#111111"/>
</brand>
EOF
cat > "$TMP/packs/child/brand.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<brand xmlns="urn:phasedoc:brand:1" name="child" extends="base">
  <set key="header.text" value="from child"/>
  <set key="color.accent" value="#222222"/>
</brand>
EOF
python3 - "$ROOT/samples/reference.xml" "$TMP/project.xml" <<'PY'
import sys, xml.etree.ElementTree as ET
ns = "urn:phasedoc:project:1"; ET.register_namespace("", ns); N = "{%s}" % ns
t = ET.parse(sys.argv[1]); b = t.getroot().find(N + "branding")
for s in list(b): b.remove(s)
ET.SubElement(b, N + "set", key="color.accent", value="#333333")
ET.SubElement(b, N + "set", key="company.phone", value="from project")
t.write(sys.argv[2], encoding="UTF-8", xml_declaration=True)
PY
pline=$(grep -n 'key="color.accent"' "$TMP/project.xml" | cut -d: -f1)

expect_exit 0 "brand: built-in only" "$PHASEDOC" brand -b "$TMP/packs/base"
expect_line company.name "Professional Services" '^built-in$' "a pack that extends nothing leaves the built-in value"
expect_line color.accent "#111111" "^pack base \\($TMP/packs/base/brand.xml:5\\)$" "the pack overrides built-in"
expect_exit 0 "brand: pack and ancestor" "$PHASEDOC" brand -b "$TMP/packs/child"
expect_line color.accent "#222222" "^pack child \\($TMP/packs/child/brand.xml:4\\)$" "the pack overrides its ancestor"
expect_line footer.text "from base" "^pack base \\($TMP/packs/base/brand.xml:4\\)$" "what the pack leaves comes from its ancestor"
expect_line company.name "Professional Services" '^built-in$' "what neither sets stays built-in"
expect_exit 0 "brand: with a project" "$PHASEDOC" brand -b "$TMP/packs/child" "$TMP/project.xml"
expect_line color.accent "#333333" "^project \\(.*project\\.xml:$pline\\)$" "the project's <branding> overrides the pack"
expect_line header.text "from child" '^pack child ' "the project leaves the pack's other values"
expect_exit 0 "brand: with -s" "$PHASEDOC" brand -b "$TMP/packs/child" -s color.accent=#444444 -s header.text=from-s "$TMP/project.xml"
expect_line color.accent "#444444" '^command line \(-s\)$' "-s overrides the project"
expect_line header.text "from-s" '^command line \(-s\)$' "-s overrides the pack"
expect_line company.phone "from project" '^project ' "-s leaves the project's other values"
expect_exit 0 "brand: later -s wins" "$PHASEDOC" brand -s color.accent=#555555 -s color.accent=#666666
expect_line color.accent "#666666" '^command line \(-s\)$' "the last of two -s wins"
expect_exit 0 "brand: colour normalised" "$PHASEDOC" brand -s color.accent=#ABCDEF
expect_line color.accent "#abcdef" '^command line' "colours are shown in lower case"
# the project chooses the pack when the caller does not (its brand="default")
expect_exit 0 "brand: project's pack" "$PHASEDOC" brand "$TMP/project.xml"
expect_line company.name "Brightwater Messaging GmbH" '^pack default \(.*templates/brands/default/brand\.xml:[0-9]+\)$' "the project's brand attribute picks the pack"

# --- extends chains (fixtures): three packs, then default
expect_exit 0 "brand: chain-a" "$PHASEDOC" brand -b "$FIX/chain-a"
expect_line color.accent "#aa5500" "^pack chain-a \\($FIX/chain-a/brand.xml:4\\)$" "chain: the youngest pack wins"
expect_line color.primary "#224466" "^pack chain-b \\($FIX/chain-b/brand.xml:4\\)$" "chain: the middle pack fills in"
expect_line company.name "Brightwater Messaging GmbH" '^pack default ' "chain: the oldest pack fills in"
expect_line wording.en.offer.title "Proposal from a" '^pack chain-a ' "chain: wording overrides, white space folded"
expect_line wording.de.offer.title "Angebot von a" '^pack chain-a ' "chain: wording per language"
# the example partners: lakeshore extends kalkberg (a sibling folder) extends default
expect_exit 0 "brand: lakeshore" "$PHASEDOC" brand -b "$LAKESHORE"
expect_line color.primary "#8c1d40" '^pack lakeshore ' "lakeshore's own primary colour"
expect_line font.mono "Hack" "^pack kalkberg \\($KALKBERG/brand.xml:[0-9]+\\)$" "lakeshore inherits kalkberg's monospace font"
expect_line page.size "Letter" '^pack lakeshore ' "lakeshore prints on Letter"
expect_line wording.en.offer.title "Proposal" '^pack lakeshore ' "lakeshore calls an offer a Proposal"
expect_line color.failed "#c62828" '^pack default ' "lakeshore: status colours from the default pack"

# --- the brand command's output
expect_exit 0 "brand: default" "$PHASEDOC" brand
cp "$TMP/out" "$TMP/brand.txt"
check "brand --help exits 0" "$PHASEDOC" brand --help
expect_exit 2 "brand: unknown option" "$PHASEDOC" brand --frobnicate
check "brand output: one line per key, sorted, three aligned columns, an origin on each" python3 - "$TMP/brand.txt" <<'PY'
import re, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
keys = [l.split()[0] for l in lines]
assert len(lines) >= 43, len(lines)
assert keys == sorted(keys) and len(set(keys)) == len(keys), "keys sorted and unique"
origin = re.compile(r"  (built-in|pack \S+ \(/\S+/brand\.xml:\d+\)|project \(.+:\d+\)|command line \(-s\))$")
vcol = {len(l) - len(l[len(k):].lstrip(" ")) for l, k in zip(lines, keys)}
assert len(vcol) == 1, "values start in one column: %s" % vcol
ocol = set()
for l, k in zip(lines, keys):
    m = origin.search(l); assert m, "no origin: " + l
    v = l[len(k):m.start()].strip()
    assert v, "empty values are shown as \"\": " + l
    if len(v) <= 40: ocol.add(m.start())
assert len(ocol) == 1, "origins of short values start in one column: %s" % ocol
assert re.search(r'^document\.watermark +"" +built-in$', "\n".join(lines), re.M)
PY
check "brand output: color.primary from the default pack" grep -qE '^color\.primary +#1b3f8b +pack default \(' "$TMP/brand.txt"

# --- refusals: unknown keys, bad values, files that leave the pack, chains that loop
refused 2 "-s unknown key" "^error: -s: unknown brand key 'color.primry' \(did you mean color\.primary\?\)" brand -s color.primry=#123456
refused 2 "-s unknown key (render)" "did you mean color\.primary" render samples/reference.xml -k approval -s color.primry=#123456 -o "$TMP/none.pdf"
refused 1 "unknown key in a pack" "unknown-key/brand\.xml:5: error: unknown brand key 'color.primry' \(did you mean color\.primary\?\)" brand -b "$FIX/unknown-key"
refused 1 "unknown key in a pack (render)" "unknown-key/brand\.xml:5:" render samples/reference.xml -k approval -b "$FIX/unknown-key" -o "$TMP/none.pdf"
sed 's/key="company.phone"/key="colour.primary"/' "$TMP/project.xml" > "$TMP/bad-project.xml"
refused 1 "unknown key in a project" "bad-project\.xml:[0-9]+: error: unknown brand key 'colour\.primary' \(did you mean color\.primary\?\)" brand "$TMP/bad-project.xml"
refused 2 "-s bad colour" "^error: -s: invalid value for color\.primary: '#12345' is not a colour" brand -s color.primary=#12345
refused 2 "-s bad colour (render)" "'#12345' is not a colour" render samples/reference.xml -k approval -s color.primary=#12345 -o "$TMP/none.pdf"
refused 1 "bad colour in a pack" "bad-color/brand\.xml:5: error: invalid value for color\.primary: '#12345'" brand -b "$FIX/bad-color"
check "bad colour in a pack: every bad value reported (line 6 too)" grep -q 'bad-color/brand\.xml:6:' "$TMP/err"
refused 1 "bad colour in a pack (render)" "bad-color/brand\.xml:5:" render samples/reference.xml -k approval -b "$FIX/bad-color" -o "$TMP/none.pdf"
refused 2 "-s no '='" "expected key=value" brand -s color.primary
refused 1 "unknown paper size in a pack" "bad-paper/brand\.xml:4: error: invalid value for page\.size: 'B5' is not one of A4\|Letter\|A5\|Legal" render samples/reference.xml -k approval -b "$FIX/bad-paper" -o "$TMP/none.pdf"
refused 2 "-s unknown paper size" "page\.size: 'B5' is not one of" render samples/reference.xml -k approval -s page.size=B5 -o "$TMP/none.pdf"
refused 1 "a pack that extends itself" "self/brand\.xml:3: error: brand packs extend each other in a cycle: self extends self" brand -b "$FIX/self"
refused 1 "a cycle of two packs" "cycle: cycle-x extends cycle-y extends cycle-x" render samples/reference.xml -k approval -b "$FIX/cycle-x" -o "$TMP/none.pdf"
refused 1 "a chain of nine packs" "longer than 8" brand -b "$FIX/long-1"
refused 1 "a pack extending an unknown pack" "unknown-parent/brand\.xml:3: error: .*extends unknown pack 'no-such-pack'" brand -b "$FIX/unknown-parent"
refused 1 "a pack that is not schema-valid" "bad-schema/brand\.xml:[0-9]+" brand -b "$FIX/bad-schema"
refused 1 "a pack that is not well-formed" "not-wellformed/brand\.xml:[0-9]+:[0-9]+" brand -b "$FIX/not-wellformed"
refused 2 "an unknown pack name" "unknown brand pack 'no-such-brand'" render samples/reference.xml -k approval -b no-such-brand -o "$TMP/none.pdf"
refused 2 "a folder that is not a pack" "not a brand pack folder" brand -b "$TMP/packs"
refused 1 "a missing logo" "logo-missing/brand\.xml:4: error: logo\.file 'missing\.png' does not exist in the pack folder" render samples/reference.xml -k approval -b "$FIX/logo-missing" -o "$TMP/none.pdf"
refused 1 "an absolute logo path" "logo-absolute/brand\.xml:4: error: invalid value for logo\.file: '/etc/logo\.png' leaves the pack folder" render samples/reference.xml -k approval -b "$FIX/logo-absolute" -o "$TMP/none.pdf"
refused 1 "a logo path with .." "logo-dotdot/brand\.xml:4: error: .*'\.\./outside\.png' leaves the pack folder" render samples/reference.xml -k approval -b "$FIX/logo-dotdot" -o "$TMP/none.pdf"
refused 1 "a logo that links out of the pack" "logo-symlink/brand\.xml:4: error: logo\.file 'logo\.png' leaves \(through a symbolic link\) the pack folder" render samples/reference.xml -k approval -b "$FIX/logo-symlink" -o "$TMP/none.pdf"
refused 2 "-s logo path leaving the pack" "-s: invalid value for logo\.file: '/etc/passwd\.png' leaves the pack folder" render samples/reference.xml -k approval -s logo.file=/etc/passwd.png -o "$TMP/none.pdf"
refused 1 "-s logo that the pack does not have" "logo\.file 'nothere\.png' does not exist in the pack folder" render samples/reference.xml -k approval -s logo.file=nothere.png -o "$TMP/none.pdf"

# fonts: a pack's font files are checked before use
fontpack() { # fontpack NAME: a pack extending the default with a fonts/ folder of its own
    mkdir -p "$TMP/packs/$1/fonts"
    printf '<?xml version="1.0"?>\n<brand xmlns="urn:phasedoc:brand:1" name="%s" extends="default">\n  <set key="font.body" value="Fancy"/>\n</brand>\n' "$1" > "$TMP/packs/$1/brand.xml"
}
fontpack notafont; echo "this is not a font" > "$TMP/packs/notafont/fonts/Fancy-Regular.ttf"
cp fonts/licenses/Inter.copyright "$TMP/packs/notafont/fonts/"
refused 1 "a font file that is not a font" "notafont/fonts/Fancy-Regular\.ttf: error: not a usable brand font file: it is not a font file" render samples/reference.xml -k approval -b "$TMP/packs/notafont" -o "$TMP/none.pdf"
fontpack bigfont; truncate -s 40M "$TMP/packs/bigfont/fonts/Fancy-Regular.otf"
refused 1 "a font file over 32 MB" "bigfont/fonts/Fancy-Regular\.otf: error: .*larger than 32 MB" render samples/reference.xml -k approval -b "$TMP/packs/bigfont" -o "$TMP/none.pdf"
fontpack linkfont; ln -s "$ROOT/fonts/Inter-Regular.otf" "$TMP/packs/linkfont/fonts/Fancy-Regular.otf"
refused 1 "a font file that links out of the pack" "linkfont/fonts/Fancy-Regular\.otf: error: .*leaves \(through a symbolic link\)" render samples/reference.xml -k approval -b "$TMP/packs/linkfont" -o "$TMP/none.pdf"
fontpack linkdir; rmdir "$TMP/packs/linkdir/fonts"; ln -s "$ROOT/fonts" "$TMP/packs/linkdir/fonts"
refused 1 "a fonts folder that links out of the pack" "linkdir/brand\.xml: error: the font folder .*linkdir/fonts of brand pack linkdir leaves \(through a symbolic link\) the pack folder" render samples/reference.xml -k approval -b "$TMP/packs/linkdir" -o "$TMP/none.pdf"
fontpack manyfaces
python3 - "$ROOT/fonts/DejaVuSansMono.ttf" "$TMP/packs/manyfaces/fonts/Fancy.ttc" <<'PY'
import struct, sys
ttf = open(sys.argv[1], "rb").read(); n = 3000; head = 12 + 4 * n
ntables = struct.unpack(">H", ttf[4:6])[0]; body = bytearray(ttf)
for t in range(ntables):  # table offsets count from the start of the collection file
    o = 12 + 16 * t + 8; body[o:o + 4] = struct.pack(">I", struct.unpack(">I", ttf[o:o + 4])[0] + head)
open(sys.argv[2], "wb").write(b"ttcf" + struct.pack(">IIf", 0x10000, n, 0)[:8] + struct.pack(">%dI" % n, *[head] * n) + bytes(body))
PY
refused 1 "a font collection with thousands of faces" "manyfaces/fonts/Fancy\.ttc: error: .*collection of 3000 fonts \(at most 16\)" render samples/reference.xml -k approval -b "$TMP/packs/manyfaces" -o "$TMP/none.pdf"
check "no refused render wrote a file" test ! -e "$TMP/none.pdf"
check "no refused render left a temporary file" bash -c "! ls -A '$TMP' | grep -q '^\.'"
# a pack with a good font of its own renders with it
fontpack goodfont
cp "$KALKBERG/fonts/Hack-Regular.ttf" "$KALKBERG/fonts/Hack-Bold.ttf" "$TMP/packs/goodfont/fonts/"
sed -i 's/value="Fancy"/value="Hack"/' "$TMP/packs/goodfont/brand.xml"
expect_exit 0 "a pack's own font renders" "$PHASEDOC" render samples/reference.xml -k approval -b "$TMP/packs/goodfont" -o "$TMP/goodfont.pdf"
check "a pack's own font is embedded" bash -c "pdffonts '$TMP/goodfont.pdf' | grep -q 'Hack-Regular'"

# --- the reference with the default brand and the two example partners
declare -A NAME=([default]="Brightwater Messaging GmbH" [kalkberg]="Kalkberg Hosting GmbH" [lakeshore]="Lakeshore Cloud Partners, Inc.")
declare -A FONTS=([default]="Inter" [kalkberg]="OpenSans LeagueSpartan" [lakeshore]="Roboto Caladea")
declare -A FOREIGN=([default]="OpenSans LeagueSpartan Hack Roboto Caladea" [kalkberg]="Roboto Caladea" [lakeshore]="OpenSans LeagueSpartan")
declare -A PAPER=([default]="595x842" [kalkberg]="595x842" [lakeshore]="612x792")
declare -A PRIMARY=([default]="27 63 139" [kalkberg]="29 92 58" [lakeshore]="140 29 64")
declare -A PACK=([default]=default [kalkberg]=$KALKBERG [lakeshore]=$LAKESHORE)
# per mille of the pixels of page 1 at 30 dpi within 40 of colour R G B on each channel (as
# the acceptance check counts them), or within TOL when given
colour_share() {
    rm -f "$TMP"/px*.ppm
    pdftoppm -r 30 -f 1 -l 1 "$1" "$TMP/px" >/dev/null 2>&1 || { echo 0; return; }
    python3 - "$TMP"/px*.ppm "$2" "$3" "$4" "${5:-40}" <<'PY'
import sys
d = open(sys.argv[1], "rb").read(); parts = d.split(maxsplit=4)
w, h = int(parts[1]), int(parts[2]); px = parts[4]; R, G, B = map(int, sys.argv[2:5]); T = int(sys.argv[5])
n = sum(1 for i in range(0, w * h * 3, 3) if abs(px[i] - R) < T and abs(px[i + 1] - G) < T and abs(px[i + 2] - B) < T)
print(n * 1000 // (w * h))
PY
}
for b in default kalkberg lakeshore; do
    pdf=$TMP/ref-$b.pdf
    expect_exit 0 "render the reference with $b" "$PHASEDOC" render samples/reference.xml -k approval -b "${PACK[$b]}" -o "$pdf"
    check "$b: sound PDF" pdf_ok "$pdf"
    check "$b: shows the company name '${NAME[$b]}'" has_text "$pdf" "${NAME[$b]}"
    pdffonts "$pdf" > "$TMP/fonts-$b.txt" 2>/dev/null
    for f in ${FONTS[$b]}; do check "$b: its font $f is embedded" grep -q "+$f" "$TMP/fonts-$b.txt"; done
    for f in ${FOREIGN[$b]}; do check "$b: no font $f of another brand" bash -c "! grep -q '+$f' '$TMP/fonts-$b.txt'"; done
    size=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Page size:/{printf "%.0fx%.0f", $3, $5}')
    check "$b: page size ${PAPER[$b]} (got $size)" test "$size" = "${PAPER[$b]}"
done
for b in default kalkberg lakeshore; do
    own=$(colour_share "$TMP/ref-$b.pdf" ${PRIMARY[$b]})
    check "$b: its primary colour covers part of page 1 ($own per mille)" test "$own" -ge 5
    for o in default kalkberg lakeshore; do
        [[ $o == "$b" ]] && continue
        # closer: a charcoal table header is within 40 of a dark green on every channel
        mine=$(colour_share "$TMP/ref-$b.pdf" ${PRIMARY[$b]} 20)
        other=$(colour_share "$TMP/ref-$o.pdf" ${PRIMARY[$b]} 20)
        check "$b's primary colour is not in the $o render (within 20: $mine vs $other per mille)" test "$other" -lt 2 -a "$mine" -ge 5
    done
done
check "kalkberg's logo (SVG) is drawn as vectors: no image on page 1" bash -c "test \"\$(pdfimages -f 1 -l 1 -list '$TMP/ref-kalkberg.pdf' 2>/dev/null | awk 'NR>2' | wc -l)\" = 0"
check "lakeshore's logo is a PNG image" bash -c "test \"\$(pdfimages -f 1 -l 1 -list '$TMP/ref-lakeshore.pdf' 2>/dev/null | awk 'NR>2' | wc -l)\" -ge 1"
check "kalkberg: header and footer text" has_text "$TMP/ref-kalkberg.pdf" "ISO/IEC 27001 certified data centre"
check "lakeshore: its legal line" has_text "$TMP/ref-lakeshore.pdf" "Authorized North American reseller of Kalkberg Hosting GmbH"

# fonts do not leak: asking the default brand for another pack's font falls back to the
# bundled fonts, and the ancestor's fonts come with a pack that extends it
expect_exit 0 "default brand asking for Roboto and Caladea" "$PHASEDOC" render samples/reference.xml -k approval -s font.body=Roboto -s font.heading=Caladea -o "$TMP/ask.pdf"
check "the default brand cannot use lakeshore's fonts" bash -c "! pdffonts '$TMP/ask.pdf' | grep -qE '\\+(Roboto|Caladea)'"
expect_exit 0 "kalkberg asking for Roboto" "$PHASEDOC" render samples/reference.xml -k approval -b "$KALKBERG" -s font.body=Roboto -o "$TMP/ask2.pdf"
check "kalkberg cannot use the fonts of lakeshore, which extends it" bash -c "! pdffonts '$TMP/ask2.pdf' | grep -q '+Roboto'"
expect_exit 0 "lakeshore with its ancestor's font" "$PHASEDOC" render samples/reference.xml -k approval -b "$LAKESHORE" -s font.body=Hack -o "$TMP/ask3.pdf"
check "lakeshore can use kalkberg's fonts (its ancestor)" bash -c "pdffonts '$TMP/ask3.pdf' | grep -q '+Hack'"
"$PHASEDOC" render samples/reference.xml -k approval -b "$LAKESHORE" -o "$TMP/again.pdf" 2>/dev/null
check "a partner's render is reproducible (same bytes twice)" cmp -s "$TMP/ref-lakeshore.pdf" "$TMP/again.pdf"
FONTCONFIG_FILE=/dev/null "$PHASEDOC" render samples/reference.xml -k approval -b "$LAKESHORE" -o "$TMP/nofc.pdf" 2>/dev/null
check "a partner's render does not depend on the machine's fonts" cmp -s "$TMP/ref-lakeshore.pdf" "$TMP/nofc.pdf"

# the offer, where the offer stylesheet exists: lakeshore says Proposal
if [[ -f stylesheets/offer.xsl ]]; then
    expect_exit 0 "lakeshore offer renders" "$PHASEDOC" render samples/reference.xml -k offer -b "$LAKESHORE" -o "$TMP/offer-lakeshore.pdf"
    check "lakeshore's offer is titled Proposal" bash -c "pdftotext '$TMP/offer-lakeshore.pdf' - | grep -qi 'proposal number'"
    expect_exit 0 "default offer renders" "$PHASEDOC" render samples/reference.xml -k offer -o "$TMP/offer-default.pdf"
    check "the default offer does not say Proposal" bash -c "! pdftotext '$TMP/offer-default.pdf' - | grep -qi proposal"
    check "lakeshore's offer is on Letter" bash -c "pdfinfo '$TMP/offer-lakeshore.pdf' | grep -q '612 x 792'"
fi

# the packs themselves: small, with the licences of their fonts
for p in "$KALKBERG" "$LAKESHORE"; do
    kb=$(du -sk "$p" | cut -f1)
    check "$(basename "$p"): pack under 4 MB (${kb} KB)" test "$kb" -lt 4096
    check "$(basename "$p"): its fonts come with their licences" bash -c "ls '$p'/fonts/licenses/*copyright >/dev/null 2>&1"
done

finish
