#!/usr/bin/env bash
# Hostile input (issue 7, HARDENING.md "Bad inputs worth a test each"): every bad input is
# refused with its exit code and a message (file:line where there is one) in bounded time, or
# rendered safely; a refused render writes nothing and leaves a previous output byte-identical;
# nothing is read that should not be (a secret file, /etc/passwd, the network). Inputs are in
# tests/hardening/ (see its README); the large ones are generated here.
# PD_TIME_SCALE multiplies every time limit (make sanitize sets it).
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
H=$ROOT/tests/hardening
SCALE=${PD_TIME_SCALE:-1}
SECRET="TOPSECRET-$$-do-not-leak"
PASSWD_MARK="root:x:0:0"
ASAN=""; grep -qa __asan_init "$PHASEDOC" && ASAN=1

# ---- the stage: inputs in $W next to a secret, outputs in $O ------------------------------
W=$TMP/in; O=$TMP/o # ($TMP/out and $TMP/err are lib.sh's)
mkdir -p "$W" "$O" "$TMP/elsewhere"
printf '%s\n' "$SECRET" > "$W/secret.txt"
printf '<secret>%s</secret>\n' "$SECRET" > "$TMP/elsewhere/secret.xml"
cp "$H"/* "$W/"

# A local listener: any connection to it is a failure (network reads must be refused).
python3 - "$TMP/port" "$TMP/connections" <<'PY' &
import socket, sys
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(16)
open(sys.argv[1] + ".tmp", "w").write(str(s.getsockname()[1]))
import os; os.rename(sys.argv[1] + ".tmp", sys.argv[1])
while True:
    c, a = s.accept(); open(sys.argv[2], "a").write("connection from %s\n" % (a,)); c.close()
PY
LISTENER=$!
trap 'kill $LISTENER 2>/dev/null; [[ -n ${KEEP_TMP:-} ]] || rm -rf "$TMP"' EXIT
for _ in $(seq 50); do [[ -s $TMP/port ]] && break; sleep 0.1; done
PORT=$(cat "$TMP/port")
sed -i "s|@PORT@|$PORT|g; s|@SECRET_DIR@|$W|g; s|@TARGET@|$TMP/written-by-stylesheet.txt|g" \
    "$W"/*.xml "$W"/*.xsl "$W"/*.svg
no_connection() { [[ ! -s $TMP/connections ]]; }

# A good PDF to overwrite: a refused render must leave it byte-identical.
"$PHASEDOC" render samples/reference.xml -k approval -o "$TMP/good.pdf" 2>/dev/null ||
    fail "cannot render the reference for the comparisons"

# leaks FILE...: neither the secret nor /etc/passwd shows in these files or a PDF's text
leaks() {
    local f
    for f in "$@"; do
        [[ -e $f ]] || continue
        grep -qaF -e "$SECRET" -e "$PASSWD_MARK" "$f" && return 0
        if head -c 5 "$f" | grep -q '%PDF'; then
            pdftotext "$f" - 2>/dev/null | grep -qF -e "$SECRET" -e "$PASSWD_MARK" && return 0
        fi
    done
    return 1
}

# run LIMIT command...: runs with a time limit of LIMIT seconds (times PD_TIME_SCALE, hard
# stop at three times that); sets $rc and $took (seconds, decimal); stdout/stderr in
# $TMP/stdout, $TMP/err
run() {
    local limit=$1; shift
    local t0=$(date +%s.%N)
    timeout -s KILL "$(awk "BEGIN{print $limit * $SCALE * 3}")" "$@" >"$TMP/stdout" 2>"$TMP/err"
    rc=$?
    took=$(awk "BEGIN{printf \"%.2f\", $(date +%s.%N) - $t0}")
    within=$(awk "BEGIN{print ($took <= $limit * $SCALE) ? 1 : 0}")
    # under make sanitize, a finding exits 1 like a refusal would: look for the report
    sanitized=""
    grep -qE 'ERROR: (Address|Leak|UndefinedBehavior)Sanitizer|runtime error:' "$TMP/err" && sanitized=1
}

# refuse CODE LIMIT "what" PATTERN phasedoc-args...: render refused with exit CODE within
# LIMIT seconds, stderr matching PATTERN (an extended regex), the previous output
# byte-identical, no temporary file, nothing leaked. The render writes over $O/keep.pdf;
# then (when LIMIT is small) again to a new name, which must not appear.
refuse() {
    local code=$1 limit=$2 what=$3 pattern=$4; shift 4
    rm -rf "$O"; mkdir -p "$O"; cp "$TMP/good.pdf" "$O/keep.pdf"
    run "$limit" "$PHASEDOC" "$@" -o "$O/keep.pdf"
    if [[ $rc == "$code" ]]; then pass; else fail "$what: exit $rc, expected $code ($(head -c 300 "$TMP/err"))"; fi
    if [[ -z $sanitized ]]; then pass; else fail "$what: sanitizer report: $(grep -m1 -E 'Sanitizer|runtime error' "$TMP/err")"; fi
    if [[ $within == 1 ]]; then pass; else fail "$what: took ${took}s, limit ${limit}s x $SCALE"; fi
    if grep -qE -- "$pattern" "$TMP/err"; then pass; else fail "$what: message should match /$pattern/, got: $(head -c 300 "$TMP/err")"; fi
    check "$what: previous output byte-identical" cmp -s "$TMP/good.pdf" "$O/keep.pdf"
    check "$what: no other file (no temporary file left)" test "$(ls -A "$O")" = keep.pdf
    if leaks "$TMP/stdout" "$TMP/err" "$O/keep.pdf"; then fail "$what: the secret or /etc/passwd leaked"; else pass; fi
    if awk "BEGIN{exit !($limit <= 5)}"; then
        run "$limit" "$PHASEDOC" "$@" -o "$O/none.pdf"
        check "$what: exit $code for a new output too (got $rc)" test "$rc" = "$code"
        check "$what: no file written" test ! -e "$O/none.pdf"
        check "$what: nothing else written" test "$(ls -A "$O")" = keep.pdf
    fi
}

# layout_refused "what" FILE: the stylesheet stage refuses it too, printing nothing of it
layout_refused() {
    run 10 "$PHASEDOC" layout "$2" -k approval
    check "$1: layout exits 1 (got $rc)" test "$rc" = 1
    if leaks "$TMP/stdout" "$TMP/err"; then fail "$1: layout leaked the secret"; else pass; fi
}

# ==== XML input ===========================================================================

refuse 1 5 "XXE to a local file" 'xxe-local-file\.xml:3:1: error: a DOCTYPE is not allowed' \
    render "$W/xxe-local-file.xml" -k approval
layout_refused "XXE to a local file" "$W/xxe-local-file.xml"
refuse 1 5 "XXE through a parameter entity" 'xxe-parameter-entity\.xml:3:1: error: a DOCTYPE' \
    render "$W/xxe-parameter-entity.xml" -k approval
refuse 1 5 "an external DTD over the network" 'external-dtd-network\.xml:3:1: error: a DOCTYPE' \
    render "$W/external-dtd-network.xml" -k approval
check "an external DTD: no connection made" no_connection
refuse 1 2 "an entity expansion bomb (within 2 s)" 'entity-bomb\.xml:3:1: error: a DOCTYPE' \
    render "$W/entity-bomb.xml" -k approval

python3 -c 'import sys; sys.stdout.write("<?xml version=\"1.0\"?>\n<project xmlns=\"urn:phasedoc:project:1\">" + "<a>" * 10000 + "</a>" * 10000 + "</project>\n")' > "$W/nesting-10000.xml"
refuse 1 2 "nesting 10,000 deep" 'nesting-10000\.xml:2:[0-9]+: error: elements nest deeper than the limit of 256' \
    render "$W/nesting-10000.xml" -k approval
refuse 1 5 "a mismatched tag (line and column)" \
    'mismatched-tag\.xml:5:40: error: the start tag <country> \(line 5\) is closed by </county>' \
    render "$W/mismatched-tag.xml" -k approval

gzip -c samples/reference.xml > "$W/compressed.xml"
refuse 1 5 "a gzip file named .xml" 'compressed\.xml:1:1: error: the file is gzip-compressed' \
    render "$W/compressed.xml" -k approval

truncate -s 2G "$W/huge.xml"
refuse 1 2 "a 2 GB file (sparse)" 'huge\.xml: error: file is larger than the limit of [0-9]+ bytes' \
    render "$W/huge.xml" -k approval
refuse 1 5 "/dev/zero" '/dev/zero: error: not a regular file' render /dev/zero -k approval
mkfifo "$W/fifo.xml"
refuse 1 2 "a FIFO (nobody writes to it: no hang)" 'fifo\.xml: error: not a regular file' \
    render "$W/fifo.xml" -k approval
refuse 1 5 "a folder" 'in: error: not a regular file' render "$W" -k approval
run 5 bash -c "'$PHASEDOC' render - -k approval -o '$O/stdin.pdf' < /dev/zero"
check "standard input from /dev/zero: exit 1 (got $rc)" test "$rc" = 1
check "standard input from /dev/zero: stops at the size limit within 5 s (${took}s)" test "$within" = 1
check "standard input from /dev/zero: says so" grep -q '<stdin>: error: file is larger than the limit' "$TMP/err"
check "standard input from /dev/zero: nothing written" test ! -e "$O/stdin.pdf"
mkdir -p "$O/stdin"
run 5 bash -c "cd '$O/stdin' && '$PHASEDOC' render - -k approval < '$ROOT/samples/reference.xml'"
check "standard input without -o: a usage error (got $rc), not a second read of the input" test "$rc" = 2
check "standard input without -o: nothing written" test -z "$(ls -A "$O/stdin")"

refuse 1 5 "invalid UTF-8" 'invalid-utf8\.xml:25:21: error: Input is not proper UTF-8' \
    render "$W/invalid-utf8.xml" -k approval
refuse 1 5 "declared UTF-16, UTF-8 inside" 'lying-encoding-utf16\.xml:1:[0-9]+: error: Document labelled UTF-16 but has UTF-8 content' \
    render "$W/lying-encoding-utf16.xml" -k approval
refuse 1 5 "declared UTF-8, Latin-1 inside" 'lying-encoding-latin1-bytes\.xml:27:24: error: Input is not proper UTF-8' \
    render "$W/lying-encoding-latin1-bytes.xml" -k approval

refuse 1 5 "xi:include of a local file" 'xinclude\.xml:25:[0-9]+: error:' render "$W/xinclude.xml" -k approval
layout_refused "xi:include" "$W/xinclude.xml"

# ---- numbers where sizes and amounts belong: the schema refuses them, at their line -------
# line:attribute=value (qty, price on line 92; vat 91; users, concurrency, sessions 90;
# effort 139; mailboxes 87; accounts 78); 10^14 is past the money functions' limits and
# INT_MAX.
for spec in 92:qty=1e308 92:qty=NaN 92:qty=-5 92:qty=2147483648 92:qty=INF \
            92:price=1e308 92:price=NaN 92:price=-0.85 92:price=99999999999999 \
            91:vat=NaN 91:vat=1e308 91:vat=-19 91:vat=101 \
            90:users=1e308 90:users=NaN 90:users=-1 90:users=0 90:users=99999999999999 \
            90:concurrency=1e308 90:sessions-per-node=99999999999999 \
            139:effort=1e308 139:effort=99999999999999 78:accounts=99999999999999; do
    line=${spec%%:*}; kv=${spec#*:}; attr=${kv%%=*}; value=${kv#*=}
    f=$W/number-$attr-$value.xml
    python3 - samples/reference.xml "$f" "$line" "$attr" "$value" <<'PY'
import re, sys
src, dst, line, attr, value = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
lines = open(src, encoding="utf-8").read().split("\n")
new = re.sub(r'(\s%s=")[^"]*"' % re.escape(attr), r'\g<1>%s"' % value, lines[line - 1], count=1)
assert new != lines[line - 1], (attr, lines[line - 1])
lines[line - 1] = new
open(dst, "w", encoding="utf-8").write("\n".join(lines))
PY
    run 5 "$PHASEDOC" validate "$f"
    if [[ $rc == 1 ]] && grep -qE "number-$attr-$value\.xml:$line(:[0-9]+)?: error:" "$TMP/err"; then pass
    else fail "$attr=\"$value\": the schema should refuse it at line $line (exit $rc: $(head -c 200 "$TMP/err"))"; fi
done
sed 's|<mailboxes>120000</mailboxes>|<mailboxes>99999999999999</mailboxes>|' samples/reference.xml > "$W/number-mailboxes.xml"
refuse 1 5 "a mailbox count past the limit" 'number-mailboxes\.xml:87:[0-9]+: error:' render "$W/number-mailboxes.xml" -k approval

# ... and in layout documents, where a partner stylesheet may put anything the schema allows
refuse 1 5 "a font size of 10^20 pt" 'numbers-font-overflow\.layout\.xml:7: error: <p>: font-size' \
    render "$W/numbers-font-overflow.layout.xml"
refuse 1 5 "a spacer of 10^20 mm" 'numbers-spacer\.layout\.xml:7: error: <spacer>' \
    render "$W/numbers-spacer.layout.xml"
refuse 1 5 "NaN, 1e308, negative and INF lengths" 'numbers-nan\.layout\.xml:7: error:.*font-size' \
    render "$W/numbers-nan.layout.xml"
refuse 1 10 "a font size of 99,999 pt (more than FreeType can scale)" \
    'numbers-font-99999\.layout\.xml:7: error: <p>: font-size="99999pt" is not a valid value' \
    render "$W/numbers-font-99999.layout.xml"
check "a font size of 99,999 pt: no library warnings" bash -c "! grep -q WARNING '$TMP/err'"
run 10 "$PHASEDOC" render "$W/numbers-colspan.layout.xml" -o "$O/colspan.pdf"
check "colspan beyond INT_MAX: clamped to the table, renders (exit $rc)" test "$rc" = 0 -a -z "$sanitized"
check "colspan beyond INT_MAX: every cell printed" \
    test "$(pdftotext "$O/colspan.pdf" - | grep -oE '\<(a|b|wide)\>' | wc -l)" = 5

# twenty language tags that all fall back to the German dictionary (one 1 MB file that
# libhyphen takes seconds to load): loaded once, not once a tag (it took 2.4 s a tag)
python3 - "$W/lang-tags.layout.xml" <<'PY'
import sys
body = "".join('<p lang="de-x%d" hyphenate="true">Rechenzentrumsbetriebsgesellschaft %d</p>' % (i, i) for i in range(20))
open(sys.argv[1], "w").write('<?xml version="1.0"?>\n<document xmlns="urn:phasedoc:layout:1" title="Tags" date="2026-01-01"><page-master name="p"/><flow master="p">' + body + "</flow></document>\n")
PY
run 10 "$PHASEDOC" render "$W/lang-tags.layout.xml" -o "$O/lang-tags.pdf"
check "20 language tags for one dictionary: renders (exit $rc)" test "$rc" = 0 -a -z "$sanitized"
check "20 language tags for one dictionary: within 10 s (${took}s)" test "$within" = 1
check "20 language tags for one dictionary: all the text" \
    test "$(pdf_text "$O/lang-tags.pdf" | grep -o 'Rechenzentrumsbetriebsgesellschaft [0-9]*' | wc -l)" = 20
rm -f "$O/lang-tags.pdf"

# ==== documents of extreme size ===========================================================

python3 - "$W/pages-10000.layout.xml" <<'PY'
import sys
body = "".join('<p>Page %d</p><page-break/>' % i for i in range(1, 10000)) + "<p>Page 10000</p>"
open(sys.argv[1], "w").write('<?xml version="1.0"?>\n<document xmlns="urn:phasedoc:layout:1" title="Ten thousand pages" date="2026-01-01"><page-master name="p"/><flow master="p">' + body + "</flow></document>\n")
PY
refuse 1 10 "10,000 pages against the default --max-pages 5000" \
    'pages-10000\.layout\.xml: error: the document exceeds the limit of 5000 pages \(--max-pages\)' \
    render "$W/pages-10000.layout.xml"
refuse 1 10 "10,000 pages against --max-pages 100" 'exceeds the limit of 100 pages' \
    render "$W/pages-10000.layout.xml" --max-pages 100
run 60 "$PHASEDOC" render "$W/pages-10000.layout.xml" --max-pages 10000 -o "$O/pages.pdf"
check "10,000 pages with --max-pages 10000: renders (exit $rc)" test "$rc" = 0
check "10,000 pages: within 60 s (${took}s)" test "$within" = 1
check "10,000 pages: all there" test "$(pdf_pages "$O/pages.pdf")" = 10000
check "10,000 pages: the last one says so" bash -c "pdftotext -f 10000 -l 10000 '$O/pages.pdf' - | grep -q 'Page 10000'"
expect_exit 2 "--max-pages 0 is a usage error" "$PHASEDOC" render "$W/pages-10000.layout.xml" --max-pages 0 -o "$O/x.pdf"
expect_exit 2 "--max-pages abc is a usage error" "$PHASEDOC" render "$W/pages-10000.layout.xml" --max-pages abc -o "$O/x.pdf"
rm -f "$O/pages.pdf"

# a 5 MB word without a break point: it must render, all of it, without hanging. Under the
# sanitizers 1 MB (their run looks for memory errors; 5 MB took over ten minutes there).
mb=5; [[ -n $ASAN ]] && mb=1
python3 -c 'import sys; sys.stdout.write("<?xml version=\"1.0\"?>\n<document xmlns=\"urn:phasedoc:layout:1\" title=\"Word\" date=\"2026-01-01\"><page-master name=\"p\"/><flow master=\"p\"><p>" + "x" * (int(sys.argv[1]) << 20) + "</p></flow></document>\n")' "$mb" > "$W/word.layout.xml"
run 120 "$PHASEDOC" render "$W/word.layout.xml" -o "$O/word.pdf"
echo "note $(basename "$0"): a $mb MB word without a break point: exit $rc in ${took}s"
check "a $mb MB word: no crash (exit $rc)" test "$rc" -lt 128 -a -z "$sanitized"
check "a $mb MB word: renders within 120 s (exit $rc, ${took}s)" test "$rc" = 0 -a "$within" = 1
check "a $mb MB word: every character is on the pages" \
    test "$(pdftotext "$O/word.pdf" - | tr -cd x | wc -c)" = $((mb << 20))
# (the break points the engine gives a run that long are zero-width spaces: not in the text)
check "a $mb MB word: nothing but the word in the PDF's text" \
    test "$(pdftotext "$O/word.pdf" - | tr -d 'x\n\f' | wc -c)" = 0
rm -f "$O/word.pdf"

# ==== text that looks like markup is printed as it is =====================================

expect_exit 0 "Pango markup lookalikes render" "$PHASEDOC" render "$W/pango-markup.layout.xml" -o "$O/markup.pdf"
for s in 'M1 <b>not bold</b> M2 <span foreground="red" size="99999">not red</span>' \
         'M3 &amp; M4 &lt;i&gt; M5 %s%n%x M6 <markup><big>x</big></markup>' \
         'real bold and </span></b> unbalanced'; do
    check "printed literally: $s" has_text "$O/markup.pdf" "$s"
done

# ==== output names ========================================================================

rm -rf "$O"; mkdir -p "$O"
expect_exit 2 "an output name with a newline" "$PHASEDOC" render samples/reference.xml -o "$O/a
b.pdf"
check "an output name with a newline: says why" grep -q 'control character' "$TMP/err"
expect_exit 2 "an output name with an escape character" "$PHASEDOC" render samples/reference.xml -o "$O/a$(printf '\033')[31mb.pdf"
check "output names with control characters: nothing written" test -z "$(ls -A "$O")"
# A NUL cannot reach phasedoc through argv or XML: a project id with &#0; is refused by the
# parser, one with a newline or a '/' by the output naming, before anything is written.
mkdir -p "$O/d"
expect_exit 1 "a project id with &#0; (-d)" "$PHASEDOC" render "$W/id-nul.xml" -d "$O/d"
check "a project id with &#0;: at its line" grep -q 'id-nul.xml:21:[0-9]*: error: xmlParseCharRef: invalid xmlChar value 0' "$TMP/err"
expect_exit 1 "a project id with a newline (-d)" "$PHASEDOC" render "$W/id-newline.xml" -d "$O/d"
check "a project id with a newline: at its line" grep -q 'id-newline.xml:21: error: the project id cannot name an output file' "$TMP/err"
expect_exit 1 "a project id ../../escaped (-d)" "$PHASEDOC" render "$W/id-dotdot-slash.xml" -d "$O/d"
check "a project id ../../escaped: at its line" grep -q 'id-dotdot-slash.xml:21: error: the project id cannot name an output file' "$TMP/err"
check "refused project ids: nothing written anywhere" bash -c "test -z \"\$(ls -A '$O/d')\" && test ! -e '$TMP/escaped-approval.pdf' && test ! -e '$ROOT/escaped-approval.pdf'"
expect_exit 0 "a project id '..' (-d) stays a name" "$PHASEDOC" render "$W/id-dotdot.xml" -d "$O/d"
check "a project id '..': writes DIR/..-approval.pdf and nothing else" test "$(ls -A "$O/d")" = "..-approval.pdf"
mkdir -p "$O/sub"
expect_exit 0 "an output path through sub/.." "$PHASEDOC" render samples/reference.xml -o "$O/sub/../dots.pdf"
check "an output path through sub/..: the file the system resolves" pdf_ok "$O/dots.pdf"
check "an output path through sub/..: nothing in sub/" test -z "$(ls -A "$O/sub")"
cp samples/reference.xml "$W/self.xml"; ln -s self.xml "$W/self-link.pdf"
expect_exit 2 "the output is the input" "$PHASEDOC" render "$W/self.xml" -o "$W/self.xml"
check "the output is the input: says so" grep -q 'the output is the input file' "$TMP/err"
expect_exit 2 "the output is a link to the input" "$PHASEDOC" render "$W/self.xml" -o "$W/self-link.pdf"
check "the output is the input: the input is untouched" cmp -s samples/reference.xml "$W/self.xml"
check "the output is the input: the link is untouched" test -L "$W/self-link.pdf"
expect_exit 3 "the output is a folder" "$PHASEDOC" render samples/reference.xml -o "$O/sub"
expect_exit 3 "the output folder does not exist" "$PHASEDOC" render samples/reference.xml -o /nonexistent-dir/x.pdf
expect_exit 0 "the output is /dev/null" "$PHASEDOC" render samples/reference.xml -o /dev/null
check "/dev/null is still a device" test -c /dev/null
# /dev/stdout redirected to a regular file: written through, the link never replaced
"$PHASEDOC" render samples/reference.xml -o /dev/stdout > "$O/via-stdout.pdf"
check "-o /dev/stdout into a file: the PDF" cmp -s "$TMP/good.pdf" "$O/via-stdout.pdf"
check "-o /dev/stdout into a file: /dev/stdout is still a link" test -L /dev/stdout
check "-o /dev/stdout into a file: no temporary file in /dev" bash -c "! ls -A /dev | grep -q '^\.stdout\.'"
# a file system mounted below /dev (/dev/shm) is an ordinary folder: a new file is written
if [[ -d /dev/shm && -w /dev/shm ]]; then
    shm=$(mktemp -d /dev/shm/pd-test.XXXXXX)
    expect_exit 0 "-o /dev/shm/NEW.pdf: a new file in a tmpfs below /dev" \
        "$PHASEDOC" render samples/reference.xml -o "$shm/new.pdf"
    check "-o /dev/shm/NEW.pdf: the PDF, and nothing else" \
        bash -c "cmp -s '$TMP/good.pdf' '$shm/new.pdf' && test \"\$(ls -A '$shm')\" = new.pdf"
    rm -rf "$shm"
fi
mkfifo "$O/pipe.pdf"
timeout 60 cat "$O/pipe.pdf" > "$TMP/from-pipe.pdf" &
reader=$!
expect_exit 0 "the output is a FIFO with a reader" "$PHASEDOC" render samples/reference.xml -o "$O/pipe.pdf"
grep -q . "$TMP/err" && kill $reader 2>/dev/null # a failed render never opens the FIFO
wait $reader
check "the FIFO's reader gets the PDF" cmp -s "$TMP/good.pdf" "$TMP/from-pipe.pdf"
check "the FIFO is still a FIFO" test -p "$O/pipe.pdf"
( umask 077; "$PHASEDOC" render samples/reference.xml -o "$O/private.pdf" )
check "umask 077 gives a private output" test "$(stat -c %a "$O/private.pdf")" = 600

# ==== brand packs: logo paths that leave the pack =========================================

for b in logo-dotdot logo-absolute; do
    refuse 1 5 "brand $b" "brands/$b/brand\.xml:4: error: invalid value for logo\.file: .* leaves the pack folder" \
        render samples/reference.xml -k approval -b tests/fixtures/brands/$b
done
refuse 1 5 "brand logo-symlink (a link out of the pack)" \
    "brands/logo-symlink/brand\.xml:4: error: logo\.file 'logo\.png' leaves \(through a symbolic link\) the pack folder" \
    render samples/reference.xml -k approval -b tests/fixtures/brands/logo-symlink

# ==== images ==============================================================================

refuse 1 5 "images outside the allowed folders" \
    'image-outside\.layout\.xml:7: error: image .*/etc/passwd. lies outside the folders images may come from' \
    render "$W/image-outside.layout.xml"
