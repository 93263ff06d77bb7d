#!/usr/bin/env bash
# Tagged structure toward PDF/UA (issue 12, item 4): page furniture (running header and
# footer, page background, watermark) is /Artifact marked content and nothing of it is in the
# structure tree (ISO 14289-1 7.1, 7.8; PDF 1.7 14.8.2.2), MCIDs of the content and of the
# tree agree, and every form widget is in the tree as a Form element (PDF/UA 7.18.4).
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
ref=samples/reference.xml
PY=/usr/bin/python3 # Debian's python3-pikepdf is installed for the system's Python
sed 's|<set key="document.watermark" value=""/>|<set key="document.watermark" value="DRAFT"/>|' \
    "$ref" >"$TMP/draft.xml"
cat >"$TMP/background.layout.xml" <<'XML'
<document xmlns="urn:phasedoc:layout:1" lang="en" date="2026-11-20"><page-master name="m" width="105mm" height="148mm" margin-top="30pt" margin-bottom="30pt" margin-left="30pt" margin-right="30pt" background="#f4f0e8"><header font-size="7pt"><p>Running header</p></header><footer font-size="7pt"><p align="right">Page <page-number/> of <page-count/></p></footer></page-master><flow master="m" font-size="9pt"><h level="1">Body heading</h><p>Body text on a coloured page.</p></flow></document>
XML
for k in approval offer concept; do
    expect_exit 0 "render $k" "$PHASEDOC" render "$ref" -k $k -o "$TMP/$k.pdf"
done
expect_exit 0 "render a draft (watermark)" "$PHASEDOC" render "$TMP/draft.xml" -k concept \
    -o "$TMP/draft.pdf"
expect_exit 0 "render a page with a background" "$PHASEDOC" render \
    "$TMP/background.layout.xml" -o "$TMP/background.pdf"

# Per page, the artifact kinds and MCIDs of the content stream (BDC/BMC/EMC nesting tracked),
# and the page's text as pdftotext reads it from only the artifacts and from only the rest
# (each written to a PDF of its own, so that the fonts' encodings are poppler's business).
cat >"$TMP/marked.py" <<'PY'
import subprocess, pikepdf

def split(path):
    pdf = pikepdf.open(path)
    only = {True: pikepdf.open(path), False: pikepdf.open(path)}
    result = []
    for n, page in enumerate(pdf.pages):
        stack, kinds, mcids = [], [], []
        keep = {True: [], False: []}
        raw = {True: [], False: []}  # the bytes of the strings shown
        for operands, op in pikepdf.parse_content_stream(page):
            name = str(op)
            if name in ("BDC", "BMC"):
                tag = str(operands[0])
                props = operands[1] if name == "BDC" else None
                if tag == "/Artifact":
                    kinds.append((str(props.get("/Type")), str(props.get("/Subtype", "")))
                                 if isinstance(props, pikepdf.Dictionary) else ("", ""))
                if isinstance(props, pikepdf.Dictionary) and "/MCID" in props:
                    mcids.append(int(props.MCID))
                stack.append(tag)
            elif name == "EMC":
                stack.pop()
            inside = "/Artifact" in stack
            if name in ("Tj", "TJ", "'", '"', "Do", "f", "f*", "S", "B", "b", "sh"):
                keep[inside].append((operands, op))  # drawing: to one side only
                for o in operands:
                    for x in (o if isinstance(o, pikepdf.Array) else [o]):
                        if isinstance(x, pikepdf.String):
                            raw[inside].append(bytes(x))
            else:
                keep[True].append((operands, op)), keep[False].append((operands, op))
        assert not stack, stack
        for side in (True, False):
            p = only[side].pages[n]
            p.Contents = only[side].make_stream(pikepdf.unparse_content_stream(
                [pikepdf.ContentStreamInstruction(o, op) for o, op in keep[side]]))
        result.append((page, kinds, mcids, b"".join(raw[True]), b"".join(raw[False])))
    text = {}
    for side in (True, False):
        out = f"{path}.{'art' if side else 'body'}.pdf"
        only[side].save(out)
        pages = subprocess.run(["pdftotext", out, "-"], capture_output=True, text=True,
                               check=True).stdout.split("\f")
        text[side] = [" ".join(t.split()) for t in pages]
    return pdf, [(page, kinds, mcids, text[True][i], text[False][i], r)
                 for i, (page, kinds, mcids, *r) in enumerate(result)]
PY

check "approval, offer, concept: a footer artifact (Pagination) on every page, a header one on every page but a cover; the footer's words (\"Page N of\") only inside the artifacts, the body's only outside" \
    "$PY" - "$TMP" <<'PY'
import sys; sys.path.insert(0, sys.argv[1]); from marked import split
for k in ("approval", "offer", "concept"):
    pdf, pages = split(f"{sys.argv[1]}/{k}.pdf")
    assert len(pages) >= 2, (k, len(pages))
    for n, (page, kinds, mcids, art, body, raw) in enumerate(pages, 1):
        assert ("/Pagination", "/Footer") in kinds, (k, n, kinds)
        assert n == 1 or ("/Pagination", "/Header") in kinds, (k, n, kinds)
        assert f"Page {n} of {len(pages)}" in art, (k, n, art[-120:])
        assert "Page " not in body and len(body) > 50, (k, n, body[-120:])
