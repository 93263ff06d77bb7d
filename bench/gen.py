#!/usr/bin/env python3
"""gen.py — inputs for `make bench` (python3 standard library only).

  gen.py projects OUTDIR N [--seed S]
      N distinct project descriptions made from samples/reference.xml: distinct ids, customer
      names, titles, and 3..12 acceptance criteria.
  gen.py long OUT.xml CRITERIA
      one approval project with CRITERIA acceptance criteria (a long document for (d)).
  gen.py compete LAYOUT.xml OUTBASE [--fonts DIR]
      from phasedoc's layout XML (what the stylesheet made of a project: the same text, styles,
      page masters), the equivalent inputs for the competitors: OUTBASE.fo (XSL-FO, Apache
      FOP), OUTBASE.html (HTML+CSS, WeasyPrint), OUTBASE.typ (Typst). Same A4 page, margins,
      fonts (Inter and DejaVu Sans Mono from fonts/), header with the logo, footer with
      "Page X of Y" and the legal line, tables with repeated header rows, rows kept whole.
  gen.py floor LAYOUT.xml BOXES.txt OUT.txt
      the floor program's input: every text line that phasedoc placed (from
      `phasedoc layout --boxes`) with its position and the font it is set in (looked up in the
      layout XML), the fills and rules, and the header and footer lines and logo of each page.
  gen.py fop-config OUT.xconf FONTDIR
      FOP's configuration: the bundled fonts, embedded as subsets.
  gen.py letters OUT.xml N
      a mail merge of N distinct records for samples/letters/letter.xsl (the sample's text,
      generated names and addresses): one letter, one part of the flow, per record, for
      `render -j`.

Competitor inputs come from the layout XML rather than from templates of their own: each tool
gets the finished text and styles, so the comparison leaves out the templating work that
phasedoc does (the XSLT stage) — it favours the competitors, never phasedoc.
"""
import copy
import os
import random
import re
import sys
import xml.etree.ElementTree as ET

PNS = "urn:phasedoc:project:1"
LNS = "urn:phasedoc:layout:1"
INTER_EM = 1.2109375  # Inter: (ascender + descender) / em, Pango's natural line height
MONO_EM = 1.1640625   # DejaVu Sans Mono

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


# ---------------------------------------------------------------- project descriptions

FIRST = ["Nord", "Süd", "West", "Ost", "Berg", "Tal", "See", "Fluss", "Stern", "Wald", "Feld",
         "Stadt", "Hafen", "Brücken", "Licht", "Wind", "Stein", "Eichen", "Linden", "Adler"]
SECOND = ["licht", "netz", "com", "tel", "werk", "link", "funk", "data", "wave", "stream",
          "line", "mail", "cloud", "port", "kom", "fon", "net", "host", "media", "sat"]
LEGAL = ["GmbH", "AG", "SE", "KG", "GmbH & Co. KG", "Ltd", "S.A.", "B.V."]
CRIT = [
    "Users log in with their existing mail credentials.",
    "A new mailbox created in the CRM can log in within {n} minutes.",
    "Shared Exchange calendars are visible.",
    "Outlook installer carries the {c} logo.",
    "{n},000 concurrent sessions with a median response below 300 ms.",
    "Nightly backup restores a mailbox within {n}0 minutes.",
    "Mobile clients synchronise contacts and calendars over CardDAV and CalDAV.",
    "The web client loads in under {n} seconds on a 10 Mbit/s line.",
    "Provisioning through Plesk creates a business mailbox in one step.",
    "Failover of one application node goes unnoticed apart from a reload.",
    "Quota warnings reach the user at 80 and 95 percent.",
    "Audit log records every administrative change with user and time.",
]
STATUSES = ["passed", "passed", "passed", "failed", "waived", "open"]


def customer_name(i):
    r = random.Random(i * 7919 + 13)
    return "%s%s %s %d" % (r.choice(FIRST), r.choice(SECOND), r.choice(LEGAL), i)


def q(tag):
    return "{%s}%s" % (PNS, tag)


def make_project(tree, idx, ncrit, long_doc=False):
    """A copy of the reference project with its own id, customer and criteria."""
    root = copy.deepcopy(tree.getroot())
    cust = customer_name(idx)
    short = cust.split(" ")[0]
    root.set("id", "BEN-%05d" % idx)
    root.find(q("title")).text = "Webmail replacement for %s" % short
    root.find(q("customer")).find(q("name")).text = cust
    appr = root.find(q("approval"))
    old = appr.findall(q("criterion"))
    pos = list(appr).index(old[0])
    for c in old:
        appr.remove(c)
    r = random.Random(idx)
    for k in range(ncrit):
        st = STATUSES[(k + idx) % len(STATUSES)]
        crit = ET.Element(q("criterion"), {"id": "AC-%02d" % (k + 1) if ncrit < 100 else
                                           "AC-%05d" % (k + 1), "status": st})
        text = CRIT[(k + idx) % len(CRIT)].format(n=r.randint(2, 9), c=short)
        ET.SubElement(crit, q("text")).text = text
        if st in ("failed", "waived") and not long_doc:
            ET.SubElement(crit, q("note")).text = ("Retest after the next update."
                                                   if st == "failed" else
                                                   "Waived by the customer at launch.")
        appr.insert(pos + k, crit)
    # the decision refers to AC-03: keep it valid with few criteria
    return ET.ElementTree(root)


def load_reference():
    ET.register_namespace("", PNS)
    return ET.parse(os.path.join(ROOT, "samples", "reference.xml"))


def cmd_projects(outdir, n, seed=0):
    tree = load_reference()
    os.makedirs(outdir, exist_ok=True)
    for i in range(1, n + 1):
        ncrit = 3 + (i * 5 + seed) % 10
        make_project(tree, i, ncrit).write(os.path.join(outdir, "p%05d.xml" % i),
                                           encoding="UTF-8", xml_declaration=True)


def cmd_long(out, ncrit):
    tree = load_reference()
    make_project(tree, 0, ncrit, long_doc=True).write(out, encoding="UTF-8",
                                                      xml_declaration=True)


def cmd_letters(out, n):
    src = ET.parse(os.path.join(ROOT, "samples", "letters", "records.xml")).getroot()
    ns = "urn:phasedoc:example:letters"
    ET.register_namespace("", ns)
    for rec in src.findall("{%s}record" % ns):
        src.remove(rec)
    given = ["Jana", "Lars", "Tobias", "Mira", "Jonas", "Elif", "Paul", "Greta", "Noah", "Ida"]
    family = ["Petersen", "Wiegand", "Hansen", "Becker", "Yilmaz", "Krüger", "Vogt", "Lorenz"]
    streets = ["Hafenstraße", "Am Sandtorkai", "Lindenallee", "Bergweg", "Feldstraße"]
    for i in range(n):
        r = random.Random(i * 104729 + 7)
        g, f = r.choice(given), r.choice(family)
        rec = ET.SubElement(src, "{%s}record" % ns)
        for tag, text in (("name", "%s %s" % (g, f)), ("company", customer_name(i + 1)),
                          ("street", "%s %d" % (r.choice(streets), r.randint(1, 180))),
                          ("city", "%05d Hamburg" % r.randint(20000, 22999)),
                          ("salutation", "Dear %s %s," % (r.choice(["Ms", "Mr"]), f))):
            ET.SubElement(rec, "{%s}%s" % (ns, tag)).text = text
    ET.ElementTree(src).write(out, encoding="UTF-8", xml_declaration=True)


# ---------------------------------------------------------------- layout XML model

def L(tag):
    return "{%s}%s" % (LNS, tag)


def local(el):
    return el.tag.split("}", 1)[1] if "}" in el.tag else el.tag


UNITS = {"pt": 1.0, "mm": 72 / 25.4, "cm": 72 / 2.54, "in": 72.0, "px": 0.75}


def length(v, default=0.0):
    if v is None or v == "":
        return default
    m = re.match(r"^\s*(-?[0-9.]+)\s*([a-z]*)\s*$", v)
    if not m:
        return default
    return float(m.group(1)) * UNITS.get(m.group(2) or "pt", 1.0)


PAGE_SIZES = {"A4": (595.28, 841.89), "A5": (419.53, 595.28), "Letter": (612, 792),
              "Legal": (612, 1008)}

INHERITED = ("family", "size", "weight", "italic", "color", "lh", "ls", "upper", "align",
             "tnum", "hyph", "lang")
