#!/usr/bin/env bash
# Faults end to end (issue 17): signals to a render and to a batch's process group, a full
# disk, a concurrent writer of the same name, an input swapped during renders, a killed batch
# parent, stale temporary files, --skip-existing on broken outputs, --max-rss, report paths
# that are not UTF-8, system errors on input (exit 3). Each check fails without its fix.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
ref=samples/reference.xml
scale=${PD_TIME_SCALE:-1}
# temporary files of any naming: hidden entries of a folder
hidden() { ls -A "$1" | grep '^\.' ; }

# A slow document: 2,500 acceptance criteria, 99 pages (a second or more; written as it is laid
# out, so its temporary file is there for a while).
python3 - "$ref" "$TMP/slow.xml" <<'PY'
import sys, xml.etree.ElementTree as ET
ns = "urn:phasedoc:project:1"; ET.register_namespace("", ns); N = "{%s}" % ns
t = ET.parse(sys.argv[1]); a = t.getroot().find(N+"approval"); i = list(a).index(a.find(N+"criterion"))
for k in range(2500):
    e = ET.Element(N+"criterion", id="AC-%05d" % (k+100), status="passed")
    ET.SubElement(e, N+"text").text = "Criterion %d holds for every mailbox." % k; a.insert(i, e)
t.write(sys.argv[2], encoding="UTF-8", xml_declaration=True)
PY
mkdir -p "$TMP/in"
for i in $(seq 1 12); do sed "s/NLT-2026-014/R-$i/" "$ref" > "$TMP/in/p$i.xml"; done

# --- SIGTERM and SIGINT on a render while it writes: exit 143/130, no temporary file
for sig in TERM INT; do
    mkdir -p "$TMP/sig$sig"
    set -m
    "$PHASEDOC" render "$TMP/slow.xml" -o "$TMP/sig$sig/slow.pdf" 2>/dev/null &
    rp=$!
    set +m
    # until the temporary file is there (the render is writing), at most 20 s
    for _ in $(seq 1 200); do [[ -n $(hidden "$TMP/sig$sig") ]] && break; sleep 0.1; done
    had=$(hidden "$TMP/sig$sig" | wc -l)
    kill -"$sig" "$rp"; wait "$rp"; code=$?
    want=$([[ $sig == TERM ]] && echo 143 || echo 130)
    check "SIG$sig on a render writing its file ($had temporary) exits $want (got $code)" \
        test "$code" = "$want"
    check "SIG$sig on a render leaves no file" test -z "$(ls -A "$TMP/sig$sig")"
done

# --- SIGINT to a batch's process group: exit 130, no temporary file, the report marks the
#     unfinished jobs, the summary is printed
mkdir -p "$TMP/bint"
set -m
"$PHASEDOC" batch -j 2 -d "$TMP/bint" --report "$TMP/bint.jsonl" "$TMP/in"/p*.xml "$TMP/slow.xml" \
    2>"$TMP/bint.err" &
bp=$!
set +m
for _ in $(seq 1 200); do [[ -n $(ls "$TMP/bint") ]] && break; sleep 0.1; done
sleep 0.3
kill -INT -- -"$bp"; wait "$bp"; code=$?
sleep 0.3
check "SIGINT to a batch's process group exits 130 (got $code)" test "$code" = 130
check "... and leaves no temporary file ($(hidden "$TMP/bint" | tr '\n' ' '))" \
    test -z "$(hidden "$TMP/bint")"
check "... writes the report, one line per job" test "$(wc -l < "$TMP/bint.jsonl")" = 13
check "... marking unfinished jobs interrupted" grep -q '"status":"interrupted"' "$TMP/bint.jsonl"
check "... and every job ok or interrupted" \
    test -z "$(grep -v '"status":"ok"' "$TMP/bint.jsonl" | grep -v '"status":"interrupted"')"
check "... prints the summary" grep -qE '^batch: [0-9]+ done, 0 failed, 0 skipped, [0-9]+ interrupted' "$TMP/bint.err"

# --- a killed batch parent: its workers die too, and write nothing afterwards
mkdir -p "$TMP/orphan"
set -m
"$PHASEDOC" batch -j 2 -d "$TMP/orphan" --timeout $((60 * scale)) "$TMP/slow.xml" "$TMP/slow.xml" \
    --name '{stem}-{kind}-x.pdf' -k approval -k offer 2>/dev/null &
bp=$!
set +m
kids=""
for _ in $(seq 1 50); do kids=$(pgrep -P "$bp" | tr '\n' ' '); [[ $kids == *" "*" "* ]] && break; sleep 0.1; done
# until a worker is writing (a temporary file is there), at most 20 s: killed any later, a fast
# machine would have finished the batch and the check below would prove nothing
for _ in $(seq 1 200); do [[ -n $(hidden "$TMP/orphan") ]] && break; sleep 0.1; done
check "the batch parent is still working when it is killed" kill -KILL "$bp"
wait "$bp" 2>/dev/null
sleep 2
alive=0; for k in $kids; do kill -0 "$k" 2>/dev/null && alive=$((alive + 1)); done
check "workers [$kids] die with a killed batch parent ($alive alive)" test "$alive" = 0
for k in $kids; do kill -KILL "$k" 2>/dev/null; done
check "... and leave no temporary file" test -z "$(hidden "$TMP/orphan")"