check "images outside: the second one at its line too" grep -q 'image-outside.layout.xml:8: error:' "$TMP/err"
python3 - "$W" <<'PY'
import struct, sys, zlib
def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
def png(w, h, rows):
    raw = b"".join(b"\0" + b"\0" * (w * 3) for _ in range(rows))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))
# declares 20000x20000 (1.6 GB decoded) in a few KB: 200 rows of data, the rest missing
open(sys.argv[1] + "/png-20000.png", "wb").write(png(20000, 20000, 200))
ok = png(40, 30, 30)
open(sys.argv[1] + "/png-truncated.png", "wb").write(ok[:len(ok) - 30])
PY
refuse 1 2 "a PNG that declares 20000x20000" \
    'png-20000\.layout\.xml:7: error: image (.*/)?png-20000\.png is 20000x20000 pixels, more than the limit' \
    render "$W/png-20000.layout.xml"
refuse 1 5 "a truncated PNG" 'png-truncated\.layout\.xml:7: error: image (.*/)?png-truncated\.png cannot be decoded' \
    render "$W/png-truncated.layout.xml"

# SVG (images in the layout engine; skipped with a note where the engine has no SVG yet)
printf '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>\n' > "$W/probe.svg"
printf '<?xml version="1.0"?>\n<document xmlns="urn:phasedoc:layout:1"><page-master name="p"/><flow master="p"><image src="probe.svg"/></flow></document>\n' > "$W/probe.layout.xml"
if ! "$PHASEDOC" render "$W/probe.layout.xml" -o "$O/probe.pdf" >/dev/null 2>&1; then
    echo "SKIP $(basename "$0"): <image src=\"x.svg\"> is not supported by this engine yet: SVG tests skipped"