BOXPROPS = dict(sb=0.0, sa=0.0, bg=None, pad=0.0, border=0.0, bcolor=None, keep=False)


def base_style():
    s = dict(family="Inter", size=10.0, weight=400, italic=False, color="#000000", lh=1.0,
             ls=0.0, upper=False, align="left", tnum=False, hyph=False, lang="en")
    s.update(BOXPROPS)
    return s


def weight_of(v):
    return {"bold": 700, "normal": 400}.get(v, int(v) if v and v.isdigit() else 400)


def apply_attrs(s, a):
    for k, v in a.items():
        if k == "font-family":
            s["family"] = v
        elif k == "font-size":
            s["size"] = length(v)
        elif k == "font-weight":
            s["weight"] = weight_of(v)
        elif k == "font-style":
            s["italic"] = v == "italic"
        elif k == "color":
            s["color"] = v
        elif k == "line-height":
            s["lh"] = float(v)
        elif k == "letter-spacing":
            s["ls"] = length(v)
        elif k == "text-transform":
            s["upper"] = v == "uppercase"
        elif k == "align":
            s["align"] = v
        elif k == "font-features":
            s["tnum"] = "tnum" in v
        elif k == "hyphenate":
            s["hyph"] = v == "true"
        elif k == "lang":
            s["lang"] = v
        elif k == "space-before":
            s["sb"] = length(v)
        elif k == "space-after":
            s["sa"] = length(v)
        elif k == "background":
            s["bg"] = v
        elif k == "padding":
            s["pad"] = length(v)
        elif k == "border":
            s["border"] = length(v)
        elif k == "border-color":
            s["bcolor"] = v
        elif k == "keep-with-next":
            s["keep"] = v == "true"


class Styles:
    def __init__(self, doc):
        self.named = {}
        for st in doc.findall(L("style")):
            self.named.setdefault(st.get("name"), st.attrib)  # the first one wins

    def resolve(self, el, parent):
        """pd_style_resolve: inherit text props, reset box props, implicit, named, own."""
        s = dict(parent)
        s.update(BOXPROPS)
        name = local(el)
        if name == "b":
            s["weight"] = 700
        elif name == "i":
            s["italic"] = True
        elif name == "code":
            s["family"] = "DejaVu Sans Mono"
            s["hyph"] = False
        elif name == "h":
            s["keep"] = True
        implicit = "h" + el.get("level", "1") if name == "h" else name
        if implicit in self.named:
            apply_attrs(s, {k: v for k, v in self.named[implicit].items() if k != "name"})
        if el.get("style") in self.named:
            apply_attrs(s, {k: v for k, v in self.named[el.get("style")].items() if k != "name"})
        apply_attrs(s, {k: v for k, v in el.attrib.items() if k != "style"})
        return s


INLINE = ("b", "i", "span", "code", "a", "br", "page-number", "page-count", "page-ref", "tab")
BLOCKS = ("h", "p", "box", "list", "table", "spacer", "rule", "image", "checkbox", "signature",
          "phases", "barchart", "page-break", "toc", "gantt", "footnote")


def has_blocks(el):
    return any(local(c) in BLOCKS for c in el)


def runs_of(el, s, styles, out=None):
    """Inline content as a list of (kind, text, style): kind text, br, pn, pc."""
    if out is None:
        out = []

    def text(t, st):
        if t:
            t = re.sub(r"\s+", " ", t)
            out.append(("text", t.upper() if st["upper"] else t, st))

    text(el.text, s)
    for c in el:
        n = local(c)
        if n == "br":
            out.append(("br", "", s))
        elif n == "page-number":
            out.append(("pn", "", s))
        elif n == "page-count":
            out.append(("pc", "", s))
        elif n in BLOCKS:
            pass
        else:
            runs_of(c, styles.resolve(c, s), styles, out)
        text(c.tail, s)
    # trim the paragraph's outer white space
    while out and out[0][0] == "text" and not out[0][1].strip():
        out.pop(0)
    if out and out[0][0] == "text":
        out[0] = ("text", out[0][1].lstrip(), out[0][2])
    while out and out[-1][0] == "text" and not out[-1][1].strip():
        out.pop()
    if out and out[-1][0] == "text":
        out[-1] = ("text", out[-1][1].rstrip(), out[-1][2])
    return out


def para(el, s, styles):
    return {"t": "p", "s": s, "runs": runs_of(el, s, styles)}


def block_list(el, s, styles):
    """The blocks inside el (a flow, a box, a cell...), as dicts."""
    if not has_blocks(el):
        r = runs_of(el, s, styles)
        return [{"t": "p", "s": dict(s, **BOXPROPS), "runs": r}] if r else []
    out = []
    for c in el:
        b = block(c, s, styles)
        if b:
            out.append(b)
    return out


def block(el, parent, styles):
    n = local(el)
    s = styles.resolve(el, parent)
    if n in ("h", "p"):
        return para(el, s, styles)
    if n == "box":
        return {"t": "box", "s": s, "kids": block_list(el, s, styles)}
    if n == "list":
        items = []
        for it in el.findall(L("item")):
            si = styles.resolve(it, s)
            items.append({"s": si, "kids": block_list(it, si, styles)})
        return {"t": "list", "s": s, "marker": el.get("marker", "bullet"), "items": items}
    if n == "table":
        return table(el, s, styles)
    if n == "spacer":
        return {"t": "spacer", "h": length(el.get("height"))}
    if n == "rule":
        return {"t": "rule", "s": s, "w": length(el.get("thickness"), 0.5),
                "color": s["bcolor"] or s["color"]}
    if n == "image":
        return {"t": "image", "s": s, "src": el.get("src"), "w": length(el.get("width")),
                "align": el.get("align-block", "left")}
    if n == "checkbox":
        return {"t": "check", "s": s, "on": el.get("checked") == "true",
                "runs": runs_of(el, s, styles)}
    if n == "signature":
        return {"t": "sig", "s": s, "a": dict(el.attrib)}
    if n == "phases":
        return {"t": "phases", "s": s, "accent": el.get("accent", "#1b3f8b"),
                "muted": el.get("muted", "#667085"),
                "phases": [dict(p.attrib) for p in el.findall(L("phase"))]}
    if n == "barchart":
        return {"t": "bars", "s": s, "accent": el.get("accent", "#1b3f8b"),
                "muted": el.get("muted", "#667085"),
                "bars": [dict(b.attrib) for b in el.findall(L("bar"))]}
    if n == "page-break":
        return {"t": "break", "master": el.get("master")}
    return None


def table(el, s, styles):
    t = {"t": "table", "s": s, "cols": [], "head": [], "body": [],
         "pad": length(el.get("cell-padding"), 0.0),
         "border_bottom": length(el.get("border-bottom")),
         "bcolor": el.get("border-color", "#d0d5dd"),
         "inner": length(el.get("border-inner")),
         "hbg": el.get("header-background"), "hcolor": el.get("header-color"),
         "stripe": el.get("stripe"), "keep": el.get("keep-together") == "true"}
    for c in el.findall(L("column")):
        w = c.get("width", "1*")
        t["cols"].append(("fr", float(w[:-1] or 1)) if w.endswith("*") else ("pt", length(w)))

    def rows(parent, head):
        out = []
        for i, r in enumerate(parent.findall(L("row"))):
            rs = styles.resolve(r, s)
            if head and t["hcolor"]:
                rs["color"] = t["hcolor"]
            bg = r.get("background")
            if bg is None and head:
                bg = t["hbg"]
            if bg is None and not head and t["stripe"] and i % 2 == 1:
                bg = t["stripe"]
            cells = []
            for c in r.findall(L("cell")):
                cs = styles.resolve(c, rs)
                cells.append({"s": cs, "kids": block_list(c, cs, styles),
                              "colspan": int(c.get("colspan", "1")),
                              "rowspan": int(c.get("rowspan", "1")),
                              "pad": length(c.get("padding"), t["pad"]),
                              "valign": c.get("valign", "top"),
                              "bb": length(c.get("border-bottom")),
                              "bbc": c.get("border-color", t["bcolor"])})
            out.append({"bg": bg, "cells": cells})
        return out

    h = el.find(L("header"))
    if h is not None:
        t["head"] = rows(h, True)
    t["body"] = rows(el, False)
    return t


