#!/usr/bin/env bash
# Finished PDFs (one revision, PDF/A-2b metadata, OutputIntent, /ID), the form fields of the
# approval sheet and the offer, and `phasedoc sign` checked with poppler's pdfsig and NSS.
# The PDF/A-2b rules each check covers are named by their veraPDF ids (PDF_A/PDFA-2B.xml).
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
ref=samples/reference.xml
PY=/usr/bin/python3 # Debian's python3-pikepdf is installed for the system's Python
for k in approval offer concept implementation; do
    expect_exit 0 "render $k" "$PHASEDOC" render "$ref" -k $k -o "$TMP/$k.pdf"
done

# --- PDF/A-2b, rule by rule, on every kind
for k in approval offer concept implementation; do
    f=$TMP/$k.pdf
    check "$k: sound (qpdf --check, fonts embedded)" pdf_ok "$f"
    check "$k: one revision (one %%EOF, nothing but an end of line after it: 6.1.3-t03)" \
        "$PY" - "$f" <<'PY'
import sys
d = open(sys.argv[1], "rb").read()
assert d.count(b"%%EOF") == 1 and d.endswith(b"%%EOF\n"), d[-40:]
assert d.startswith(b"%PDF-1.") and all(c > 127 for c in d[10:14]), d[:16]  # 6.1.2
PY
    check "$k: XMP metadata parses and agrees with the document information (6.6.2.3, 6.6.4)" \
        "$PY" - "$f" <<'PY'
import sys, pikepdf, datetime
pdf = pikepdf.open(sys.argv[1])
assert pdf.Root.Metadata.Type == "/Metadata" and pdf.Root.Metadata.Subtype == "/XML"
assert "/Filter" not in pdf.Root.Metadata
info = pdf.docinfo
with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as m:
    assert m["pdfaid:part"] == "2" and m["pdfaid:conformance"] == "B", dict(m)
    assert m["dc:title"] == str(info.Title), (m["dc:title"], str(info.Title))
    assert m["dc:creator"] == [str(info.Author)]
    assert m["dc:description"] == str(info.Subject)
    assert m["pdf:Keywords"] == str(info.Keywords)
    assert m["pdf:Producer"] == str(info.Producer)
    assert m["xmp:CreatorTool"] == str(info.Creator) == "phasedoc 0.1.0", m["xmp:CreatorTool"]
    d = str(info.CreationDate)
    assert d.startswith("D:") and str(info.ModDate) == d, d
    iso = "%s-%s-%sT%s:%s:%sZ" % (d[2:6], d[6:8], d[8:10], d[10:12], d[12:14], d[14:16])
    assert m["xmp:CreateDate"] == iso and m["xmp:ModifyDate"] == iso, (m["xmp:CreateDate"], iso)
PY
    check "$k: an sRGB OutputIntent with icc-profiles-free's profile (6.2.3)" "$PY" - "$f" <<'PY'
import sys, pikepdf
pdf = pikepdf.open(sys.argv[1])
oi = pdf.Root.OutputIntents
assert len(oi) == 1 and oi[0].S == "/GTS_PDFA1" and oi[0].Type == "/OutputIntent"
p = oi[0].DestOutputProfile
assert p.N == 3 and p.read_bytes() == open("/usr/share/color/icc/sRGB.icc", "rb").read()
PY
    check "$k: a file identifier, two equal parts (6.1.3-t01)" "$PY" - "$f" <<'PY'
import sys, pikepdf
pdf = pikepdf.open(sys.argv[1])
t = pdf.trailer
assert len(t.ID) == 2 and bytes(t.ID[0]) == bytes(t.ID[1]) and len(bytes(t.ID[0])) == 16
PY
    check "$k: annotations printable and visible, widgets with only a normal appearance, no actions (6.3.2, 6.3.3, 6.4.1, 6.5)" \
        "$PY" - "$f" <<'PY'
