#!/usr/bin/env bash
# Golden tests of the stylesheets: the layout XML that `phasedoc layout` makes of the reference
# project (samples/reference.xml) for every kind in English and German must equal
# tests/golden-layout/KIND-LANG.layout.xml, so that a stylesheet change shows as a diff. The
# project root is written as @ROOT@ (logo paths). After a deliberate change,
# `make update-golden` (or `make update-golden-layout`) rewrites them; review the diff.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
for kind in offer concept implementation approval; do
    for lang in en de; do
        want=tests/golden-layout/$kind-$lang.layout.xml
        if ! "$PHASEDOC" layout samples/reference.xml -k "$kind" -l "$lang" > "$TMP/raw" 2>"$TMP/err"; then
            fail "$kind $lang does not lay out: $(head -c 300 "$TMP/err")"
            continue
        fi
        sed "s|$ROOT|@ROOT@|g" "$TMP/raw" > "$TMP/got"
        if [[ ${UPDATE_GOLDEN:-} == 1 ]]; then cp "$TMP/got" "$want"; echo "updated $want"; fi
        if [[ ! -f $want ]]; then fail "$want is missing (make update-golden)"; continue; fi
        if diff -u "$want" "$TMP/got" > "$TMP/diff"; then pass; else
            fail "$kind $lang: the layout XML differs from $want (make update-golden after a deliberate change):"
            head -30 "$TMP/diff"
        fi
    done
done
finish