def load_layout(path):
    doc = ET.parse(path).getroot()
    styles = Styles(doc)
    base = base_style()
    d = {"meta": dict(doc.attrib), "masters": {}}
    for m in doc.findall(L("page-master")):
        w, h = PAGE_SIZES.get(m.get("size", "A4"), PAGE_SIZES["A4"])
        mm = {"name": m.get("name"), "w": length(m.get("width"), w),
              "h": length(m.get("height"), h),
              "mt": length(m.get("margin-top"), 72), "mb": length(m.get("margin-bottom"), 72),
              "ml": length(m.get("margin-left"), 72), "mr": length(m.get("margin-right"), 72),
              "ho": length(m.get("header-offset"), 20), "fo": length(m.get("footer-offset"), 40)}
        for part in ("header", "footer"):
            p = m.find(L(part))
            if p is not None:
                ps = styles.resolve(p, dict(base, lh=1.35, color="#1d2433"))
                mm[part] = block_list(p, ps, styles)
            else:
                mm[part] = []
        d["masters"][mm["name"]] = mm
    flow = doc.find(L("flow"))
    fs = styles.resolve(flow, base)
    d["flow"] = {"master": flow.get("master"), "next": flow.get("next-master"), "s": fs,
                 "blocks": block_list(flow, fs, styles)}
    return d


# ---------------------------------------------------------------- shared helpers

def body_width(d, master=None):
    m = d["masters"][master or d["flow"]["master"]]
    return m["w"] - m["ml"] - m["mr"]


def line_pitch(s):
    em = MONO_EM if "Mono" in s["family"] else INTER_EM
    return s["lh"] * em


def fmt(x):
    return ("%.2f" % x).rstrip("0").rstrip(".") or "0"


def pt(x):
    return fmt(x) + "pt"


def tr(s):
    return s


def font_file(family, weight, italic):
    if "Mono" in family:
        return "DejaVuSansMono-Bold.ttf" if weight >= 600 else "DejaVuSansMono.ttf"
    name = {400: "Regular", 600: "SemiBold", 700: "Bold"}.get(weight, "Regular")
    if italic:
        name = "Italic" if name == "Regular" else name + "Italic"
    return "Inter-%s.otf" % name


def phase_colors(p, accent, muted):
    if p.get("state") == "current":
        return accent, "#ffffff", "#ffffff"
    if p.get("state") == "done":
        return "#dde4f0", accent, muted
    return "#eef0f3", muted, muted


# ---------------------------------------------------------------- HTML + CSS (WeasyPrint)

def h_esc(t):
    return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def h_text_css(s, parent=None):
    """CSS for the text properties of s that differ from parent."""
    out = []
    keys = [("family", lambda v: "font-family:'%s'" % v), ("size", lambda v: "font-size:" + pt(v)),
            ("weight", lambda v: "font-weight:%d" % v),
            ("italic", lambda v: "font-style:" + ("italic" if v else "normal")),
            ("color", lambda v: "color:" + v), ("ls", lambda v: "letter-spacing:" + pt(v)),
            ("align", lambda v: "text-align:" + v),
            ("tnum", lambda v: "font-feature-settings:" + ("'tnum'" if v else "normal")),
            ("hyph", lambda v: "hyphens:" + ("auto" if v else "manual"))]
    for k, f in keys:
        if parent is None or parent.get(k) != s.get(k):
            out.append(f(s[k]))
    if parent is None or parent.get("lh") != s.get("lh") or parent.get("family") != s.get("family"):
        out.append("line-height:" + fmt(line_pitch(s)))
    return out


def h_box_css(s):
    out = []
    if s["sb"]:
        out.append("margin-top:" + pt(s["sb"]))
    if s["sa"]:
        out.append("margin-bottom:" + pt(s["sa"]))
    if s["bg"]:
        out.append("background:" + s["bg"])
    if s["pad"]:
        out.append("padding:" + pt(s["pad"]))
    if s["border"]:
        out.append("border:%s solid %s" % (pt(s["border"]), s["bcolor"] or s["color"]))
    if s["keep"]:
        out.append("break-after:avoid")
    return out