else
    rm -f "$O/probe.pdf"
    printf 'secret image' > "$W/secret.png"
    for n in svg-file-refs svg-http-refs; do
        run 10 "$PHASEDOC" render "$W/$n.layout.xml" -o "$O/$n.pdf"
        check "$n: rendered, or refused with exit 1 (got $rc: $(head -c 200 "$TMP/err"))" bash -c "test -z '$sanitized' && { test $rc = 0 || test $rc = 1; }"
        if [[ $rc == 0 ]]; then check "$n: a sound PDF" pdf_ok "$O/$n.pdf"; fi
        if leaks "$TMP/stdout" "$TMP/err" "$O/$n.pdf"; then fail "$n: the secret or /etc/passwd leaked"; else pass; fi
        rm -f "$O/$n.pdf"
    done
    check "svg-http-refs: no connection made" no_connection
    refuse 1 5 "an SVG that nests <use> exponentially" \
        'svg-use-bomb\.layout\.xml:(6|11): error: image (.*/)?svg-use-bomb\.svg has more than [0-9]+ elements' \
        render "$W/svg-use-bomb.layout.xml"
fi

# ==== fonts ===============================================================================

# the data folder's fonts/ with a garbage .ttf and a truncated one: a warning, then a render
mkdir -p "$TMP/data"
cp -r stylesheets schemas templates fonts "$TMP/data/"
head -c 20000 /dev/urandom > "$TMP/data/fonts/Aaa-Garbage.ttf"
head -c 4096 fonts/DejaVuSansMono.ttf > "$TMP/data/fonts/Zzz-Truncated.ttf"
run 20 env PHASEDOC_DATA="$TMP/data" "$PHASEDOC" render samples/reference.xml -k approval -o "$O/fonts.pdf"
check "a garbage font in the data folder: renders or refuses clearly (exit $rc)" bash -c "test -z '$sanitized' && { test $rc = 0 || test $rc = 1; }"
check "a garbage font in the data folder: named in a message" grep -q 'Aaa-Garbage.ttf: .*not a usable font' "$TMP/err"
if [[ $rc == 0 ]]; then check "a garbage font in the data folder: a sound PDF" pdf_ok "$O/fonts.pdf"; fi
# a brand pack with a garbage font, and with collections of 500 and 5000 faces (FreeType
# itself refuses a collection of more than a few hundred)
for kind in garbage collection huge-collection; do
    rm -rf "$TMP/pack-$kind"; mkdir -p "$TMP/pack-$kind/fonts"
    printf '<?xml version="1.0" encoding="UTF-8"?>\n<brand xmlns="urn:phasedoc:brand:1" name="pack-%s" extends="default">\n  <set key="font.body" value="Noto Sans Hebrew"/>\n</brand>\n' $kind > "$TMP/pack-$kind/brand.xml"