import sys, pikepdf
pdf = pikepdf.open(sys.argv[1])
assert "/AA" not in pdf.Root and "/OpenAction" not in pdf.Root and "/Names" not in pdf.Root or "/JavaScript" not in pdf.Root.Names
for page in pdf.pages:
    assert page.obj.get("/Tabs") == "/S"  # PDF/UA 7.18.3
    assert "/AA" not in page.obj
    for a in page.obj.get("/Annots", []):
        f = int(a.get("/F", 0))
        assert f & 4 and not f & (1 | 2 | 32 | 256), (a.Subtype, f)
        assert "/A" not in a or a.Subtype == "/Link" and a.A.S in ("/GoTo", "/URI")
        if a.Subtype == "/Widget":
            assert "/AA" not in a and list(a.AP.keys()) == ["/N"], a.AP.keys()
            ft = a.FT if "/FT" in a else a.Parent.FT
            if ft == "/Btn":
                assert isinstance(a.AP.N, pikepdf.Dictionary) and "/Off" in a.AP.N
            else:
                assert isinstance(a.AP.N, pikepdf.Stream)
if "/AcroForm" in pdf.Root:
    assert not pdf.Root.AcroForm.get("/NeedAppearances", False) and "/XFA" not in pdf.Root.AcroForm
assert pdf.Root.ViewerPreferences.DisplayDocTitle == True
PY
done
check "the document language is in the catalogue (/Lang, folded into the one revision)" \
    bash -c "qpdf --show-object=trailer '$TMP/approval.pdf' >/dev/null && qpdf --json '$TMP/approval.pdf' | grep -q '\"/Lang\": \"u:en\"'"

check "one Document element is the structure's root; header cells have a column scope (PDF/UA 7.5)" \
    "$PY" - "$TMP/approval.pdf" <<'PY'
import sys, pikepdf
pdf = pikepdf.open(sys.argv[1])
root = pdf.Root.StructTreeRoot
kids = root.K if isinstance(root.K, pikepdf.Array) else [root.K]
assert len(kids) == 1 and kids[0].S == "/Document", [k.S for k in kids]
assert all(k.P.objgen == kids[0].objgen for k in kids[0].K)
ths, todo = [], list(kids[0].K)
while todo:
    e = todo.pop()
    if isinstance(e, pikepdf.Dictionary) and "/S" in e:
        if e.S == "/TH": ths.append(e)
        k = e.get("/K")
        todo.extend(k if isinstance(k, pikepdf.Array) else [k] if isinstance(k, pikepdf.Dictionary) else [])
assert ths and all(t.A.Scope == "/Column" for t in ths), len(ths)
PY
check "lists read as L > LI > Lbl (the marker), LBody (the content), in that order (PDF/UA 7.6)" \
    "$PY" - "$TMP/concept.pdf" <<'PY'
import sys, pikepdf
pdf = pikepdf.open(sys.argv[1])
items, todo = [], [pdf.Root.StructTreeRoot.K]
while todo:
    e = todo.pop()
    if isinstance(e, pikepdf.Array):
        todo.extend(e)
    elif isinstance(e, pikepdf.Dictionary) and "/S" in e:
        if e.S == "/LI":
            assert e.P.S == "/L", e.P.S
            items.append([str(k.S) for k in (e.K if isinstance(e.K, pikepdf.Array) else [e.K])])
        todo.append(e.get("/K"))
assert items and all(k == ["/Lbl", "/LBody"] for k in items), items[:5]
PY
check "pdfinfo reads the structure without a warning" bash -c "test -z \"\$(pdfinfo -struct '$TMP/approval.pdf' 2>&1 >/dev/null)\""

check "links say where they lead (/Contents: the heading or the address, PDF/UA 7.18.5)" \
    "$PY" - "$TMP/concept.pdf" <<'PY'
import sys, pikepdf
pdf = pikepdf.open(sys.argv[1])
links = [a for p in pdf.pages for a in p.obj.get("/Annots", []) if a.Subtype == "/Link"]
assert links and all(str(a.get("/Contents", "")) for a in links)
assert any(str(a.Contents) == "Document history" for a in links)
PY

# --- the form: fields where the lines are
check "approval: signature fields customer, provider, partner; a radio group showing the decision" \
    "$PY" - "$TMP/approval.pdf" <<'PY'
import sys, pikepdf
pdf = pikepdf.open(sys.argv[1])
form = pdf.Root.AcroForm
fields = {str(f.T): f for f in form.Fields}
for n in ("customer", "provider", "partner"):
    assert fields[n].FT == "/Sig" and "/V" not in fields[n], n
    assert str(fields[n].TU).startswith(n.capitalize()), fields[n].TU