class Html:
    def __init__(self, d, fonts):
        self.d, self.fonts, self.o = d, fonts, []

    def runs(self, runs, s):
        o = []
        for kind, t, rs in runs:
            if kind == "br":
                o.append("<br>")
            elif kind == "pn":
                o.append('<span class="pn"></span>')
            elif kind == "pc":
                o.append('<span class="pc"></span>')
            else:
                css = h_text_css(rs, s)
                o.append('<span style="%s">%s</span>' % (";".join(css), h_esc(t))
                         if css else h_esc(t))
        return "".join(o)

    def blocks(self, bl, s):
        for b in bl:
            self.block(b, s)

    def block(self, b, ps):
        o = self.o
        t = b["t"]
        if t == "p":
            s = b["s"]
            css = h_text_css(s, ps) + h_box_css(s)
            o.append('<p style="%s">%s</p>' % (";".join(css), self.runs(b["runs"], s)))
        elif t == "box":
            s = b["s"]
            o.append('<div style="%s">' % ";".join(h_text_css(s, ps) + h_box_css(s)))
            self.blocks(b["kids"], s)
            o.append("</div>")
        elif t == "list":
            s = b["s"]
            tag = "ol" if b["marker"] == "decimal" else "ul"
            o.append('<%s style="%s;padding-left:14pt">' % (tag, ";".join(h_text_css(s, ps) +
                                                                         h_box_css(s))))
            for it in b["items"]:
                o.append('<li style="%s">' % ";".join(h_box_css(it["s"])))
                self.blocks(it["kids"], s)
                o.append("</li>")
            o.append("</%s>" % tag)
        elif t == "table":
            self.table(b, ps)
        elif t == "spacer":
            o.append('<div style="height:%s"></div>' % pt(b["h"]))
        elif t == "rule":
            s = b["s"]
            o.append('<div style="border-top:%s solid %s;%s"></div>' % (
                pt(b["w"]), b["color"], ";".join(h_box_css(dict(s, bg=None, border=0)))))
        elif t == "image":
            style = "width:%s;display:block" % pt(b["w"])
            if b["align"] == "right":
                style += ";margin-left:auto"
            o.append('<img src="file://%s" style="%s">' % (h_esc(b["src"]), style))
        elif t == "check":
            s = b["s"]
            o.append('<p style="%s"><span style="display:inline-block;width:%s;height:%s;'
                     'border:0.75pt solid %s;%svertical-align:-1pt;margin-right:6pt"></span>%s</p>'
                     % (";".join(h_text_css(s, ps)), pt(s["size"] * 1.1), pt(s["size"] * 1.1),
                        s["color"], "background:%s;" % s["color"] if b["on"] else "",
                        self.runs(b["runs"], s)))
        elif t == "sig":
            a, s = b["a"], b["s"]
            o.append('<div style="break-inside:avoid;%s">' % ";".join(h_box_css(s)))
            o.append('<p style="font-weight:600">%s</p>' % h_esc(a.get("label", "")))
            o.append('<div style="height:28pt;border-bottom:0.5pt solid #1d2433"></div>')
            o.append("<p>%s</p>" % h_esc(", ".join(x for x in (a.get("name"), a.get("role")) if x)))
            if a.get("place") or a.get("date"):
                o.append('<p style="font-size:8.36pt;color:#667085">%s</p>' % h_esc(
                    ", ".join(x for x in (a.get("place"), a.get("date")) if x)))
            else:
                o.append('<table style="width:60%%;margin-top:22pt"><tr><td style="border-top:'
                         '0.5pt solid #1d2433;font-size:8.36pt;color:#667085">%s</td><td style='
                         '"width:8mm"></td><td style="border-top:0.5pt solid #1d2433;font-size:'
                         '8.36pt;color:#667085">%s</td></tr></table>' % (
                             h_esc(a.get("place-caption", "")), h_esc(a.get("date-caption", ""))))
            o.append("</div>")
        elif t == "phases":
            s = b["s"]
            o.append('<table style="%s;border-collapse:separate;border-spacing:3pt 0"><tr>'
                     % ";".join(h_box_css(s)))
            for p in b["phases"]:
                bg, fg, fg2 = phase_colors(p, b["accent"], b["muted"])
                o.append('<td style="background:%s;text-align:center;padding:4pt">'
                         '<p style="font-weight:600;color:%s">%s</p><p style="font-size:7.41pt;'
                         'color:%s">%s</p></td>' % (bg, fg, h_esc(p.get("label", "")), fg2,
                                                    h_esc(p.get("status", ""))))
            o.append("</tr></table>")
        elif t == "bars":
            s = b["s"]
            top = max(float(x.get("value", "0")) for x in b["bars"]) or 1
            o.append('<table style="%s">' % ";".join(h_box_css(s)))
            for x in b["bars"]:
                c = b["accent"] if x.get("highlight") == "true" else "#9aa5b8"
                w = 0.75 * float(x.get("value", "0")) / top * 100
                o.append('<tr><td style="width:25mm;font-size:7.41pt">%s</td><td style="font-'
                         'size:7.41pt"><span style="display:inline-block;width:%.1f%%;height:8pt;'
                         'background:%s;vertical-align:middle;margin-right:4pt"></span>%s</td></tr>'
                         % (h_esc(x.get("label", "")), w, c, h_esc(x.get("value-label", ""))))
            o.append("</table>")
        elif t == "break":
            o.append('<div style="break-before:page"></div>')

    def table(self, b, ps):
        o = self.o
        s = b["s"]
        css = h_text_css(s, ps) + h_box_css(dict(s, keep=False))
        if b["border_bottom"]:
            css.append("border-bottom:%s solid %s" % (pt(b["border_bottom"]), b["bcolor"]))
        if b["keep"]:
            css.append("break-inside:avoid")
        o.append('<table style="%s"><colgroup>' % ";".join(css))
        fixed = sum(v for k, v in b["cols"] if k == "pt")
        frs = sum(v for k, v in b["cols"] if k == "fr") or 1
        avail = max(body_width(self.d) - fixed, 1)
        for k, v in b["cols"]:
            o.append('<col style="width:%s">' % pt(v if k == "pt" else avail * v / frs))
        o.append("</colgroup>")

        def rows(rl, cell_tag):
            for r in rl:
                o.append('<tr%s>' % (' style="background:%s"' % r["bg"] if r["bg"] else ""))
                for c in r["cells"]:
                    cs = c["s"]
                    ccss = h_text_css(cs, s) + ["padding:" + pt(c["pad"])]
                    if c["valign"] != "top":
                        ccss.append("vertical-align:" + c["valign"])
                    if c["bb"]:
                        ccss.append("border-bottom:%s solid %s" % (pt(c["bb"]), c["bbc"]))
                    span = ""
                    if c["colspan"] > 1:
                        span += ' colspan="%d"' % c["colspan"]
                    if c["rowspan"] > 1:
                        span += ' rowspan="%d"' % c["rowspan"]
                    o.append('<%s%s style="%s">' % (cell_tag, span, ";".join(ccss)))
                    self.blocks(c["kids"], cs)
                    o.append("</%s>" % cell_tag)
                o.append("</tr>")

        if b["head"]:
            o.append("<thead>")
            rows(b["head"], "th")
            o.append("</thead>")
        o.append("<tbody>")
        rows(b["body"], "td")
        o.append("</tbody></table>")

    def running(self):
        for name, mm in self.d["masters"].items():
            for part, key in (("header", "h"), ("footer", "f")):
                if mm[part]:
                    self.o.append('<div style="position:running(%s-%s)">' % (key, name))
                    self.blocks(mm[part], self.d["flow"]["s"])
                    self.o.append("</div>\n")

    def render(self):
        d, o = self.d, self.o
        m = d["meta"]
        fl = d["flow"]
        o.append('<!DOCTYPE html>\n<html lang="%s"><head><meta charset="utf-8">' % m.get("lang", "en"))
        o.append("<title>%s</title>" % h_esc(m.get("title", "")))
        for k in ("author", "keywords"):
            if m.get(k):
                o.append('<meta name="%s" content="%s">' % (k, h_esc(m[k])))
        if m.get("subject"):
            o.append('<meta name="description" content="%s">' % h_esc(m["subject"]))
        o.append("<style>\n")
        for fam, files in (("Inter", [(400, False, "Regular"), (400, True, "Italic"),
                                      (600, False, "SemiBold"), (600, True, "SemiBoldItalic"),
                                      (700, False, "Bold"), (700, True, "BoldItalic")]),):
            for w, it, name in files:
                o.append("@font-face{font-family:'%s';src:url(file://%s/Inter-%s.otf);"
                         "font-weight:%d;font-style:%s}\n" % (fam, self.fonts, name, w,
                                                               "italic" if it else "normal"))
        for w, f in ((400, "DejaVuSansMono.ttf"), (700, "DejaVuSansMono-Bold.ttf")):
            o.append("@font-face{font-family:'DejaVu Sans Mono';src:url(file://%s/%s);"
                     "font-weight:%d}\n" % (self.fonts, f, w))
        for name, mm in d["masters"].items():
            sel = "@page" if name == fl.get("next") or (name == fl["master"] and not fl.get("next")) \
                else "@page %s" % name
            o.append("%s{size:%s %s;margin:%s %s %s %s;" % (sel, pt(mm["w"]), pt(mm["h"]),
                                                          pt(mm["mt"]), pt(mm["mr"]),
                                                          pt(mm["mb"]), pt(mm["ml"])))
            o.append("@top-center{content:%s;width:100%%;vertical-align:bottom;padding-bottom:%s}"
                     % ("element(h-%s)" % name if mm["header"] else "none",
                        pt(max(mm["mt"] - mm["ho"] - 30, 0))))
            o.append("@bottom-center{content:%s;width:100%%;vertical-align:top;padding-top:%s}}\n"
                     % ("element(f-%s)" % name if mm["footer"] else "none",
                        pt(max(mm["mb"] - mm["fo"], 0))))
        o.append(".run-h{position:running(h)} .pn::before{content:counter(page)}"
                 " .pc::before{content:counter(pages)}\n")
        o.append("html{font-family:'%s';font-size:%s;color:%s;line-height:%s}\n" % (
            fl["s"]["family"], pt(fl["s"]["size"]), fl["s"]["color"], fmt(line_pitch(fl["s"]))))
        o.append("p{margin:0} ul,ol{margin:0} table{border-collapse:collapse;width:100%;"
                 "table-layout:fixed} tr{break-inside:avoid} td,th{vertical-align:top;"
                 "text-align:left;font-weight:inherit;padding:0}\n")
        if fl.get("next"):
            o.append(".cover{page:%s}\n" % fl["master"])
        o.append("</style></head><body>\n")
        blocks = fl["blocks"]
        if fl.get("next"):
            # the first page (up to the first page-break) on the first master; the running
            # header and footer inside it, so that the page's name comes from this div
            i = next((k for k, x in enumerate(blocks) if x["t"] == "break"), len(blocks))
            o.append('<div class="cover">')
            self.running()
            self.blocks(blocks[:i], fl["s"])
            o.append("</div>")
            blocks = blocks[i:]
        else:
            self.running()
        self.blocks(blocks, fl["s"])
        o.append("\n</body></html>\n")
        return "".join(o)


# ---------------------------------------------------------------- XSL-FO (Apache FOP)

def x_esc(t):
    return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def f_text_attrs(s, parent=None):
    out = []
    keys = [("family", lambda v: 'font-family="%s"' % v),
            ("size", lambda v: 'font-size="%s"' % pt(v)),
            ("weight", lambda v: 'font-weight="%d"' % v),
            ("italic", lambda v: 'font-style="%s"' % ("italic" if v else "normal")),
            ("color", lambda v: 'color="%s"' % v),
            ("ls", lambda v: 'letter-spacing="%s"' % pt(v)),
            ("align", lambda v: 'text-align="%s"' % {"right": "end", "center": "center"}.get(v, "start"))]
    for k, f in keys:
        if parent is None or parent.get(k) != s.get(k):
            out.append(f(s[k]))
    if parent is None or parent.get("lh") != s.get("lh") or parent.get("family") != s.get("family"):
        out.append('line-height="%s"' % fmt(line_pitch(s)))
    return out


def f_box_attrs(s):
    out = []
    if s["sb"]:
        out.append('space-before="%s"' % pt(s["sb"]))
    if s["sa"]:
        out.append('space-after="%s"' % pt(s["sa"]))
    if s["bg"]:
        out.append('background-color="%s"' % s["bg"])
    if s["pad"]:
        out.append('padding="%s"' % pt(s["pad"]))
    if s["border"]:
        out.append('border="%s solid %s"' % (pt(s["border"]), s["bcolor"] or s["color"]))
    if s["keep"]:
        out.append('keep-with-next.within-page="always"')
    return out