done
head -c 20000 /dev/urandom > "$TMP/pack-garbage/fonts/garbage.ttf"
for n in 500 5000; do
[[ $n == 500 ]] && dir=$TMP/pack-collection || dir=$TMP/pack-huge-collection
python3 - fonts/NotoSansHebrew-Regular.ttf "$dir/fonts/many.ttc" $n <<'PY'
import struct, sys
font = open(sys.argv[1], "rb").read()
n = int(sys.argv[3])
head = 12 + 4 * n
# a TrueType collection whose 5000 entries all point at the same font, whose table offsets
# are moved by the size of the collection header
num_tables = struct.unpack(">H", font[4:6])[0]
moved = bytearray(font)
for i in range(num_tables):
    rec = 12 + 16 * i
    off = struct.unpack(">I", font[rec + 8:rec + 12])[0]
    moved[rec + 8:rec + 12] = struct.pack(">I", off + head)
out = b"ttcf" + struct.pack(">II", 0x00010000, n) + b"".join(struct.pack(">I", head) for _ in range(n))
open(sys.argv[2], "wb").write(out + bytes(moved))
PY
done
refuse 1 5 "a brand font that is garbage" 'garbage\.ttf: error: not a usable brand font file' \
    render samples/reference.xml -k approval -b "$TMP/pack-garbage"