d = fields["decision"]
assert d.FT == "/Btn" and int(d.Ff) & (1 << 15) and d.V == "/accepted-with-conditions"
states = sorted(str(k) for kid in d.Kids for k in kid.AP.N.keys() if k != "/Off")
assert states == ["/accepted", "/accepted-with-conditions", "/rejected"], states
assert [str(k.AS) for k in d.Kids].count("/accepted-with-conditions") == 1
assert int(form.SigFlags) == 1 and all("/TU" in f for f in form.Fields)
assert "partner-place" in fields and "partner-date" in fields and fields["partner-date"].FT == "/Tx"
PY
check "approval: each signature field sits on its drawn line, under its label" bash -c "
    pdftotext -f 2 -l 2 -bbox '$TMP/approval.pdf' - > '$TMP/bbox.html' &&
    '$PY' - '$TMP/approval.pdf' '$TMP/bbox.html' <<'PY'
import sys, re, pikepdf
pdf = pikepdf.open(sys.argv[1]); h = float(pdf.pages[1].MediaBox[3])
words = [(m.group(5), float(m.group(1)), float(m.group(2)), float(m.group(4))) for m in re.finditer(
    r'<word xMin=\"([\d.]+)\" yMin=\"([\d.]+)\" xMax=\"([\d.]+)\" yMax=\"([\d.]+)\">([^<]*)</word>', open(sys.argv[2]).read())]
sig = {str(f.T): [float(v) for v in f.Rect] for f in pdf.Root.AcroForm.Fields if f.FT == '/Sig'}
for name, first in (('customer', 'Jana'), ('provider', 'Markus'), ('partner', 'Tobias')):
    x0, y0, x1, y1 = sig[name]
    w = [x for x in words if x[0] == first][0]           # the signer's name, under the line
    assert abs(w[1] - x0) < 1 and 2 < w[2] - (h - y0) < 6, (name, w, h - y0)
    label = [x for x in words if x[0] == name.capitalize() and abs(x[1] - x0) < 1][0]
    assert abs((h - y1) - label[3]) < 3, (name, label, h - y1)  # the top under the label
PY"
check "offer: the Go / No-Go radio group and the customer's signature field" \
    "$PY" - "$TMP/offer.pdf" <<'PY'
import sys, pikepdf
pdf = pikepdf.open(sys.argv[1])
f = {str(x.T): x for x in pdf.Root.AcroForm.Fields}
assert f["customer"].FT == "/Sig" and f["go-no-go"].V == "/go" and len(f["go-no-go"].Kids) == 2
PY
check "the concept has no form" bash -c "! qpdf --json '$TMP/concept.pdf' | grep -q '\"/AcroForm\"'"
check "pdftoppm draws the decision's tick from the widget appearance" bash -c "
    pdftoppm -f 2 -l 2 -r 40 -gray '$TMP/approval.pdf' '$TMP/p' && test -s '$TMP/p-2.pgm'"

# --- --embed-source: the project file attached (PDF/A-3b, relationship Source)
expect_exit 0 "render --embed-source" "$PHASEDOC" render "$ref" -k approval --embed-source -o "$TMP/embedded.pdf"
check "--embed-source: the project file comes back out byte for byte" bash -c "
    pdfdetach -save 1 -o '$TMP/back.xml' '$TMP/embedded.pdf' && cmp '$TMP/back.xml' '$ref'"
check "--embed-source: an associated file with F, UF, a MIME type and a date; PDF/A-3 (6.8)" \
    "$PY" - "$TMP/embedded.pdf" <<'PY'
import sys, pikepdf
pdf = pikepdf.open(sys.argv[1])
fs = pdf.Root.AF[0]
assert fs.AFRelationship == "/Source" and str(fs.F) == str(fs.UF) == "reference.xml"
ef = fs.EF.F
assert ef.Subtype == "/application/xml" and str(ef.Params.ModDate).startswith("D:")
assert pdf.Root.Names.EmbeddedFiles.Names[1].objgen == fs.objgen
with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as m:
    assert m["pdfaid:part"] == "3" and m["pdfaid:conformance"] == "B"