class Fo:
    def __init__(self, d, fonts):
        self.d, self.fonts, self.o = d, fonts, []

    def runs(self, runs, s):
        o = []
        for kind, t, rs in runs:
            if kind == "br":
                o.append('<fo:block/>')
            elif kind == "pn":
                o.append("<fo:page-number/>")
            elif kind == "pc":
                o.append('<fo:page-number-citation-last ref-id="doc"/>')
            else:
                a = f_text_attrs(rs, s)
                o.append("<fo:inline %s>%s</fo:inline>" % (" ".join(a), x_esc(t)) if a else x_esc(t))
        return "".join(o)

    def blocks(self, bl, s):
        for b in bl:
            self.block(b, s)

    def block(self, b, ps):
        o = self.o
        t = b["t"]
        if t == "p":
            s = b["s"]
            o.append("<fo:block %s>%s</fo:block>" % (" ".join(f_text_attrs(s, ps) + f_box_attrs(s)),
                                                       self.runs(b["runs"], s)))
        elif t == "box":
            s = b["s"]
            o.append("<fo:block %s>" % " ".join(f_text_attrs(s, ps) + f_box_attrs(s)))
            self.blocks(b["kids"], s)
            o.append("</fo:block>")
        elif t == "list":
            s = b["s"]
            o.append('<fo:list-block provisional-distance-between-starts="14pt" %s>'
                     % " ".join(f_text_attrs(s, ps) + f_box_attrs(s)))
            for k, it in enumerate(b["items"]):
                mark = "%d." % (k + 1) if b["marker"] == "decimal" else "•"
                o.append('<fo:list-item %s><fo:list-item-label end-indent="label-end()">'
                         '<fo:block>%s</fo:block></fo:list-item-label><fo:list-item-body '
                         'start-indent="body-start()">' % (" ".join(f_box_attrs(it["s"])), mark))
                if it["kids"]:
                    self.blocks(it["kids"], s)
                else:
                    o.append("<fo:block/>")
                o.append("</fo:list-item-body></fo:list-item>")
            o.append("</fo:list-block>")
        elif t == "table":
            self.table(b, ps)
        elif t == "spacer":
            o.append('<fo:block-container height="%s"><fo:block/></fo:block-container>' % pt(b["h"]))
        elif t == "rule":
            s = b["s"]
            o.append('<fo:block %s border-top="%s solid %s" line-height="0"/>' % (
                " ".join(f_box_attrs(dict(s, bg=None, border=0, pad=0))), pt(b["w"]), b["color"]))
        elif t == "image":
            al = 'text-align="end"' if b["align"] == "right" else ""
            o.append('<fo:block %s line-height="0"><fo:external-graphic src="url(\'file:%s\')" '
                     'content-width="%s" content-height="scale-to-fit" scaling="uniform"/>'
                     '</fo:block>' % (al, x_esc(b["src"]), pt(b["w"])))
        elif t == "check":
            s = b["s"]
            box = pt(s["size"] * 0.55)
            o.append('<fo:block %s><fo:inline border="0.75pt solid %s" padding-left="%s" '
                     'padding-right="%s" %s>&#8203;</fo:inline>&#160;&#160;%s</fo:block>' % (
                         " ".join(f_text_attrs(s, ps)), s["color"], box, box,
                         'background-color="%s"' % s["color"] if b["on"] else "",
                         self.runs(b["runs"], s)))
        elif t == "sig":
            a, s = b["a"], b["s"]
            o.append('<fo:block keep-together.within-page="always" %s>' % " ".join(f_box_attrs(s)))
            o.append('<fo:block font-weight="600">%s</fo:block>' % x_esc(a.get("label", "")))
            o.append('<fo:block-container height="28pt" border-bottom="0.5pt solid #1d2433">'
                     '<fo:block/></fo:block-container>')
            o.append("<fo:block>%s</fo:block>" % x_esc(", ".join(
                x for x in (a.get("name"), a.get("role")) if x)))
            if a.get("place") or a.get("date"):
                o.append('<fo:block font-size="8.36pt" color="#667085">%s</fo:block>' % x_esc(
                    ", ".join(x for x in (a.get("place"), a.get("date")) if x)))
            else:
                o.append('<fo:table table-layout="fixed" width="60%%" space-before="22pt">'
                         '<fo:table-column column-width="proportional-column-width(1)"/>'
                         '<fo:table-column column-width="8mm"/><fo:table-column column-width='
                         '"proportional-column-width(1)"/><fo:table-body><fo:table-row>'
                         '<fo:table-cell border-top="0.5pt solid #1d2433"><fo:block font-size='
                         '"8.36pt" color="#667085">%s</fo:block></fo:table-cell><fo:table-cell>'
                         '<fo:block/></fo:table-cell><fo:table-cell border-top="0.5pt solid '
                         '#1d2433"><fo:block font-size="8.36pt" color="#667085">%s</fo:block>'
                         '</fo:table-cell></fo:table-row></fo:table-body></fo:table>' % (
                             x_esc(a.get("place-caption", "")), x_esc(a.get("date-caption", ""))))
            o.append("</fo:block>")
        elif t == "phases":
            s = b["s"]
            o.append('<fo:table table-layout="fixed" width="100%%" %s>' % " ".join(f_box_attrs(s)))
            for _ in b["phases"]:
                o.append('<fo:table-column column-width="proportional-column-width(1)"/>')
            o.append("<fo:table-body><fo:table-row>")
            for p in b["phases"]:
                bg, fg, fg2 = phase_colors(p, b["accent"], b["muted"])
                o.append('<fo:table-cell background-color="%s" padding="4pt" border-left="3pt '
                         'solid #ffffff"><fo:block text-align="center" font-weight="600" color='
                         '"%s">%s</fo:block><fo:block text-align="center" font-size="7.41pt" '
                         'color="%s">%s</fo:block></fo:table-cell>' % (
                             bg, fg, x_esc(p.get("label", "")), fg2, x_esc(p.get("status", ""))))
            o.append("</fo:table-row></fo:table-body></fo:table>")
        elif t == "bars":
            s = b["s"]
            top = max(float(x.get("value", "0")) for x in b["bars"]) or 1
            full = body_width(self.d) - 25 * 72 / 25.4 - 100
            o.append('<fo:table table-layout="fixed" width="100%%" %s><fo:table-column '
                     'column-width="25mm"/><fo:table-column column-width="proportional-column-'
                     'width(1)"/><fo:table-body>' % " ".join(f_box_attrs(s)))
            for x in b["bars"]:
                c = b["accent"] if x.get("highlight") == "true" else "#9aa5b8"
                w = max(float(x.get("value", "0")) / top * full, 1)
                o.append('<fo:table-row><fo:table-cell><fo:block font-size="7.41pt">%s</fo:block>'
                         '</fo:table-cell><fo:table-cell><fo:block font-size="7.41pt"><fo:leader '
                         'leader-pattern="rule" rule-thickness="8pt" leader-length="%s" color="%s"/>'
                         ' %s</fo:block></fo:table-cell></fo:table-row>' % (
                             x_esc(x.get("label", "")), pt(w), c, x_esc(x.get("value-label", ""))))
            o.append("</fo:table-body></fo:table>")
        elif t == "break":
            o.append('<fo:block break-before="page"/>')

    def table(self, b, ps):
        o = self.o
        s = b["s"]
        a = f_text_attrs(s, ps) + f_box_attrs(dict(s, keep=False))
        if b["border_bottom"]:
            a.append('border-bottom="%s solid %s"' % (pt(b["border_bottom"]), b["bcolor"]))
        if b["keep"]:
            a.append('keep-together.within-page="always"')
        o.append('<fo:table table-layout="fixed" width="100%%" %s>' % " ".join(a))
        for k, v in b["cols"]:
            o.append('<fo:table-column column-width="%s"/>' % (
                pt(v) if k == "pt" else "proportional-column-width(%s)" % fmt(v)))

        def rows(rl):
            for r in rl:
                o.append('<fo:table-row keep-together.within-page="always"%s>' % (
                    ' background-color="%s"' % r["bg"] if r["bg"] else ""))
                for c in r["cells"]:
                    cs = c["s"]
                    ca = f_text_attrs(cs, s) + ['padding="%s"' % pt(c["pad"])]
                    if c["valign"] != "top":
                        ca.append('display-align="%s"' % {"bottom": "after", "middle": "center"}
                                  .get(c["valign"], "before"))
                    if c["bb"]:
                        ca.append('border-bottom="%s solid %s"' % (pt(c["bb"]), c["bbc"]))
                    if c["colspan"] > 1:
                        ca.append('number-columns-spanned="%d"' % c["colspan"])
                    if c["rowspan"] > 1:
                        ca.append('number-rows-spanned="%d"' % c["rowspan"])
                    o.append("<fo:table-cell %s>" % " ".join(ca))
                    if c["kids"]:
                        self.blocks(c["kids"], cs)
                    else:
                        o.append("<fo:block/>")
                    o.append("</fo:table-cell>")
                o.append("</fo:table-row>")

        if b["head"]:
            o.append("<fo:table-header>")
            rows(b["head"])
            o.append("</fo:table-header>")
        o.append("<fo:table-body>")
        rows(b["body"])
        o.append("</fo:table-body></fo:table>")

    def render(self):
        d, o = self.d, self.o
        m, fl = d["meta"], d["flow"]
        o.append('<?xml version="1.0" encoding="UTF-8"?>\n<fo:root xmlns:fo="http://www.w3.org/'
                 '1999/XSL/Format" language="%s"><fo:layout-master-set>' % m.get("lang", "en"))
        for name, mm in d["masters"].items():
            o.append('<fo:simple-page-master master-name="%s" page-width="%s" page-height="%s" '
                     'margin-left="%s" margin-right="%s"><fo:region-body margin-top="%s" '
                     'margin-bottom="%s"/><fo:region-before region-name="%s-before" extent="%s"/>'
                     '<fo:region-after region-name="%s-after" extent="%s"/>'
                     '</fo:simple-page-master>' % (name, pt(mm["w"]), pt(mm["h"]), pt(mm["ml"]),
                                                   pt(mm["mr"]), pt(mm["mt"]), pt(mm["mb"]), name,
                                                   pt(mm["mt"]), name, pt(mm["mb"])))
        first = fl["master"]
        rest = fl.get("next") or first
        o.append('<fo:page-sequence-master master-name="seq"><fo:repeatable-page-master-'
                 'alternatives><fo:conditional-page-master-reference master-reference="%s" '
                 'page-position="first"/><fo:conditional-page-master-reference master-reference='
                 '"%s" page-position="rest"/></fo:repeatable-page-master-alternatives>'
                 '</fo:page-sequence-master></fo:layout-master-set>' % (first, rest))
        o.append('<fo:page-sequence master-reference="seq" id="doc" %s>' % " ".join(
            f_text_attrs(fl["s"])))
        for name, mm in d["masters"].items():
            for part, key in (("header", "before"), ("footer", "after")):
                if not mm[part]:
                    continue
                if part == "header":
                    o.append('<fo:static-content flow-name="%s-before"><fo:block-container '
                             'height="%s" display-align="after">' % (name, pt(mm["ho"] + 30)))
                else:
                    o.append('<fo:static-content flow-name="%s-after"><fo:block-container '
                             'padding-top="%s">' % (name, pt(max(mm["mb"] - mm["fo"], 0))))
                o.append("<fo:block>")
                self.blocks(mm[part], fl["s"])
                o.append("</fo:block></fo:block-container></fo:static-content>")
        o.append('<fo:flow flow-name="xsl-region-body">')
        self.blocks(fl["blocks"], fl["s"])
        o.append("</fo:flow></fo:page-sequence></fo:root>\n")
        return "".join(o)


