# lib.sh — helpers for end-to-end tests: each test script sources this, uses $PHASEDOC and
# $TMP, and calls check/expect_* ; the runner counts failures.
set -u
: "${PHASEDOC:?PHASEDOC must name the phasedoc binary}"
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
TMP=$(mktemp -d)
[[ -n ${KEEP_TMP:-} ]] || trap 'rm -rf "$TMP"' EXIT
FAILS=0
CHECKS=0

pass() { CHECKS=$((CHECKS + 1)); }
fail() { CHECKS=$((CHECKS + 1)); FAILS=$((FAILS + 1)); echo "FAIL $(basename "$0"): $*"; }

# check "what" command...: the command must succeed
check() { local what=$1; shift; if "$@" >/dev/null 2>&1; then pass; else fail "$what"; fi; }
# expect_exit CODE "what" command...: the command must exit with CODE
expect_exit() {
    local code=$1 what=$2; shift 2
    "$@" >"$TMP/out" 2>"$TMP/err"; local got=$?
    if [[ $got == "$code" ]]; then pass; else fail "$what: exit $got, expected $code ($(head -c 300 "$TMP/err"))"; fi
}
# text of a PDF with soft hyphens and line-end hyphens undone, white space folded
pdf_text() { pdftotext "$@" - 2>/dev/null | python3 -c 'import sys,re; t=sys.stdin.read(); t=re.sub("\u00ad\\s*","",t); print(re.sub(r"\s+"," ",t))'; }
has_text() { pdf_text "$1" | grep -qF -- "$2"; }
# sound PDF: pdfinfo reads it, qpdf --check passes, every font is embedded
pdf_ok() {
    pdfinfo "$1" >/dev/null 2>&1 && qpdf --check "$1" >/dev/null 2>&1 &&
        ! pdffonts "$1" 2>/dev/null | awk 'NR>2 && $(NF-4)!="yes"{f=1} END{exit !f}'
}
pdf_pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/{print $2}'; }

finish() {
    echo "$(basename "$0"): $((CHECKS - FAILS)) of $CHECKS checks passed"
    [[ $FAILS == 0 ]]
}