# --- a concurrent writer of the same name: a batch that kills its own worker (timeout) does
#     not touch another process's temporary file of that name
mkdir -p "$TMP/same" "$TMP/spin"
cat > "$TMP/spin/spin.xsl" <<'XSL'
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
touch "$TMP/same/.x.pdf.AbC123"   # another process's temporary file (an older naming)
"$PHASEDOC" render "$TMP/slow.xml" -o "$TMP/same/x.pdf" 2>"$TMP/same.err" &
rp=$!
for _ in $(seq 1 200); do [[ $(hidden "$TMP/same" | wc -l) -ge 2 ]] && break; sleep 0.1; done
"$PHASEDOC" batch -x "$TMP/spin/spin.xsl" --timeout "$scale" -d "$TMP/same" --name x.pdf \
    "$TMP/in/p1.xml" 2>/dev/null
wait "$rp"; code=$?
check "a render writing x.pdf while a batch kills its own x.pdf worker succeeds (exit $code: $(head -c 200 "$TMP/same.err"))" \
    test "$code" = 0
check "... its PDF is sound" pdf_ok "$TMP/same/x.pdf"
check "... another process's temporary file is left alone" test -e "$TMP/same/.x.pdf.AbC123"

# --- a stale temporary file of our naming older than a day is removed by a later batch, and
#     said; a young one (a render running now) is kept
mkdir -p "$TMP/stale"
touch -d '3 days ago' "$TMP/stale/.old.pdf.4242.AbCdEf"
touch "$TMP/stale/.young.pdf.4243.AbCdEf"
"$PHASEDOC" batch -d "$TMP/stale" "$TMP/in/p1.xml" 2>"$TMP/stale.err"
check "a batch removes a stale temporary file (older than a day)" test ! -e "$TMP/stale/.old.pdf.4242.AbCdEf"
check "... and says so" grep -q 'removed 1 stale temporary file' "$TMP/stale.err"
check "... but keeps a young one" test -e "$TMP/stale/.young.pdf.4243.AbCdEf"

# --- one read: the name and the content of an output come from the same parse, even while
#     the input is swapped (mv) between two projects all the time
mkdir -p "$TMP/swap"
cp "$TMP/in/p1.xml" "$TMP/swap/a.xml"; cp "$TMP/in/p2.xml" "$TMP/swap/b.xml"
python3 - "$TMP/swap" <<'PY' &
import os, sys, time, shutil
d = sys.argv[1]
while True:  # one project, then the other, under one name: 2 ms each
    for src in ("a.xml", "b.xml"):
        shutil.copyfile(os.path.join(d, src), os.path.join(d, "t"))
        os.replace(os.path.join(d, "t"), os.path.join(d, "cur.xml"))
        time.sleep(0.002)
