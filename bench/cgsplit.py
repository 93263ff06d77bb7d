#!/usr/bin/env python3
"""cgsplit.py — where a phasedoc run's instructions go, from a callgrind output file, in the
groups of issue 6 (inclusive Ir of marker functions; 'our code' is the self cost of the
functions in src/). Used for the profile in bench/results.md; see bench/profile.sh.
  bench/cgsplit.py callgrind.out.PID [DOCS]"""
import re
import subprocess
import sys


def split(f):
    """(total, [(group, instructions)]) of one callgrind output file: the groups of issue 6,
    each the inclusive cost of a marker function, plus our own code, other threads and start."""
    def annotate(*opts):
        out = subprocess.run(["callgrind_annotate", *opts, f], capture_output=True, text=True).stdout
        rows = []
        for line in out.splitlines():
            m = re.match(r"^\s*([\d,]+) \([ \d.]+%\)\s+(\S.*?)(?: \[(.*)\])?$", line)
            if m:
                rows.append((int(m.group(1).replace(",", "")), m.group(2), m.group(3) or ""))
        return rows

    incl = annotate("--inclusive=yes", "--threshold=100")
    self_ = annotate("--inclusive=no", "--threshold=100", "--auto=no")
    total = next((n for n, name, _ in incl if name == "PROGRAM TOTALS"), None)

    def I(pattern):
        """Largest inclusive cost of a function matching pattern (not a recursion level)."""
        best = 0
        for n, name, lib in incl:
            if "'" in name:
                continue
            if re.search(pattern, name):
                best = max(best, n)
        return best

    groups = [
        ("fontconfig and font loading", I(r":FcInit$") + I(r":pd_fonts_context$")),
        ("hyphenation dictionaries", I(r":hnj_hyphen_load$")),
        ("XML parse of the project", I(r":pd_xml_load$")),
        ("RELAX NG compile (xmlRelaxNGParse)", I(r":xmlRelaxNGParse$")),
        ("RELAX NG validate", I(r":xmlRelaxNGValidateDoc$")),
        ("brand cascade", I(r":pd_brand_resolve$")),
        ("stylesheet compile (xsltParseStylesheetDoc)", I(r":xsltParseStylesheetDoc$")),
        ("XSLT transform (xsltApplyStylesheetUser)", I(r":xsltApplyStylesheetUser$")),
        ("Pango shaping (pango_shape_item → HarfBuzz)", I(r":pango_shape_item$")),
        ("Pango line breaking and layout (pango_layout_get_line_count, shaping excluded)",
         max(I(r":pango_layout_get_line_count$") - I(r":pango_shape_item$"), 0)),
        ("Pango extents (pango_layout_get_extents: glyph metrics, FreeType)",
         I(r":pango_layout_get_extents$")),
        ("cairo: page content (cairo_show_page, zlib excluded)", 0),
        ("cairo: finish — font subsets, objects (cairo_surface_finish, zlib excluded)", 0),
        ("zlib deflate (logo, smask, content streams, fonts)", I(r":deflate$")),
        ("PNG decode of the logo", I(r":png_read_image$")),
        ("our PDF post-processing (pd_pdf_patch)", I(r":pd_pdf_patch$")),
        ("context teardown (pd_ctx_free)", I(r":pd_ctx_free$")),
    ]
    ours = sum(n for n, name, lib in self_ if re.match(r"^(\S*/)?src/(paginate|layout|text|render|pipeline|batch|brand|core|input|xslt|tool)/", name))
    # deflate is called from both cairo_show_page and cairo_surface_finish: split it by the two
    show, fin, dfl = I(r":cairo_show_page$"), I(r":cairo_surface_finish$"), I(r":deflate$")
    share = show / (show + fin) if show + fin else 0
    groups[11] = (groups[11][0], int(max(show - dfl * share, 0)))
    groups[12] = (groups[12][0], int(max(fin - dfl * (1 - share), 0)))
    groups.append(("our own code (self cost of src/: layout, tables, styles, drawing calls)", ours))
    main = I(r":main$")
    threads = I(r"pthread_create.c:start_thread$")
    fcinit = I(r":FcInit$")
    groups.append(("other threads (Pango's font threads less FcInit, cairo's)", max(threads - fcinit, 0)))
    groups.append(("process start, dynamic linking, exit (outside main and threads)",
                   max(total - main - threads, 0) if total else 0))
    rest = max(total - sum(n for _, n in groups), 0) if total else 0
    groups.append(("rest (malloc/free, libxml2 tree walking, glib, other)", rest))
    return total, groups


def main():
    f = sys.argv[1]
    docs = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    total, groups = split(f)
    print("total %s Ir%s" % (format(total, ","), " (%s per document)" % format(total // docs, ",") if docs > 1 else ""))
    for name, n in groups:
        print("%6.1f%%  %14s  %s" % (100.0 * n / total, format(n, ","), name))


if __name__ == "__main__":
    main()
