#!/usr/bin/env bash
# Golden tests of the engine: each tests/golden/NAME.layout.xml laid out with
# `phasedoc layout --boxes` must give exactly tests/golden/NAME.boxes. After a deliberate
# change, `make update-golden` rewrites them; review the diff before committing.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
for f in tests/golden/*.layout.xml; do
    want=${f%.layout.xml}.boxes
    if ! "$PHASEDOC" layout "$f" --boxes > "$TMP/got" 2>"$TMP/err"; then
        fail "$f does not lay out: $(head -c 300 "$TMP/err")"
        continue
    fi
    if [[ ${UPDATE_GOLDEN:-} == 1 ]]; then cp "$TMP/got" "$want"; echo "updated $want"; fi
    if [[ ! -f $want ]]; then fail "$want is missing (make update-golden)"; continue; fi
    if diff -u "$want" "$TMP/got" > "$TMP/diff"; then pass; else fail "$f: placed boxes differ:"; head -20 "$TMP/diff"; fi
done
finish