PY
check "without --embed-source nothing is attached" bash -c "pdfdetach -list '$TMP/approval.pdf' | grep -q '^0 embedded files'"
expect_exit 2 "--embed-source refuses standard input" bash -c "'$PHASEDOC' render - -k approval --embed-source -o '$TMP/none.pdf' < '$ref'"

# --- signing: a test CA, two signers, pdfsig and an NSS database
(
    cd "$TMP" || exit 1
    openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=Test CA" -keyout ca.key \
        -out ca.pem -addext basicConstraints=critical,CA:TRUE \
        -addext keyUsage=critical,keyCertSign,cRLSign
    for who in cust prov; do
        openssl req -newkey rsa:2048 -nodes -subj "/CN=$who signer" -keyout $who.key -out $who.csr
        openssl x509 -req -in $who.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 30 \
            -out $who.pem -extfile <(printf 'keyUsage=critical,digitalSignature,nonRepudiation\n')
    done
    # an encrypted key, and a certificate that expired yesterday
    openssl genrsa -aes256 -passout pass:s3cret -out enc.key 2048
    openssl req -new -x509 -key enc.key -passin pass:s3cret -subj /CN=enc -days 5 -out enc.pem
    printf 's3cret\n' > good.pw; printf 'wrong\n' > bad.pw
    openssl req -new -key cust.key -subj "/CN=old signer" -out old.csr
    openssl x509 -req -in old.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out old.pem -days -1
    mkdir nss && certutil -N -d sql:nss --empty-password
    # signature validation is S/MIME use: the CA trusted for it
    certutil -A -d sql:nss -n testca -t "C,C,C" -i ca.pem
) >/dev/null 2>&1
a=$TMP/approval.pdf
expect_exit 0 "the customer signs" "$PHASEDOC" sign "$a" -o "$TMP/s1.pdf" --field customer \
    --key "$TMP/cust.key" --cert "$TMP/cust.pem" --reason "Accepted with conditions" --location Hamburg
expect_exit 0 "then the provider" "$PHASEDOC" sign "$TMP/s1.pdf" -o "$TMP/s2.pdf" --field provider \
    --key "$TMP/prov.key" --cert "$TMP/prov.pem"
pdfsig -nssdir "sql:$TMP/nss" "$TMP/s2.pdf" > "$TMP/sig.txt" 2>&1
check "pdfsig: both signatures valid" test "$(grep -c 'Signature is Valid' "$TMP/sig.txt")" = 2
check "pdfsig: PAdES (ETSI.CAdES.detached) with SHA-256" bash -c "grep -c 'ETSI.CAdES.detached' '$TMP/sig.txt' | grep -q 2 && grep -q 'SHA-256' '$TMP/sig.txt'"
check "pdfsig: the last covers the whole file, the first does not" bash -c "grep -q 'Total document signed' '$TMP/sig.txt' && grep -q 'Not total document signed' '$TMP/sig.txt'"
check "pdfsig: the certificates are trusted once the CA is in the NSS database" \
    test "$(grep -c 'Certificate is Trusted' "$TMP/sig.txt")" = 2
check "the signed file is sound and has three revisions" bash -c "qpdf --check '$TMP/s2.pdf' && test \$(grep -ac '%%EOF' '$TMP/s2.pdf') = 3"
check "the first revision is the rendered file, unchanged" cmp -n "$(stat -c %s "$a")" "$a" "$TMP/s2.pdf"
check "the signed form says signatures exist and are appended (SigFlags 3)" "$PY" - "$TMP/s2.pdf" <<'PY'
import sys, pikepdf
pdf = pikepdf.open(sys.argv[1])
f = {str(x.T): x for x in pdf.Root.AcroForm.Fields}
assert int(pdf.Root.AcroForm.SigFlags) == 3
v = f["customer"].V
assert v.Type == "/Sig" and v.SubFilter == "/ETSI.CAdES.detached" and str(v.M).startswith("D:")
assert str(v.Reason) == "Accepted with conditions" and str(v.Location) == "Hamburg"
PY
expect_exit 0 "sign --list" "$PHASEDOC" sign --list "$TMP/s2.pdf"
check "sign --list names each field and whether it is signed" bash -c "printf 'customer\tsigned\nprovider\tsigned\npartner\tunsigned\n' | cmp -s - '$TMP/out'"
check "the private key is not in the signed file" bash -c "! grep -aq 'PRIVATE KEY' '$TMP/s2.pdf' && ! grep -aqF \"\$(sed -n 2p '$TMP/cust.key')\" '$TMP/s2.pdf'"
"$PY" - "$TMP/s2.pdf" "$TMP/t.pdf" <<'PY'
import sys
d = bytearray(open(sys.argv[1], "rb").read()); i = d.find(b"/Keywords")
d[i + 12] ^= 1; open(sys.argv[2], "wb").write(bytes(d))
PY
check "a byte changed after signing: no signature verifies" bash -c "! pdfsig -nocert '$TMP/t.pdf' 2>/dev/null | grep -q 'Signature is Valid'"