def cmd_fop_config(out, fonts):
    fonts_xml = []
    for fam, files in (("Inter", [(400, "normal", "Regular"), (400, "italic", "Italic"),
                                  (600, "normal", "SemiBold"), (600, "italic", "SemiBoldItalic"),
                                  (700, "normal", "Bold"), (700, "italic", "BoldItalic")]),):
        for w, st, name in files:
            fonts_xml.append('<font embed-url="file:%s/Inter-%s.otf" kerning="yes" embedding-mode="subset" encoding-mode="cid"><font-triplet '
                             'name="%s" style="%s" weight="%d"/></font>' % (fonts, name, fam, st, w))
            if w == 700:
                fonts_xml.append('<font embed-url="file:%s/Inter-%s.otf" kerning="yes" embedding-mode="subset" encoding-mode="cid">'
                                 '<font-triplet name="%s" style="%s" weight="bold"/></font>'
                                 % (fonts, name, fam, st))
    for w, f in ((400, "DejaVuSansMono.ttf"), (700, "DejaVuSansMono-Bold.ttf")):
        fonts_xml.append('<font embed-url="file:%s/%s" kerning="yes" embedding-mode="subset" encoding-mode="cid"><font-triplet name="DejaVu '
                         'Sans Mono" style="normal" weight="%d"/></font>' % (fonts, f, w))
    with open(out, "w") as f:
        f.write('<?xml version="1.0"?>\n<fop version="1.0"><strict-configuration>false'
                '</strict-configuration><renderers><renderer mime="application/pdf">'
                '<fonts>%s</fonts></renderer></renderers></fop>\n' % "".join(fonts_xml))


# ---------------------------------------------------------------- Typst

def t_str(t):
    return '"%s"' % t.replace("\\", "\\\\").replace('"', '\\"')


def t_text_args(s, parent=None):
    out = []
    keys = [("family", lambda v: "font: %s" % t_str(v)), ("size", lambda v: "size: " + pt(v)),
            ("weight", lambda v: "weight: %d" % v),
            ("italic", lambda v: "style: %s" % ('"italic"' if v else '"normal"')),
            ("color", lambda v: 'fill: rgb("%s")' % v),
            ("ls", lambda v: "tracking: " + pt(v)),
            ("tnum", lambda v: 'number-width: %s' % ('"tabular"' if v else "auto")),
            ("hyph", lambda v: "hyphenate: %s" % ("true" if v else "false"))]
    for k, f in keys:
        if parent is None or parent.get(k) != s.get(k):
            out.append(f(s[k]))
    return out


def t_leading(s):
    em = MONO_EM if "Mono" in s["family"] else INTER_EM
    return "%sem" % fmt((s["lh"] - 1) * em)