refuse 1 5 "a brand font collection of 500 faces" 'many\.ttc: error: .*is a collection of 500 fonts' \
    render samples/reference.xml -k approval -b "$TMP/pack-collection"
refuse 1 5 "a brand font collection of 5000 faces" 'many\.ttc: error: not a usable brand font file' \
    render samples/reference.xml -k approval -b "$TMP/pack-huge-collection"

# ==== stylesheets (-x) ====================================================================

mkdir -p "$TMP/style"; cp "$W"/xslt-*.xsl "$TMP/style/"; X=$TMP/style
refuse 1 5 "document('file:///etc/passwd')" 'xslt-document-passwd\.xsl:6: error: .*read.* (refused|denied)' \
    render samples/reference.xml -k approval -x "$X/xslt-document-passwd.xsl"
refuse 1 5 "document() of a file outside the stylesheet's folder" 'xslt-document-secret\.xsl:6: error: .*(refused|denied)' \
    render samples/reference.xml -k approval -x "$X/xslt-document-secret.xsl"
refuse 1 5 "document() over the network" 'xslt-document-url\.xsl:6: error: .*(refused|denied)' \
    render samples/reference.xml -k approval -x "$X/xslt-document-url.xsl"
check "document() over the network: no connection made" no_connection
for s in xsl exsl; do
    refuse 1 5 "$s:document writing a file" "xslt-$s-document\\.xsl:[67]: error: .*write.* (refused|denied)" \
        render samples/reference.xml -k approval -x "$X/xslt-$s-document.xsl"
    check "$s:document: the file does not exist" test ! -e "$TMP/written-by-stylesheet.txt"