# --- refusals: each an error, nothing written
refuse() {
    local code=$1 what=$2; shift 2
    rm -f "$TMP/x.pdf"
    expect_exit "$code" "$what" "$PHASEDOC" sign "$@" -o "$TMP/x.pdf"
    check "$what: nothing written" test ! -e "$TMP/x.pdf"
    check "$what: the message says why" test -s "$TMP/err"
}
refuse 1 "a key that does not match the certificate" "$a" --field customer --key "$TMP/prov.key" --cert "$TMP/cust.pem"
refuse 2 "an unknown field" "$a" --field nosuchfield --key "$TMP/cust.key" --cert "$TMP/cust.pem"
check "an unknown field: the message lists the fields" grep -q 'customer, provider, partner' "$TMP/err"
refuse 1 "a field already signed" "$TMP/s2.pdf" --field customer --key "$TMP/cust.key" --cert "$TMP/cust.pem"
refuse 1 "a wrong password" "$a" --field customer --key "$TMP/enc.key" --cert "$TMP/enc.pem" --password-file "$TMP/bad.pw"
refuse 1 "an encrypted key without a password" "$a" --field customer --key "$TMP/enc.key" --cert "$TMP/enc.pem"
refuse 1 "an expired certificate" "$a" --field customer --key "$TMP/cust.key" --cert "$TMP/old.pem"
check "an expired certificate: said so" grep -q 'expired' "$TMP/err"
refuse 2 "no key" "$a" --field customer --cert "$TMP/cust.pem"
refuse 1 "not a PDF" "$ref" --field customer --key "$TMP/cust.key" --cert "$TMP/cust.pem"
expect_exit 0 "an encrypted key with its password" "$PHASEDOC" sign "$a" -o "$TMP/e.pdf" \
    --field customer --key "$TMP/enc.key" --cert "$TMP/enc.pem" --password-file "$TMP/good.pw"

# --- a certifying signature, then an approval signature
expect_exit 0 "a certifying signature" "$PHASEDOC" sign "$a" -o "$TMP/c1.pdf" --field provider \
    --key "$TMP/prov.key" --cert "$TMP/prov.pem" --certify
expect_exit 0 "then the customer signs the certified sheet" "$PHASEDOC" sign "$TMP/c1.pdf" \
    -o "$TMP/c2.pdf" --field customer --key "$TMP/cust.key" --cert "$TMP/cust.pem"
check "certified: DocMDP P 2 and both signatures valid" bash -c "
    qpdf --json '$TMP/c2.pdf' | grep -q '\"/TransformMethod\": \"/DocMDP\"' &&
    test \$(pdfsig -nocert '$TMP/c2.pdf' 2>/dev/null | grep -c 'Signature is Valid') = 2"
refuse 1 "a certification after a signature" "$TMP/s1.pdf" --field provider --key "$TMP/prov.key" --cert "$TMP/prov.pem" --certify

# --- the fields work with other software: poppler signs one of them
(
    cd "$TMP" || exit 1
    openssl pkcs12 -export -inkey cust.key -in cust.pem -name cust -passout pass: -out cust.p12
    pk12util -i cust.p12 -d sql:nss -W ''
    pdfsig -nssdir sql:nss -sign partner -nick cust approval.pdf poppler.pdf
) >/dev/null 2>&1
check "a field signed by pdfsig -sign verifies" bash -c "pdfsig -nocert '$TMP/poppler.pdf' 2>/dev/null | grep -A12 'Field Name: partner' | grep -q 'Signature is Valid'"
finish