PY
check "the watermark is a Pagination/Watermark artifact, not body text" "$PY" - "$TMP" <<'PY'
import sys; sys.path.insert(0, sys.argv[1]); from marked import split
pdf, pages = split(f"{sys.argv[1]}/draft.pdf")
for page, kinds, mcids, art, body, raw in pages:
    assert ("/Pagination", "/Watermark") in kinds, kinds
    # (pdftotext leaves diagonal text out: the shown strings, in a simple font, instead)
    assert b"DRAFT" in raw[0] and b"DRAFT" not in raw[1], raw[0][-60:]
PY
check "a page background is a Background artifact, under the header" "$PY" - "$TMP" <<'PY'
import sys; sys.path.insert(0, sys.argv[1]); from marked import split
pdf, pages = split(f"{sys.argv[1]}/background.pdf")
for page, kinds, mcids, art, body, raw in pages:
    assert kinds[0] == ("/Background", "") and ("/Pagination", "/Header") in kinds, kinds
    assert "Running header" in art and "Body heading" in body and "Body" not in art, (art, body)
PY

# The structure tree: no artifact in it, MCIDs agree with the content both ways.
for k in approval offer concept draft background; do
    check "$k: no artifact or furniture marker in the structure tree; every MCID of the tree in its page's content and every MCID of the content in the tree, numbered without gaps, each mapped by the parent tree to its element" \
        "$PY" - "$TMP" "$k" <<'PY'
import sys, pikepdf; sys.path.insert(0, sys.argv[1]); from marked import split
pdf, pages = split(f"{sys.argv[1]}/{sys.argv[2]}.pdf")
content = {}
for page, kinds, mcids, art, body, raw in pages:
    assert len(mcids) == len(set(mcids))
    content[page.obj.objgen] = set(mcids)
assert pdf.Root.MarkInfo.Marked == True  # a tagged PDF (PDF/UA 7.1)
root = pdf.Root.StructTreeRoot
assert len(root.K) == 1 and root.K[0].S == "/Document", root.K
tree = {g: set() for g in content}
def walk(e, pg):
    assert str(e.S) not in ("/Artifact", "/RB", "/RT", "/RP", "/WP"), e.S
    pg = e.get("/Pg", pg)
    k = e.get("/K")
    kids = k if isinstance(k, pikepdf.Array) else [k] if k is not None else []
    for c in kids:
        if isinstance(c, int):
            tree[pg.objgen].add(int(c))
        elif isinstance(c, pikepdf.Dictionary) and c.get("/Type") == "/MCR":
            tree[c.get("/Pg", pg).objgen].add(int(c.MCID))
        elif isinstance(c, pikepdf.Dictionary) and c.get("/Type") == "/OBJR":
            pass
        else:
            walk(c, pg)
walk(root.K[0], None)
assert tree == content, [(g, sorted(tree[g] ^ content[g])) for g in content if tree[g] != content[g]]
# the parent tree says the same: each page's array names, for each MCID, its element
nums = root.ParentTree.Nums
parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
def mcids_of(e, pg):
    k = e.K
    for c in (k if isinstance(k, pikepdf.Array) else [k]):
        if isinstance(c, int) and e.Pg.objgen == pg:
            yield int(c)
        elif isinstance(c, pikepdf.Dictionary) and c.get("/Type") == "/MCR" and c.Pg.objgen == pg:
            yield int(c.MCID)
for page in pdf.pages:
    g = page.obj.objgen
    arr = parents[int(page.StructParents)]
    # numbered 0, 1, 2, ... with no gap where the furniture was, each held by its element
    assert content[g] == set(range(len(arr))), (sorted(content[g]), len(arr))
    for i, e in enumerate(arr):
        assert i in set(mcids_of(e, g)), (i, e)
PY
done

for k in approval offer; do
    check "$k: every widget has a /StructParent that the parent tree maps to a Form element whose /K is an OBJR to it, under the Document; ParentTreeNextKey past every key" \
        "$PY" - "$TMP/$k.pdf" <<'PY'
import sys, pikepdf
pdf = pikepdf.open(sys.argv[1])
root = pdf.Root.StructTreeRoot
doc = root.K[0]
nums = root.ParentTree.Nums
parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
assert int(root.ParentTreeNextKey) > max(parents), (root.ParentTreeNextKey, max(parents))
widgets = [a for p in pdf.pages for a in p.get("/Annots", []) if a.Subtype == "/Widget"]
assert len(widgets) >= 2, len(widgets)
doc_kids = [k.objgen for k in doc.K]
for w in widgets:
    e = parents[int(w.StructParent)]
    assert e.S == "/Form" and e.K.Type == "/OBJR" and e.K.Obj.objgen == w.objgen, e
    assert e.K.Pg.objgen == w.P.objgen and e.P.objgen == doc.objgen and e.objgen in doc_kids
PY
done

for k in approval offer concept draft background; do
    check "$k: sound (qpdf --check, fonts embedded)" pdf_ok "$TMP/$k.pdf"
done
check "the body's text is still there, and the footer's" has_text "$TMP/approval.pdf" \
    "Approval sign-off sheet"
check "pdftotext gives the footer's page numbers" bash -c \
    "pdftotext '$TMP/offer.pdf' - | grep -q 'Page 1 of'"
finish