done
refuse 1 5 "infinite recursion" 'xslt-recursion\.xsl:6: error: .*infinite template recursion' \
    render samples/reference.xml -k approval -x "$X/xslt-recursion.xsl"
refuse 1 10 "an explosive XPath" 'xslt-xpath-explosion\.xsl: error: the stylesheet takes more than [0-9]+ XPath steps' \
    render samples/reference.xml -k approval -x "$X/xslt-xpath-explosion.xsl"
refuse 1 20 "a result tree of 2^26 elements" 'xslt-tree-bomb\.xsl: error: the stylesheet needs more than [0-9]+ MB of memory' \
    render samples/reference.xml -k approval -x "$X/xslt-tree-bomb.xsl"
refuse 1 20 "a string doubled 40 times" 'xslt-string-bomb\.xsl: error: the stylesheet needs more than [0-9]+ MB of memory' \
    render samples/reference.xml -k approval -x "$X/xslt-string-bomb.xsl"
refuse 1 5 "a stylesheet with a DOCTYPE entity" 'xslt-doctype-entity\.xsl:3:1: error: a DOCTYPE is not allowed' \
    render samples/reference.xml -k approval -x "$X/xslt-doctype-entity.xsl"
refuse 1 5 "an import of a system file" 'xslt-import-system\.xsl: error: .*/etc/passwd.* (refused|denied)' \
    render samples/reference.xml -k approval -x "$X/xslt-import-system.xsl"
