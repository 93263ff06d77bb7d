#!/usr/bin/env bash
# phasedoc batch end to end: a broken file fails alone, the report parses, shards split a batch
# exactly, --skip-existing skips, a hanging or crashing document costs only itself (and its
# temporary file), names cannot leave the output folder, and bad invocations exit 2 or 3.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

ref=samples/reference.xml
in=$TMP/in
mkdir -p "$in"
for i in $(seq 1 40); do sed "s/NLT-2026-014/NLT-2026-$i/" "$ref" > "$in/p$i.xml"; done
head -c 1500 "$ref" > "$in/zz-broken.xml"
pdfs() { ls "$@" 2>/dev/null | grep -c '\.pdf$'; }

# --- 40 good documents and a broken one
mkdir -p "$TMP/pdfs"
expect_exit 1 "a batch with one broken file exits 1" \
    "$PHASEDOC" batch -j 2 -d "$TMP/pdfs" --report "$TMP/report.jsonl" "$in"/*.xml
cp "$TMP/err" "$TMP/batch.err"
n=$(pdfs "$TMP/pdfs")
check "the 40 good files are written ($n)" test "$n" = 40
check "the broken file is named on stderr" grep -q 'FAIL .*zz-broken\.xml' "$TMP/batch.err"
check "its error reads file:line:column" grep -qE 'zz-broken\.xml:[0-9]+:[0-9]+: ' "$TMP/batch.err"
check "one plain line per finished document off a terminal" \
    test "$(grep -cE '^ok  .* -> .*\([0-9]+ ms, [0-9]+ pages?\)$' "$TMP/batch.err")" = 40
check "the summary counts done, failed, skipped" \
    grep -q '^batch: 40 done, 1 failed, 0 skipped of 41 in .* docs/s)$' "$TMP/batch.err"
check "the summary lists the failure" grep -qE '^  .*zz-broken\.xml \[approval\]: ' "$TMP/batch.err"
check "a batch PDF is sound" pdf_ok "$TMP/pdfs/NLT-2026-7-approval.pdf"
check "no temporary file is left" test -z "$(ls -A "$TMP/pdfs" | grep '^\.')"
cat > "$TMP/check_report.py" <<'PY'
import json, os, subprocess, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
assert len(lines) == 41, len(lines)
rows = [json.loads(l) for l in lines]
keys = {"input", "kind", "output", "status", "error", "ms", "pages", "bytes"}
assert all(set(r) == keys for r in rows)
ok = [r for r in rows if r["status"] == "ok"]
bad = [r for r in rows if r["status"] == "failed"]
assert len(ok) == 40 and len(bad) == 1
for r in ok:
    assert r["error"] is None and r["kind"] == "approval"
    assert r["bytes"] == os.path.getsize(r["output"]) and isinstance(r["ms"], int)
for r in ok[:3]:  # the page count is the PDF's
    info = subprocess.run(["pdfinfo", r["output"]], capture_output=True, text=True).stdout
    assert "Pages:" in info and int(info.split("Pages:")[1].split()[0]) == r["pages"], r
b = bad[0]
assert b["input"].endswith("zz-broken.xml") and b["output"] is None and b["pages"] is None
assert b["error"].split(":")[0].endswith("zz-broken.xml") and b["error"].split(":")[1].isdigit()
PY
check "--report: 41 JSON lines that parse and hold the right values" \
    python3 "$TMP/check_report.py" "$TMP/report.jsonl"

# --- shards: disjoint, complete, independent of the order of the list
for s in 0 1 2; do
    mkdir -p "$TMP/s$s"
    "$PHASEDOC" batch -j 2 --shard $s/3 -d "$TMP/s$s" "$in"/p*.xml 2>/dev/null
done
all=$(ls "$TMP/s0" "$TMP/s1" "$TMP/s2" | grep -c '\.pdf$')
uniq=$(ls "$TMP/s0" "$TMP/s1" "$TMP/s2" | grep '\.pdf$' | sort -u | wc -l)
check "shards 0/3 1/3 2/3 are disjoint and complete ($all files, $uniq distinct)" \
    test "$all" = 40 -a "$uniq" = 40
check "every shard has work ($(pdfs "$TMP/s0") $(pdfs "$TMP/s1") $(pdfs "$TMP/s2"))" \
    test "$(pdfs "$TMP/s0")" -gt 0 -a "$(pdfs "$TMP/s1")" -gt 0 -a "$(pdfs "$TMP/s2")" -gt 0
mkdir -p "$TMP/s0r"
"$PHASEDOC" batch -j 2 --shard 0/3 -d "$TMP/s0r" $(ls "$in"/p*.xml | sort -r) 2>/dev/null
check "a shard does not depend on the order of the list" \
    test "$(ls "$TMP/s0")" = "$(ls "$TMP/s0r")"
expect_exit 2 "--shard 3/3 is a usage error" "$PHASEDOC" batch --shard 3/3 "$in/p1.xml"
expect_exit 2 "--shard 1 is a usage error" "$PHASEDOC" batch --shard 1 "$in/p1.xml"
expect_exit 2 "--shard 0/0 is a usage error" "$PHASEDOC" batch --shard 0/0 "$in/p1.xml"

# --- --skip-existing (an output counts as current when complete and newer than its input and
#     brand: the inputs are dated back)
touch -d '2000-01-01' "$in"/p*.xml
before=$(stat -c %y "$TMP/pdfs/NLT-2026-3-approval.pdf")
rm "$TMP/pdfs/NLT-2026-5-approval.pdf"
expect_exit 0 "--skip-existing renders only what is missing" \
    "$PHASEDOC" batch -j 2 --skip-existing -d "$TMP/pdfs" --report "$TMP/skip.jsonl" "$in"/p*.xml
check "the summary says 1 done, 39 skipped" grep -q '1 done, 0 failed, 39 skipped of 40' "$TMP/err"
check "the missing output is written again" pdf_ok "$TMP/pdfs/NLT-2026-5-approval.pdf"
check "an existing output is not touched" \
    test "$(stat -c %y "$TMP/pdfs/NLT-2026-3-approval.pdf")" = "$before"
check "skipped documents are in the report as skipped" \
    test "$(grep -c '"status":"skipped"' "$TMP/skip.jsonl")" = 39

# --- a hanging document (a partner stylesheet that recurses for a long time, through a brand
#     pack that one manifest row chooses) is killed at --timeout; the others are written
mkdir -p "$TMP/slow"
cat > "$TMP/slow/slow.xsl" <<'XSL'
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:template match="/"><xsl:call-template name="spin"><xsl:with-param name="n" select="40"/></xsl:call-template></xsl:template>
  <xsl:template name="spin"><xsl:param name="n"/>
    <xsl:if test="$n &gt; 0">
      <xsl:call-template name="spin"><xsl:with-param name="n" select="$n - 1"/></xsl:call-template>
      <xsl:call-template name="spin"><xsl:with-param name="n" select="$n - 1"/></xsl:call-template>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
XSL
cat > "$TMP/slow/brand.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<brand xmlns="urn:phasedoc:brand:1" name="slow" extends="default">
  <set key="document.stylesheet" value="slow.xsl"/>
</brand>
XML
cat > "$TMP/hang.csv" <<CSV
# the second row hangs
path,brand,kind
in/p1.xml,,
in/p2.xml,$TMP/slow,approval
"in/p3.xml",,approval
CSV
mkdir -p "$TMP/hang"
touch "$TMP/hang/.p2.pdf.AbC123" # another process's temporary file: the batch leaves it alone
# (PD_TIME_SCALE, set by make sanitize, stretches the timeout: the other documents must not hit it)
scale=${PD_TIME_SCALE:-1}
SECONDS=0
expect_exit 1 "a hanging document fails the batch with exit 1" \
    "$PHASEDOC" batch -j 2 --timeout "$scale" --manifest "$TMP/hang.csv" -d "$TMP/hang" --name '{stem}.pdf'
took=$SECONDS
check "the hanging document is killed at the timeout (${took} s)" test "$took" -le $((8 * scale))
check "it is reported as timed out" grep -qE "FAIL .*p2\\.xml: .*timed out after $scale s" "$TMP/err"
check "the other documents are written" pdf_ok "$TMP/hang/p1.pdf"
check "... all of them" pdf_ok "$TMP/hang/p3.pdf"
check "another process's temporary file is left alone" test -e "$TMP/hang/.p2.pdf.AbC123"
check "no temporary file of the batch is left" \
    test -z "$(ls -A "$TMP/hang" | grep -E '^\.p[0-9]\.pdf\.[0-9]+\.')"
check "nothing is written for the hanging document" test ! -e "$TMP/hang/p2.pdf"

# --- a worker that crashes (SIGSEGV from outside, mid-document) costs that document only;
#     a new worker takes the rest
mkdir -p "$TMP/crash"
# (an AddressSanitizer build would turn the SIGSEGV into a report and exit 1: let it die)
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}handle_segv=0 \
    "$PHASEDOC" batch -j 1 --manifest "$TMP/hang.csv" -d "$TMP/crash" --name '{stem}.pdf' \
    2>"$TMP/crash.err" &
bpid=$!
for _ in $(seq 1 100); do [[ -e $TMP/crash/p1.pdf ]] && break; sleep 0.1; done
sleep 0.3
wpid=$(pgrep -P "$bpid" | head -1)
[[ -n $wpid ]] && kill -SEGV "$wpid"
wait "$bpid"
code=$?
check "a crashed worker fails the batch with exit 1 (got $code)" test "$code" = 1
check "the crash is reported with its signal" grep -qE 'FAIL .*p2\.xml: .*signal 11' "$TMP/crash.err"
check "the documents after the crash are written" pdf_ok "$TMP/crash/p3.pdf"

# --- names that would leave the output folder fail their document only
sed 's/id="NLT-2026-014"/id="..\/escaped"/' "$ref" > "$TMP/evil.xml"
mkdir -p "$TMP/names/sub"
expect_exit 1 "an id that climbs out of OUTDIR fails its document" \
    "$PHASEDOC" batch -d "$TMP/names/sub" "$TMP/evil.xml" "$in/p1.xml"
check "it is refused by name" grep -q "output name '../escaped-approval.pdf' would leave" "$TMP/err"
check "nothing is written outside OUTDIR" test -z "$(ls "$TMP/names" | grep -v '^sub$')"
check "the good document is written" pdf_ok "$TMP/names/sub/NLT-2026-1-approval.pdf"
expect_exit 1 "two documents with one output name: the second fails" \
    "$PHASEDOC" batch -j 1 -d "$TMP/names" --name 'same.pdf' "$in/p1.xml" "$in/p2.xml"
check "... naming the first" grep -q "is also the output of .*p1.xml" "$TMP/err"
mkdir -p "$TMP/cust"
expect_exit 0 "--name with {customer} {stem} {lang} {brand} {kind}" \
    "$PHASEDOC" batch -d "$TMP/cust" --name '{customer}.{stem}.{lang}.{brand}.{kind}.pdf' "$in/p1.xml"
check "... gives the sanitised name" pdf_ok "$TMP/cust/Nordlicht_Telecom_GmbH.p1.en.default.approval.pdf"

# --- a report escapes what it quotes
cp "$in/p1.xml" "$TMP/we\"ird\\name.xml"
mkdir -p "$TMP/esc"
"$PHASEDOC" batch -d "$TMP/esc" --name '{stem}.pdf' --report "$TMP/esc.jsonl" "$TMP/we\"ird\\name.xml" 2>/dev/null
check "a file name with a quote and a backslash survives the JSON report" \
    python3 -c 'import json,sys; r=json.loads(open(sys.argv[1]).read()); assert r["input"].endswith("we\"ird\\name.xml"), r' "$TMP/esc.jsonl"

# --- the batch cannot run: exit 3 before any work
expect_exit 3 "a missing OUTDIR exits 3" "$PHASEDOC" batch -d "$TMP/no-such-dir" "$in/p1.xml"
expect_exit 3 "an OUTDIR that is a file exits 3" "$PHASEDOC" batch -d "$in/p1.xml" "$in/p1.xml"
if [[ $(id -u) == 0 ]]; then
    expect_exit 3 "an unwritable OUTDIR exits 3" "$PHASEDOC" batch -d /proc "$in/p1.xml"
else
    mkdir -p "$TMP/ro" && chmod 555 "$TMP/ro"
    expect_exit 3 "an unwritable OUTDIR exits 3" "$PHASEDOC" batch -d "$TMP/ro" "$in/p1.xml"
    chmod 755 "$TMP/ro"
fi
check "... saying why" grep -q 'output folder' "$TMP/err"
expect_exit 3 "a report in a missing folder exits 3 before any work" \
    "$PHASEDOC" batch -d "$TMP/pdfs" --report "$TMP/no-such-dir/r.jsonl" "$in/p1.xml"

# --- usage errors: exit 2
expect_exit 2 "an unknown kind exits 2" "$PHASEDOC" batch -k brochure "$in/p1.xml"
expect_exit 2 "an unknown placeholder exits 2" "$PHASEDOC" batch --name '{nope}.pdf' "$in/p1.xml"
expect_exit 2 "a pattern with '/' exits 2" "$PHASEDOC" batch --name '{kind}/{id}.pdf' "$in/p1.xml"
expect_exit 2 "no input exits 2" "$PHASEDOC" batch
expect_exit 2 "--manifest and files together exit 2" \
    "$PHASEDOC" batch --manifest "$TMP/hang.csv" "$in/p1.xml"
printf 'path,kind\nin/p1.xml,brochure\n' > "$TMP/badkind.csv"
expect_exit 2 "an unknown kind in a manifest exits 2" "$PHASEDOC" batch --manifest "$TMP/badkind.csv"
check "... naming the manifest's line" grep -q 'badkind.csv:2' "$TMP/err"
expect_exit 2 "a missing manifest exits 2" "$PHASEDOC" batch --manifest "$TMP/none.csv"
expect_exit 2 "-j 0 exits 2" "$PHASEDOC" batch -j 0 "$in/p1.xml"
expect_exit 2 "--timeout 0 exits 2" "$PHASEDOC" batch --timeout 0 "$in/p1.xml"
expect_exit 2 "-o exits 2" "$PHASEDOC" batch -o x.pdf "$in/p1.xml"
expect_exit 0 "batch --help exits 0" "$PHASEDOC" batch --help
check "the help says that time is enforced on the wall clock" grep -q 'wall clock' "$TMP/out"

# --- jobs are inputs times kinds, each in the report whatever became of it
printf 'p1.xml\n# a comment\n\np2.xml\n' > "$in/list.txt"
"$PHASEDOC" batch -k approval -k offer -k approval -d "$TMP/pdfs" --report "$TMP/kinds.jsonl" \
    --manifest "$in/list.txt" >/dev/null 2>&1
check "two inputs times two distinct kinds give four report lines" \
    python3 -c 'import json,sys; r=[json.loads(l) for l in open(sys.argv[1])]; assert sorted((x["input"].split("/")[-1], x["kind"]) for x in r) == [("p1.xml","approval"),("p1.xml","offer"),("p2.xml","approval"),("p2.xml","offer")], r' "$TMP/kinds.jsonl"

# --- a memory limit fails documents, not the batch (not under AddressSanitizer)
if ! grep -qa __asan_init "$PHASEDOC"; then
    mkdir -p "$TMP/mem"
    expect_exit 1 "--max-rss 10 (resident MB, less than a worker holds) fails the documents with exit 1" \
        "$PHASEDOC" batch -j 1 --max-rss 10 -d "$TMP/mem" "$in/p1.xml" "$in/p2.xml"
    check "... and says so per document" test "$(grep -c '^FAIL ' "$TMP/err")" = 2
fi

# --- on a terminal: one updating progress line
if command -v script >/dev/null; then
    mkdir -p "$TMP/tty"
    script -qec "'$PHASEDOC' batch -j 2 -d '$TMP/tty' $in/p1.xml $in/p2.xml $in/p3.xml" /dev/null \
        > "$TMP/tty.out" 2>&1
    check "a terminal shows a progress bar with rate and ETA" \
        grep -qE '\[=+\] 3/3 +[0-9.]+ docs/s +ETA [0-9]+:[0-9]{2}' "$TMP/tty.out"
    check "... and no per-document lines" bash -c "! grep -q '^ok  ' '$TMP/tty.out'"
fi

finish
