#!/usr/bin/env bash
# Place, then draw (issue 11, items 3 and 5): the pager places the page furniture, so the box
# dump shows headers, footers and the watermark; Pango and Cairo stay in their modules; a
# Gantt chart taller than the room left is split between rows, every part inside the page
# body with its own time axis, its heading never left alone.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
ref=samples/reference.xml

# the running footer is in the dump, as artifacts, with the page count
"$PHASEDOC" layout "$ref" -k approval --boxes > "$TMP/a.boxes" 2>"$TMP/err"
check "the approval's dump shows 'Page 1 of' as an artifact" grep -q '"Page 1 of [0-9]*" \[Artifact\]' "$TMP/a.boxes"
n=$(grep -c '^page ' "$TMP/a.boxes"); f=$(grep -c '"Page [0-9]* of [0-9]*" \[Artifact\]' "$TMP/a.boxes")
if [[ $n -ge 1 && $n == "$f" ]]; then pass; else fail "every page has its footer in the dump ($f footers, $n pages)"; fi
# a watermark is placed over the page, turned
"$PHASEDOC" layout "$ref" -k offer -s document.watermark=DRAFT --boxes > "$TMP/w.boxes" 2>"$TMP/err"
check "the watermark is placed, turned, on every page" bash -c "test \$(grep -c '\"DRAFT\" turned' '$TMP/w.boxes') = \$(grep -c '^page ' '$TMP/w.boxes')"
# and drawn (poppler does not extract text set on the diagonal: compare the pixels)
"$PHASEDOC" render "$ref" -k offer -s document.watermark=DRAFT -f png -r 20 -o "$TMP/w.png" >/dev/null 2>&1
"$PHASEDOC" render "$ref" -k offer -f png -r 20 -o "$TMP/nw.png" >/dev/null 2>&1
check "the watermark is drawn" bash -c "test -s '$TMP/w-2.png' && ! cmp -s '$TMP/w-2.png' '$TMP/nw-2.png'"
# previews are drawn from the same placed boxes
expect_exit 0 "a PNG preview renders" "$PHASEDOC" render "$ref" -k approval -f png -r 20 -o "$TMP/p.png"
check "the PNG preview of page 1 exists" test -s "$TMP/p-1.png"
check "Pango only in src/text, Cairo only in src/render" scripts/check-layering

# plan.py N MONTHS OUT: the reference with N work packages over MONTHS months
cat > "$TMP/plan.py" <<'PY'
import sys, datetime, xml.etree.ElementTree as ET
ns = "urn:phasedoc:project:1"; ET.register_namespace("", ns); N = "{%s}" % ns
t = ET.parse(sys.argv[1]); r = t.getroot(); n, months = int(sys.argv[2]), int(sys.argv[3])
im = r.find(N + "implementation")
for e in list(im):
    if e.tag in (N + "workpackage", N + "milestone"): im.remove(e)
d0 = datetime.date(2026, 11, 9); days = months * 30 - 7
owners = [m.get("id") for m in r.iter(N + "member")]
for i in range(1, n + 1):
    st = d0 + datetime.timedelta(days=days * (i - 1) // max(n, 1)); en = st + datetime.timedelta(days=4)
    w = ET.SubElement(im, N + "workpackage", id="WP%d" % i, owner=owners[i % len(owners)],
                      start=st.isoformat(), end=en.isoformat(), effort=str(5 + i % 7))
    if i > 2: w.set("depends", "WP%d" % (i - 2))
    ET.SubElement(w, N + "title").text = "Work package %d: migrate wave %d of residential mailboxes and verify" % (i, i)
end = d0 + datetime.timedelta(days=days + 4)
im.set("start", d0.isoformat()); im.set("end", end.isoformat())
ET.SubElement(im, N + "milestone", id="M1", date="2026-11-27").text = "Cluster ready"
ET.SubElement(im, N + "milestone", id="M2", date=end.isoformat()).text = "All waves done"
t.write(sys.argv[4], encoding="UTF-8", xml_declaration=True)
PY
# body_clear DUMP: every page's flow ends above its footer (the lowest artifacts' top)
cat > "$TMP/clear.py" <<'PY'
import sys, re
bad, page, body, foot = [], 0, [], []
def done():
    if page and foot and body and max(body) > min(foot) - 0.5: bad.append(str(page))
for line in open(sys.argv[1]):
    if line.startswith("page "):
        done(); page += 1; body, foot = [], []; h = float(line.split()[3].split("x")[1]); continue
    f = line.split()
    if len(f) < 5: continue
    y, hh = float(f[2]), float(f[4])
    bottom = y + (0 if f[0] == "line" else hh)
    if "[Artifact]" in line:
        if y > h * 0.8: foot.append(y)
    else: body.append(bottom)
done(); print(" ".join(bad))
PY
for spec in "40 5" "5 3" "60 24"; do
    set -- $spec
    python3 "$TMP/plan.py" "$ref" "$1" "$2" "$TMP/plan.xml"
    if ! "$PHASEDOC" render "$TMP/plan.xml" -k implementation -o "$TMP/plan.pdf" >/dev/null 2>"$TMP/err"; then
        fail "$1 work packages over $2 months render: $(head -c 200 "$TMP/err")"; continue
    fi
    "$PHASEDOC" layout "$TMP/plan.xml" -k implementation --boxes > "$TMP/plan.boxes" 2>/dev/null
    over=$(python3 "$TMP/clear.py" "$TMP/plan.boxes")
    if [[ -z $over ]]; then pass; else fail "$1 WPs/$2 months: the flow reaches into the footer on pages $over"; fi
    check "$1 WPs/$2 months: the last milestone is labelled" has_text "$TMP/plan.pdf" "All waves done"
    pages=$(pdf_pages "$TMP/plan.pdf"); thin="" alone=""
    for ((p = 1; p <= pages; p++)); do
        w=$(pdftotext -f $p -l $p "$TMP/plan.pdf" - 2>/dev/null | wc -w)
        ((p < pages && w < 45)) && thin+=" $p"
        last=$(pdftotext -f $p -l $p -layout "$TMP/plan.pdf" - 2>/dev/null | grep -v '^\s*$' | sed -n '/Page [0-9]* of [0-9]*/q;p' | tail -1 | sed 's/^ *//;s/ *$//')
        [[ $last == Schedule ]] && alone+=" $p"
    done
    if [[ -z $thin ]]; then pass; else fail "$1 WPs/$2 months: nearly empty pages:$thin"; fi
    if [[ -z $alone ]]; then pass; else fail "$1 WPs/$2 months: 'Schedule' alone at the foot of page$alone"; fi
    # every page showing chart rows shows its axis too (a month name or a year)
    noaxis=$(awk '/^page /{if (rows && !axis) print n; n++; rows=0; axis=0; next}
                  /"WP[0-9]+ Work package/{rows=1}
                  /"(Nov|Dec|Jan|Feb|Mar|20[0-9][0-9])" \[Figure\]/{axis=1}
                  END{if (rows && !axis) print n}' n=1 "$TMP/plan.boxes" | tr '\n' ' ')
    if [[ -z $noaxis ]]; then pass; else fail "$1 WPs/$2 months: chart rows without an axis on pages $noaxis"; fi
done
finish