refuse 1 5 "phasedoc: with a path" 'xslt-import-builtin-escape\.xsl: error: .*(refused|denied|may not read)' \
    render samples/reference.xml -k approval -x "$X/xslt-import-builtin-escape.xsl"
refuse 1 5 "an import over the network" 'xslt-import-url\.xsl: error: .*http://127\.0\.0\.1.* (refused|denied)' \
    render samples/reference.xml -k approval -x "$X/xslt-import-url.xsl"
check "an import over the network: no connection made" no_connection
refuse 1 5 "an import cycle" 'xslt-cycle-[ab]\.xsl:4: error: xsl:import : recursion detected' \
    render samples/reference.xml -k approval -x "$X/xslt-cycle-a.xsl"
mkdir -p "$TMP/chain"
for i in $(seq 0 99); do
    printf '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:import href="c%d.xsl"/></xsl:stylesheet>\n' $((i + 1)) > "$TMP/chain/c$i.xsl"
done
printf '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:import href="phasedoc:approval.xsl"/></xsl:stylesheet>\n' > "$TMP/chain/c100.xsl"
refuse 1 5 "imports nested 100 deep" 'error: a stylesheet may import or include at most [0-9]+ modules' \
    render samples/reference.xml -k approval -x "$TMP/chain/c0.xsl"
expect_exit 0 "a well-behaved partner stylesheet importing phasedoc:approval.xsl" \
    "$PHASEDOC" render samples/reference.xml -k approval -x "$X/xslt-partner-ok.xsl" -o "$O/partner.pdf"
check "the partner stylesheet's PDF is the built-in one's" cmp -s "$TMP/good.pdf" "$O/partner.pdf"

finish
