"""weasy-batch.py — WeasyPrint's Python API in one process for a batch (make bench): every HTML
file of LIST rendered to OUTDIR/NAME.pdf.   /usr/bin/python3 weasy-batch.py LIST OUTDIR"""
import os
import sys

import weasyprint

failed = 0
for line in open(sys.argv[1]):
    f = line.strip()
    if not f:
        continue
    out = os.path.join(sys.argv[2], os.path.basename(f)[:-5] + ".pdf")
    try:
        weasyprint.HTML(filename=f).write_pdf(out)
    except Exception as e:  # one bad document fails alone
        print("%s: %s" % (f, e), file=sys.stderr)
        failed += 1
sys.exit(1 if failed else 0)