PY
swapper=$!
bad=0
for n in $(seq 1 16); do
    mkdir -p "$TMP/swap/o$n"
    "$PHASEDOC" render "$TMP/swap/cur.xml" -d "$TMP/swap/o$n" 2>/dev/null
    for f in "$TMP/swap/o$n"/*.pdf; do
        [[ -e $f ]] || continue
        id=$(basename "$f" -approval.pdf)
        pdftotext "$f" - 2>/dev/null | grep -q "$id" || bad=$((bad + 1))
    done
done
kill "$swapper"; wait "$swapper" 2>/dev/null
check "16 renders of an input swapped meanwhile: every PDF holds the project it is named after ($bad do not)" \
    test "$bad" = 0

# --- --skip-existing: only complete outputs newer than their input count
mkdir -p "$TMP/skip"
"$PHASEDOC" batch -d "$TMP/skip" "$TMP/in/p1.xml" "$TMP/in/p2.xml" "$TMP/in/p3.xml" 2>/dev/null
truncate -s 1000 "$TMP/skip/R-1-approval.pdf"       # a truncated output
: > "$TMP/skip/R-2-approval.pdf"                    # an empty one
sleep 0.05; touch "$TMP/in/p3.xml"                  # an input edited after its output
"$PHASEDOC" batch --skip-existing -d "$TMP/skip" "$TMP/in/p1.xml" "$TMP/in/p2.xml" \
    "$TMP/in/p3.xml" 2>"$TMP/skip.err"
check "--skip-existing renders a truncated output again" pdf_ok "$TMP/skip/R-1-approval.pdf"
check "... an empty one" pdf_ok "$TMP/skip/R-2-approval.pdf"
check "... and one older than its input (3 done)" grep -q '^batch: 3 done, 0 failed, 0 skipped' "$TMP/skip.err"
"$PHASEDOC" batch --skip-existing -d "$TMP/skip" "$TMP/in/p1.xml" 2>"$TMP/skip.err"
check "... and skips a complete, current one" grep -q '^batch: 0 done, 0 failed, 1 skipped' "$TMP/skip.err"

# --- --max-rss is resident memory: 200 MB is plenty for a document (it was address space,
#     which failed every document at 200); 20 MB is not, and the document says why
mkdir -p "$TMP/rss"
if ! grep -qa __asan_init "$PHASEDOC"; then # (AddressSanitizer's shadow memory is resident too)
    check "--max-rss 200 renders a document" "$PHASEDOC" batch --max-rss 200 -d "$TMP/rss" "$TMP/in/p1.xml"
fi
expect_exit 1 "--max-rss 20 fails it" "$PHASEDOC" batch --max-rss 20 -d "$TMP/rss" "$TMP/in/p2.xml"
check "... naming the limit" grep -q 'more than --max-rss 20 MB' "$TMP/err"

# --- a path that is not UTF-8 appears in the report escaped reversibly
mkdir -p "$TMP/utf"
odd=$(printf '%s/utf/caf\xe9.xml' "$TMP")
cp "$TMP/in/p1.xml" "$odd"
"$PHASEDOC" batch -d "$TMP/utf" --report "$TMP/utf.jsonl" "$odd" 2>/dev/null
check "a non-UTF-8 input path in the report gives back its bytes" python3 - "$TMP/utf.jsonl" "$odd" <<'PY'
import sys, json, os
line = json.loads(open(sys.argv[1], encoding="utf-8").readline())
sys.exit(0 if os.fsencode(line["input"]) == os.fsencode(sys.argv[2]) else 1)
PY

# --- a full disk: exit 3 naming the cause, no file (PDF; PNG pages all or none)
if mkdir -p "$TMP/full" && mount -t tmpfs -o size=300k tmpfs "$TMP/full" 2>/dev/null; then
    head -c 250000 /dev/zero > "$TMP/full/fill" 2>/dev/null
    expect_exit 3 "a render into a full disk exits 3" "$PHASEDOC" render "$ref" -k offer -o "$TMP/full/x.pdf"
    check "... naming the cause" grep -q 'x.pdf: error: cannot write: No space left on device' "$TMP/err"
    check "... and leaves no file" test "$(ls -A "$TMP/full")" = fill
    rm "$TMP/full/fill"; head -c 200000 /dev/zero > "$TMP/full/fill"
    expect_exit 3 "-f png into a disk that fills after some pages exits 3" \
        "$PHASEDOC" render "$ref" -k offer -f png -r 40 -o "$TMP/full/x.png"
    check "... and leaves no page at all" test "$(ls -A "$TMP/full")" = fill
    mkdir -p "$TMP/fullb"
    rm "$TMP/full/fill"; head -c 250000 /dev/zero > "$TMP/full/fill"
    "$PHASEDOC" batch -k offer -d "$TMP/full" --report "$TMP/fullb/r.jsonl" "$TMP/in/p1.xml" 2>/dev/null
    check "a batch's report names the cause of a full disk" grep -q 'No space left on device' "$TMP/fullb/r.jsonl"
    umount "$TMP/full"
else
    echo "note test_resilience.sh: cannot mount a tmpfs here (not root?): full-disk checks skipped"
fi

# --- system errors on input are exit 3, not 1 (a preloaded shim makes open() of *.xml fail)
if command -v cc >/dev/null && ! grep -qa __asan_init "$PHASEDOC"; then
    cat > "$TMP/failopen.c" <<'C'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
int open(const char *path, int flags, ...)
{
    static int (*real)(const char *, int, ...);
    if (!real)
        real = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, "open");
    const char *e = getenv("FAIL_ERRNO");
    size_t n = strlen(path);
    if (e && n > 8 && strcmp(path + n - 8, "/cur.xml") == 0) {
        errno = atoi(e);
        return -1;
    }
    va_list ap;
    va_start(ap, flags);
    int mode = va_arg(ap, int);
    va_end(ap);
    return real(path, flags, mode);
}
C
    if cc -shared -fPIC -o "$TMP/failopen.so" "$TMP/failopen.c" -ldl 2>/dev/null; then
        for e in "24 EMFILE" "12 ENOMEM" "5 EIO"; do
            set -- $e
            LD_PRELOAD=$TMP/failopen.so FAIL_ERRNO=$1 "$PHASEDOC" render "$TMP/swap/cur.xml" \
                -o "$TMP/x.pdf" 2>"$TMP/err"
            code=$?
            check "$2 opening the input exits 3 (got $code)" test "$code" = 3
        done
        LD_PRELOAD=$TMP/failopen.so FAIL_ERRNO=2 "$PHASEDOC" render "$TMP/swap/cur.xml" -o "$TMP/x.pdf" 2>/dev/null
        code=$?
        check "ENOENT is still exit 1 (got $code)" test "$code" = 1
    fi
fi

finish