class Typst:
    def __init__(self, d, fonts):
        self.d, self.fonts = d, fonts

    def runs(self, runs, s):
        o = []
        for kind, t, rs in runs:
            if kind == "br":
                o.append("linebreak()")
            elif kind == "pn":
                o.append("str(here().page())")
            elif kind == "pc":
                o.append("str(counter(page).final().first())")
            else:
                a = t_text_args(rs, s)
                o.append("text(%s%s)" % (", ".join(a) + ", " if a else "", t_str(t)))
        return "{ " + "; ".join(o) + " }" if o else "[]"

    def body(self, s, ps, inner):
        """inner content wrapped with the text and paragraph settings that differ from ps."""
        sets = []
        a = t_text_args(s, ps)
        if a:
            sets.append("set text(%s)" % ", ".join(a))
        if ps is None or ps["lh"] != s["lh"] or ps["family"] != s["family"]:
            sets.append("set par(leading: %s)" % t_leading(s))
        if s["align"] != (ps or {}).get("align", "left"):
            sets.append("set align(%s)" % {"right": "right", "center": "center"}.get(s["align"], "left"))
        if not sets:
            return inner
        return "{ %s; %s }" % ("; ".join(sets), inner)

    def blockargs(self, s, extra=()):
        a = ["above: %s" % pt(s["sb"]), "below: %s" % pt(s["sa"])]
        if s["bg"]:
            a.append('fill: rgb("%s")' % s["bg"])
        if s["pad"]:
            a.append("inset: " + pt(s["pad"]))
        if s["border"]:
            a.append('stroke: %s + rgb("%s")' % (pt(s["border"]), s["bcolor"] or s["color"]))
        if s["keep"]:
            a.append("sticky: true")
        a.extend(extra)
        return ", ".join(a)

    def blocks(self, bl, s):
        return "{ " + "; ".join(self.block(b, s) for b in bl) + " }" if bl else "[]"

    def block(self, b, ps):
        t = b["t"]
        if t == "p":
            s = b["s"]
            return "block(%s, width: 100%%, %s)" % (self.blockargs(s), self.body(s, ps, self.runs(b["runs"], s)))
        if t == "box":
            s = b["s"]
            return "block(%s, width: 100%%, %s)" % (self.blockargs(s), self.body(s, ps, self.blocks(b["kids"], s)))
        if t == "list":
            s = b["s"]
            items = []
            for k, it in enumerate(b["items"]):
                mark = "%d." % (k + 1) if b["marker"] == "decimal" else "•"
                items.append("block(above: %s, below: 0pt, grid(columns: (14pt, 1fr), %s, %s))" % (
                    pt(it["s"]["sb"]), t_str(mark), self.blocks(it["kids"], s)))
            return "block(%s, %s)" % (self.blockargs(s), self.body(s, ps, "{ " + "; ".join(items) + " }"))
        if t == "table":
            return self.table(b, ps)
        if t == "spacer":
            return "v(%s)" % pt(b["h"])
        if t == "rule":
            s = b["s"]
            return 'block(above: %s, below: %s, line(length: 100%%, stroke: %s + rgb("%s")))' % (
                pt(s["sb"]), pt(s["sa"]), pt(b["w"]), b["color"])
        if t == "image":
            img = "image(%s, width: %s)" % (t_str(b["src"]), pt(b["w"]))
            return "align(right, %s)" % img if b["align"] == "right" else "block(%s)" % img
        if t == "check":
            s = b["s"]
            sq = 'box(width: %s, height: %s, stroke: 0.75pt + rgb("%s")%s)' % (
                pt(s["size"] * 1.1), pt(s["size"] * 1.1), s["color"],
                ', fill: rgb("%s")' % s["color"] if b["on"] else "")
            return "block(%s)" % self.body(s, ps, "{ %s; h(6pt); %s }" % (sq, self.runs(b["runs"], s)))
        if t == "sig":
            a, s = b["a"], b["s"]
            parts = ['text(weight: 600, %s)' % t_str(a.get("label", "")),
                     'block(above: 0pt, below: 2pt, height: 28pt, width: 100%, stroke: (bottom: '
                     '0.5pt + rgb("#1d2433")))',
                     'block(above: 0pt, below: 0pt, text(%s))' % t_str(", ".join(
                         x for x in (a.get("name"), a.get("role")) if x))]
            if a.get("place") or a.get("date"):
                parts.append('block(above: 0pt, below: 0pt, text(size: 8.36pt, fill: rgb("#667085"),'
                             ' %s))' % t_str(", ".join(x for x in (a.get("place"), a.get("date")) if x)))
            else:
                parts.append('block(above: 22pt, width: 60%%, grid(columns: (1fr, 8mm, 1fr), '
                             'grid.cell(stroke: (top: 0.5pt + rgb("#1d2433")), text(size: 8.36pt, '
                             'fill: rgb("#667085"), %s)), [], grid.cell(stroke: (top: 0.5pt + '
                             'rgb("#1d2433")), text(size: 8.36pt, fill: rgb("#667085"), %s))))' % (
                                 t_str(a.get("place-caption", "")), t_str(a.get("date-caption", ""))))
            return "block(breakable: false, %s, { %s })" % (self.blockargs(s), "; ".join(parts))
        if t == "phases":
            s = b["s"]
            cells = []
            for p in b["phases"]:
                bg, fg, fg2 = phase_colors(p, b["accent"], b["muted"])
                cells.append('grid.cell(fill: rgb("%s"), inset: 4pt, align(center, { text(weight: '
                             '600, fill: rgb("%s"), %s); linebreak(); text(size: 7.41pt, fill: '
                             'rgb("%s"), %s) }))' % (bg, fg, t_str(p.get("label", "")), fg2,
                                                      t_str(p.get("status", ""))))
            return "block(%s, grid(columns: %d * (1fr,), column-gutter: 3pt, %s))" % (
                self.blockargs(s), len(cells), ", ".join(cells))
        if t == "bars":
            s = b["s"]
            top = max(float(x.get("value", "0")) for x in b["bars"]) or 1
            cells = []
            for x in b["bars"]:
                c = b["accent"] if x.get("highlight") == "true" else "#9aa5b8"
                w = 0.75 * float(x.get("value", "0")) / top * 100
                cells.append('text(size: 7.41pt, %s), { box(width: %.1f%%, height: 8pt, fill: '
                             'rgb("%s")); h(4pt); text(size: 7.41pt, %s) }' % (
                                 t_str(x.get("label", "")), w, c, t_str(x.get("value-label", ""))))
            return "block(%s, grid(columns: (25mm, 1fr), row-gutter: 4pt, %s))" % (
                self.blockargs(s), ", ".join(cells))
        if t == "break":
            return "pagebreak()"
        return "[]"

    def table(self, b, ps):
        s = b["s"]
        cols = ", ".join(pt(v) if k == "pt" else "%sfr" % fmt(v) for k, v in b["cols"])

        def rows(rl):
            out = []
            for r in rl:
                for c in r["cells"]:
                    cs = c["s"]
                    a = ["inset: " + pt(c["pad"])]
                    if r["bg"]:
                        a.append('fill: rgb("%s")' % r["bg"])
                    if c["colspan"] > 1:
                        a.append("colspan: %d" % c["colspan"])
                    if c["rowspan"] > 1:
                        a.append("rowspan: %d" % c["rowspan"])
                    if c["bb"]:
                        a.append('stroke: (bottom: %s + rgb("%s"))' % (pt(c["bb"]), c["bbc"]))
                    if c["valign"] != "top":
                        a.append("align: %s" % {"bottom": "bottom", "middle": "horizon"}.get(c["valign"], "top"))
                    out.append("table.cell(%s, %s)" % (", ".join(a), self.body(cs, s, self.blocks(c["kids"], cs))))
            return out

        parts = []
        if b["head"]:
            parts.append("table.header(%s)" % ", ".join(rows(b["head"])))
        parts.extend(rows(b["body"]))
        if b["border_bottom"]:
            parts.append('table.hline(stroke: %s + rgb("%s"))' % (pt(b["border_bottom"]), b["bcolor"]))
        tbl = "table(columns: (%s,), stroke: none, %s)" % (cols, ", ".join(parts))
        extra = ["breakable: false"] if b["keep"] else []
        return "block(%s, width: 100%%, %s)" % (self.blockargs(dict(s, keep=False), extra),
                                                self.body(s, ps, tbl))

    def render(self):
        d = self.d
        m, fl = d["meta"], d["flow"]
        o = []
        kw = ", ".join(t_str(k.strip()) for k in m.get("keywords", "").split(",") if k.strip())
        o.append("#set document(title: %s, author: %s, keywords: (%s))\n" % (
            t_str(m.get("title", "")), t_str(m.get("author", "")), kw + "," if kw else ""))
        fs = fl["s"]
        o.append('#set text(font: %s, size: %s, fill: rgb("%s"), lang: %s, top-edge: "ascender", '
                 'bottom-edge: "descender", hyphenate: false)\n' % (
                     t_str(fs["family"]), pt(fs["size"]), fs["color"], t_str(m.get("lang", "en"))))
        o.append("#set par(leading: %s, spacing: 0pt)\n#set block(spacing: 0pt)\n" % t_leading(fs))
        o.append("#set table.cell(breakable: false)\n")
        first = d["masters"][fl["master"]]
        rest = d["masters"][fl.get("next") or fl["master"]]

        def part(mm, key, off):
            if not mm[key]:
                return "[]"
            return self.blocks(mm[key], fs)

        hdr_first, hdr_rest = part(first, "header", 0), part(rest, "header", 0)
        ftr_first, ftr_rest = part(first, "footer", 0), part(rest, "footer", 0)
        if fl.get("next"):
            hdr = "context { if here().page() == 1 %s else %s }" % (hdr_first, hdr_rest)
            ftr = "context { if here().page() == 1 %s else %s }" % (ftr_first, ftr_rest)
        else:
            hdr, ftr = "context " + hdr_rest, "context " + ftr_rest
        o.append('#set page(width: %s, height: %s, margin: (top: %s, bottom: %s, left: %s, '
                 'right: %s), header-ascent: %s, footer-descent: %s, header: %s, footer: %s)\n' % (
                     pt(rest["w"]), pt(rest["h"]), pt(rest["mt"]), pt(rest["mb"]), pt(rest["ml"]),
                     pt(rest["mr"]), pt(max(rest["mt"] - rest["ho"] - 30, 0)),
                     pt(max(rest["mb"] - rest["fo"], 0)), hdr, ftr))
        for b in fl["blocks"]:
            o.append("#" + self.block(b, fs) + "\n")
        return "".join(o)


