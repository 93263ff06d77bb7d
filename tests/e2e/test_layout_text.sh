#!/usr/bin/env bash
# Line breaking, tables and pagination on small layout documents and on variants of the
# reference project: images at a page's top, justified hyphenated lines inside their column,
# no-break and URL spans, table columns wide enough for unbreakable content, keeps.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

# a small layout document: doc NAME 'FLOW CONTENT' [page-master attributes]
doc() {
    printf '%s\n' '<?xml version="1.0" encoding="UTF-8"?>' \
        '<document xmlns="urn:phasedoc:layout:1" lang="en" title="t">' \
        "<page-master name=\"a\" size=\"A4\" ${3:-}/><flow master=\"a\">$2</flow></document>" > "$TMP/$1.layout.xml"
}

# --- a PNG as the first thing drawn on a page, in a box, in a cell (cairo's tagged PDF
# refused an unbounded paint there: "invalid tag name, attributes, or nesting")
python3 - "$TMP/logo.png" <<'PY'
import zlib, struct, sys
def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
raw = b"".join(b"\x00" + b"\x20\x60\xc0" * 40 for _ in range(20))
open(sys.argv[1], "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 40, 20, 8, 2, 0, 0, 0))
    + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
PY
doc png-page '<image src="logo.png" height="30mm" alt="logo"/><p>After the image.</p>'
doc png-box '<box padding="0"><image src="logo.png" height="30mm" alt="logo"/></box><p>After the box.</p>'
doc png-cell '<table><column width="1*"/><column width="1*"/><row><cell><image src="logo.png" height="20mm" alt="logo"/></cell><cell>Beside</cell></row></table>'
doc png-second-page '<p>Page one.</p><page-break/><image src="logo.png" height="30mm" alt="logo"/><p>Page two.</p>'
for d in png-page png-box png-cell png-second-page; do
    expect_exit 0 "$d: a PNG first on its page renders" "$PHASEDOC" render "$TMP/$d.layout.xml" -o "$TMP/$d.pdf"
    check "$d: sound PDF" pdf_ok "$TMP/$d.pdf"
done
# the image is really drawn (blue pixels at the top left of page 1)
check "the PNG is painted" python3 - "$TMP/png-page.pdf" <<'PY'
import subprocess, sys
ppm = subprocess.run(["pdftoppm", "-r", "30", "-f", "1", "-l", "1", sys.argv[1]], capture_output=True).stdout
parts = ppm.split(maxsplit=4); w, h = int(parts[1]), int(parts[2]); px = parts[4]
blue = sum(1 for i in range(0, w * h * 3, 3) if px[i] < 60 and 70 < px[i+1] < 130 and px[i+2] > 160)
sys.exit(0 if blue > 100 else 1)
PY

finish
