#!/bin/sh
# bench/profile.sh — where phasedoc's time goes (issue 6): callgrind on one cold approval sheet,
# one cold offer and a batch of 50 approval sheets with -j 1 (the worker's profile), each split
# into the issue's groups by bench/cgsplit.py; perf stat of the same when perf works here.
#   bench/profile.sh [PHASEDOC] [OUTDIR]          (make bench-profile)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
pd=$(cd "$(dirname "${1:-$root/build/phasedoc}")" && pwd)/$(basename "${1:-$root/build/phasedoc}")
out=${2:-$here/work/profile}
rm -rf "$out"
mkdir -p "$out/batch" "$out/projects"
cp "$pd" "$out/phasedoc"   # a copy: build/phasedoc may be relinked meanwhile
pd=$out/phasedoc
python3 "$here/gen.py" projects "$out/projects" 50
ref=$root/samples/reference.xml

cg() { # name, command...
    name=$1; shift
    valgrind --tool=callgrind --callgrind-out-file="$out/callgrind.$name.%p" "$@" \
        >"$out/$name.log" 2>&1
}
cg approval "$pd" render "$ref" -k approval -o "$out/approval.pdf"
cg offer "$pd" render "$ref" -k offer -o "$out/offer.pdf"
cg batch "$pd" batch -j 1 -k approval -d "$out/batch" --name '{stem}.pdf' "$out"/projects/*.xml

{
    echo "== one approval sheet, cold (callgrind instructions)"
    python3 "$here/cgsplit.py" "$out"/callgrind.approval.*
    echo
    echo "== one offer, cold"
    python3 "$here/cgsplit.py" "$out"/callgrind.offer.*
    echo
    echo "== batch of 50 approval sheets, -j 1: the worker (largest profile), per document"
    worker=$(ls -S "$out"/callgrind.batch.* | head -n 1)
    python3 "$here/cgsplit.py" "$worker" 50
    if perf stat -e task-clock true >/dev/null 2>&1; then
        echo
        echo "== perf stat (task-clock; wall and CPU of the same three runs, no valgrind)"
        for k in approval offer; do
            perf stat -r 5 -e task-clock,page-faults,context-switches \
                "$pd" render "$ref" -k $k -o "$out/$k.pdf" 2>&1 >/dev/null | grep -E "task-clock|faults|switches|elapsed" | sed "s/^/$k: /"
        done
        perf stat -e task-clock,page-faults,context-switches \
            "$pd" batch -j 1 -k approval -d "$out/batch" --name '{stem}.pdf' "$out"/projects/*.xml \
            2>&1 >/dev/null | grep -E "task-clock|faults|switches|elapsed" | sed "s/^/batch 50: /"
    fi
} | tee "$out/profile.txt"
echo "profile: $out/profile.txt" >&2
