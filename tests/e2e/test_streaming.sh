#!/usr/bin/env bash
# Long documents drawn while they are laid out (engine.h, "streaming"): past a few dozen pages
# the PDF gets its pages as they are completed, after a pass that counts them. The pages must
# be the ones the ordinary path makes (`phasedoc layout --boxes` keeps every page in memory),
# "page X of Y", page references, footnotes and links must be right, and memory must not
# grow with the page count the way it did when every page was kept.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

# long.py ROWS FILE: a heading with a page reference to the end, a footnote, a long table
# with a repeated header, a heading at the end; "Page X of Y" in the footer.
cat > "$TMP/long.py" <<'PY'
import sys
rows, out = int(sys.argv[1]), sys.argv[2]
body = "".join(
    '<row><cell>R%05d</cell><cell>Criterion %d is checked against the acceptance plan '
    'and signed off by the customer.</cell><cell>open</cell></row>' % (i, i)
    for i in range(1, rows + 1))
open(out, "w").write(f'''<?xml version="1.0" encoding="UTF-8"?>
<document xmlns="urn:phasedoc:layout:1" title="Long" date="2026-01-01" lang="en">
  <page-master name="p" size="A4">
    <footer><p align="right">Page <page-number/> of <page-count/></p></footer>
  </page-master>
  <flow master="p">
    <h level="1" id="start">Acceptance criteria</h>
    <p>The summary is on page <page-ref ref="end"/><footnote>Counted by the layout.</footnote>;
       see <a ref="end">the end</a>.</p>
    <table>
      <column width="25mm"/><column width="1*"/><column width="20mm"/>
      <header><row><cell>Id</cell><cell>Criterion</cell><cell>Status</cell></row></header>
      {body}
    </table>
    <h level="1" id="end">Summary</h>
    <p>Every criterion is listed above.</p>
  </flow>
</document>
''')
PY

# peak RSS in KB of a command
peak_kb() {
    python3 -c 'import resource, subprocess, sys
r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss if r.returncode == 0 else -1)' "$@"
}

python3 "$TMP/long.py" 3000 "$TMP/long.layout.xml"
expect_exit 0 "a 3,000-row table renders" "$PHASEDOC" render "$TMP/long.layout.xml" -o "$TMP/long.pdf"
"$PHASEDOC" layout "$TMP/long.layout.xml" --boxes > "$TMP/long.boxes"
boxed=$(grep -c '^page ' "$TMP/long.boxes")
pages=$(pdf_pages "$TMP/long.pdf")
check "long: more pages than the streaming threshold ($pages)" test "${pages:-0}" -gt 60
check "long: the PDF has the pages of the ordinary layout ($pages, $boxed)" test "$pages" = "$boxed"
check "long: a sound PDF" pdf_ok "$TMP/long.pdf"
check "long: page 1 says 'Page 1 of $pages'" has_text "$TMP/long.pdf" "Page 1 of $pages"
last_text=$(pdftotext -f "$pages" -l "$pages" "$TMP/long.pdf" - 2>/dev/null | tr -s ' \n' ' ')
check "long: the last page says 'Page $pages of $pages'" grep -qF "Page $pages of $pages" <<< "$last_text"
check "long: the summary is on the last page" grep -qF "Summary" <<< "$last_text"
# every page shows the first row the ordinary layout put on it
bad=0
for k in 1 2 $((pages / 2)) $((pages - 1)); do
    row=$(awk -v k="$k" '/^page /{n++} n==k && /"R[0-9]{5}"/{match($0, /R[0-9]{5}/); print substr($0, RSTART, 6); exit}' "$TMP/long.boxes")
    pdftotext -f "$k" -l "$k" "$TMP/long.pdf" - 2>/dev/null | grep -qx "$row" || { bad=1; echo "page $k: no $row"; }
done
check "long: pages hold the rows the ordinary layout gives them" test "$bad" = 0
check "long: the header row repeats on the last table page" \
    bash -c "pdftotext -f $((pages - 1)) -l $((pages - 1)) '$TMP/long.pdf' - | grep -qx Criterion"
ref=$(awk '/^page /{n++} /"Summary"/{print n; exit}' "$TMP/long.boxes")
check "long: the page reference names the summary's page ($ref)" has_text "$TMP/long.pdf" "The summary is on page $ref"
check "long: the footnote is at the foot of page 1" \
    bash -c "pdftotext -f 1 -l 1 '$TMP/long.pdf' - | grep -q 'Counted by the layout'"
check "long: the link to the end is a named destination" \
    bash -c "qpdf --json '$TMP/long.pdf' | grep -q '\"/Dest\"\\|/Dests\\|\"/D\"'"
check "long: the outline has both headings" \
    bash -c "qpdf --json '$TMP/long.pdf' | grep -q 'Acceptance criteria' && qpdf --json '$TMP/long.pdf' | grep -q Summary"

# Memory: the pages drawn and freed as they go. Kept in memory, a page of this table cost
# about 200 KB; now what grows is the layout XML itself and cairo's page objects. (Not under
# AddressSanitizer, whose quarantine keeps freed memory on purpose.)
if grep -qa __asan_init "$PHASEDOC"; then
    echo "note $(basename "$0"): memory not measured under AddressSanitizer"
    finish
    exit
fi
python3 "$TMP/long.py" 600 "$TMP/m-short.layout.xml"
python3 "$TMP/long.py" 6000 "$TMP/m-long.layout.xml"
short_kb=$(peak_kb "$PHASEDOC" render "$TMP/m-short.layout.xml" -o "$TMP/m-short.pdf")
long_kb=$(peak_kb "$PHASEDOC" render "$TMP/m-long.layout.xml" -o "$TMP/m-long.pdf")
short_pages=$(pdf_pages "$TMP/m-short.pdf")
long_pages=$(pdf_pages "$TMP/m-long.pdf")
per_page=$(( (long_kb - short_kb) / (long_pages - short_pages) ))
echo "note $(basename "$0"): peak RSS ${short_kb} KB at $short_pages pages, ${long_kb} KB at $long_pages pages: ${per_page} KB per page more"
check "memory: under 100 KB more per page from $short_pages to $long_pages pages (${per_page} KB)" \
    test "$short_kb" -gt 0 -a "$long_kb" -gt 0 -a "$per_page" -lt 100

finish