def cmd_compete(layout, outbase, fonts):
    d = load_layout(layout)
    with open(outbase + ".html", "w", encoding="utf-8") as f:
        f.write(Html(d, fonts).render())
    with open(outbase + ".fo", "w", encoding="utf-8") as f:
        f.write(Fo(d, fonts).render())
    with open(outbase + ".typ", "w", encoding="utf-8") as f:
        f.write(Typst(d, fonts).render())


# ---------------------------------------------------------------- the floor's input

def collect_texts(d):
    """Every piece of text in the layout with the style it is set in: (normalised text,
    [(start, end, style)])."""
    out = []

    def add_runs(runs):
        text, spans = "", []
        for kind, t, s in runs:
            if kind == "text":
                spans.append((len(text), len(text) + len(t), s))
                text += t
            elif kind == "br":
                text += " "
        if text.strip():
            out.append((text, spans))

    def simple(t, s):
        if t:
            out.append((t, [(0, len(t), s)]))

    def walk(bl):
        for b in bl:
            t = b["t"]
            if t in ("p", "check"):
                add_runs(b["runs"])
            elif t == "box":
                walk(b["kids"])
            elif t == "list":
                for it in b["items"]:
                    walk(it["kids"])
            elif t == "table":
                for r in b["head"] + b["body"]:
                    for c in r["cells"]:
                        walk(c["kids"])
            elif t == "sig":
                s, a = b["s"], b["a"]
                simple(a.get("label"), dict(s, weight=600))
                simple(", ".join(x for x in (a.get("name"), a.get("role")) if x), s)
                simple(", ".join(x for x in (a.get("place"), a.get("date")) if x),
                       dict(s, size=8.36))
                simple(a.get("place-caption"), dict(s, size=8.36))
                simple(a.get("date-caption"), dict(s, size=8.36))
            elif t == "phases":
                for p in b["phases"]:
                    simple(p.get("label"), dict(b["s"], weight=600))
                    simple(p.get("status"), dict(b["s"], size=7.41))
            elif t == "bars":
                for x in b["bars"]:
                    simple(x.get("label"), dict(b["s"], size=7.41))
                    simple(x.get("value-label"), dict(b["s"], size=7.41))

    walk(d["flow"]["blocks"])
    return out


def norm(t):
    return re.sub(r"\s+", " ", t.replace("\u00ad", "")).strip()


def floor_line(x, y, w, h, s, text):
    style = "italic" if s["italic"] else "normal"
    return "T %.2f %.2f %.2f %.2f %.2f %d %s %s %s %s\n" % (
        x, y, w, h, s["size"], s["weight"], style, s["color"],
        s["family"].replace(" ", "_"), text)


def cmd_floor(layout, boxes, out):
    d = load_layout(layout)
    texts = collect_texts(d)
    ntexts = [(norm(t), spans) for t, spans in texts]
    fs = d["flow"]["s"]
    pages = []
    for line in open(boxes, encoding="utf-8"):
        if line.startswith("page "):
            f = line.split()
            w, h = f[3].split("x")
            pages.append({"master": f[2], "w": float(w), "h": float(h), "items": []})
            continue
        m = re.match(r'\s+(\w+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s*(.*)$', line)
        if not m or not pages:
            continue
        kind = m.group(1)
        x, y, w, h = (float(m.group(i)) for i in range(2, 6))
        rest = m.group(6)
        pages[-1]["items"].append((kind, x, y, w, h, rest))
    o = []
    cursor = 0
    for pno, p in enumerate(pages):
        o.append("P %.2f %.2f\n" % (p["w"], p["h"]))
        mm = d["masters"].get(p["master"]) or next(iter(d["masters"].values()))
        for kind, x, y, w, h, rest in p["items"]:
            if kind == "text":
                tm = re.match(r'"(.*)"', rest)
                text = tm.group(1) if tm else ""
                nt = norm(text)
                if not nt:
                    continue
                style = None
                order = list(range(cursor, len(ntexts))) + list(range(0, cursor))
                for k in order:
                    full, spans = ntexts[k]
                    i = full.find(nt)
                    if i < 0:
                        continue
                    # the span at the middle of the line decides its font
                    raw = texts[k][0]
                    mid = min(len(raw) - 1, max(0, raw.find(nt[: max(1, len(nt) // 2)]) + len(nt) // 2))
                    for a, b, s in spans:
                        if a <= mid < b:
                            style = s
                            break
                    style = style or spans[0][2]
                    cursor = k
                    break
                if style is None:  # not in the layout XML: size from the line height
                    style = dict(fs, size=round(h / (fs["lh"] * INTER_EM), 2))
                o.append(floor_line(x, y, w, h, style, text.replace("\u00ad", "")))
            elif kind in ("fill",):
                o.append("F %.2f %.2f %.2f %.2f #f2f5fa\n" % (x, y, w, h))
            elif kind in ("line",):
                o.append("L %.2f %.2f %.2f 0.50 #d0d5dd\n" % (x, y, w))
            elif kind in ("frame", "check"):
                o.append("R %.2f %.2f %.2f %.2f #1b3f8b\n" % (x, y, w, h))
            elif kind == "image":
                src = next((b["src"] for b in d["flow"]["blocks"] if b["t"] == "image"), None)
                if src:
                    o.append("I %.2f %.2f %.2f %.2f %s\n" % (x, y, w, h, src))
        # header and footer: the lines phasedoc draws on every page of this master
        o.extend(floor_furniture(mm, pno + 1, len(pages)))
    with open(out, "w", encoding="utf-8") as f:
        f.write("".join(o))


def floor_furniture(mm, pno, npages):
    out = []
    bw = mm["w"] - mm["ml"] - mm["mr"]

    def lines_of(blocks, x, width, y, top):
        for b in blocks:
            if b["t"] == "p":
                s = b["s"]
                text = "".join(t if k == "text" else str(pno) if k == "pn" else
                               str(npages) if k == "pc" else " " for k, t, _ in b["runs"])
                hh = s["size"] * s["lh"] * INTER_EM
                # crude wrap at the width (no layout logic: a fixed number of characters)
                cap = max(20, int(width / (s["size"] * 0.52)))
                while text:
                    cut = len(text) if len(text) <= cap else text.rfind(" ", 0, cap) + 1 or cap
                    out.append(floor_line(x, y, width, hh, s, text[:cut].strip()))
                    text = text[cut:]
                    y += hh
            elif b["t"] == "image":
                hh = b["w"] * 160 / 600
                out.append("I %.2f %.2f %.2f %.2f %s\n" % (x + width - b["w"],
                                                         y - (hh - 10 if top else 0), b["w"], hh,
                                                         b["src"]))
            elif b["t"] == "table":
                fixed = sum(v for k, v in b["cols"] if k == "pt")
                frs = sum(v for k, v in b["cols"] if k == "fr") or 1
                widths = [v if k == "pt" else (width - fixed) * v / frs for k, v in b["cols"]]
                ymax = y
                for r in b["body"]:
                    cx = x
                    for i, c in enumerate(r["cells"]):
                        cw = widths[i] if i < len(widths) else 0
                        ymax = max(ymax, lines_of(c["kids"], cx, cw, y, top))
                        cx += cw
                    y = ymax
            elif b["t"] == "rule":
                out.append("L %.2f %.2f %.2f %.2f %s\n" % (x, y + b["s"]["sb"], width, b["w"],
                                                         b["color"]))
                y += b["s"]["sb"] + b["s"]["sa"]
        return y

    if mm["header"]:
        lines_of(mm["header"], mm["ml"], bw, mm["ho"], True)
    if mm["footer"]:
        lines_of(mm["footer"], mm["ml"], bw, mm["h"] - mm["fo"], False)
    return out


# ---------------------------------------------------------------- main

def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    cmd = argv[1]
    if cmd == "projects":
        cmd_projects(argv[2], int(argv[3]))
    elif cmd == "long":
        cmd_long(argv[2], int(argv[3]))
    elif cmd == "compete":
        fonts = os.path.join(ROOT, "fonts")
        if "--fonts" in argv:
            fonts = argv[argv.index("--fonts") + 1]
        cmd_compete(argv[2], argv[3], fonts)
    elif cmd == "floor":
        cmd_floor(argv[2], argv[3], argv[4])
    elif cmd == "letters":
        cmd_letters(argv[2], int(argv[3]))
    elif cmd == "fop-config":
        cmd_fop_config(argv[2], argv[3])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
