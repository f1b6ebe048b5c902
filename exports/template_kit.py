"""Building blocks of the Word master templates (exports/build_templates.py): the body writer,
tables, fields, hyperlinks, page set-up, styles, settings, header and footer.

Accessibility built in: Title / Heading 1 / Heading 2 in order, table header rows marked as header
rows (repeated on every page), the document language in the styles, dark text only, paragraph
spacing instead of empty paragraphs.
"""

from __future__ import annotations

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from app.exporters import vocabulary as V
from app.exporters.docx import REQUIREMENT_STYLE

FONT = "Calibri"  # Carlito has the same metrics; LibreOffice substitutes it
INK = RGBColor(0x00, 0x00, 0x00)
NAVY = RGBColor(0x1F, 0x38, 0x64)  # headings; 12.6:1 on white
MUTED = RGBColor(0x40, 0x40, 0x40)  # secondary text; 10.4:1 on white
DRAFT_RED = RGBColor(0xA5, 0x00, 0x00)  # draft marker; 8.4:1 on white
WHITE = RGBColor(0xFF, 0xFF, 0xFF)
HEADER_FILL = "1F3864"
RULE = "7F7F7F"  # table borders; 4:1 on white (non-text contrast 3:1)

PAGE_W, PAGE_H, MARGIN = Cm(21.0), Cm(29.7), Cm(2.0)
TEXT_WIDTH_CM = 17.0
FACT_TAB = Cm(6.0)

# --------------------------------------------------------------------------------------------------
# Body helpers
# --------------------------------------------------------------------------------------------------

class Body:
    """Appends paragraphs and tables to the document body, before its final sectPr."""

    def __init__(self, doc) -> None:
        self.doc = doc
        self._bookmark = 0
        for p in list(doc.paragraphs):  # the blank document's empty paragraph, if any
            p._p.getparent().remove(p._p)

    def para(self, text: str = "", *, style: str = "Normal", page_break: bool = False,
             keep_with_next: bool = False):
        p = self.doc.add_paragraph(style=style)
        if text:
            p.add_run(text)
        if page_break:
            p.paragraph_format.page_break_before = True
        if keep_with_next:
            p.paragraph_format.keep_with_next = True
        return p

    def control(self, tag: str):
        """A paragraph holding only a docxtpl {%p ... %} tag; docxtpl removes it when rendering."""
        return self.para(tag)

    def heading(self, text: str, level: int, bookmark: str, *, page_break: bool = False,
                bookmark_id: str | None = None):
        p = self.para(text, style=f"Heading {level}", page_break=page_break)
        if bookmark_id is None:
            self._bookmark += 1
            bookmark_id = str(self._bookmark)
        start = el("w:bookmarkStart", {"w:id": bookmark_id, "w:name": bookmark})
        end = el("w:bookmarkEnd", {"w:id": bookmark_id})
        p._p.insert(1 if p._p.pPr is not None else 0, start)
        p._p.append(end)
        return p


class Table:
    """A table with a repeating header row; rows are appended with row() and control()."""

    def __init__(self, doc, headers: list[str], widths: tuple[float, ...], *, caption: str) -> None:
        self.widths = widths
        self.table = doc.add_table(rows=1, cols=len(headers))
        t = self.table
        t.style = doc.styles["Table Grid"]
        t.alignment = WD_TABLE_ALIGNMENT.LEFT
        t.autofit = False
        tblPr = t._tbl.tblPr
        tblW = tblPr.find(qn("w:tblW"))
        tblW.set(qn("w:type"), "dxa")
        tblW.set(qn("w:w"), str(int(sum(widths) * 567)))
        look = tblPr.find(qn("w:tblLook"))
        if look is not None:
            look.set(qn("w:val"), "0420")
            for k, v in (("w:firstRow", "1"), ("w:lastRow", "0"), ("w:firstColumn", "0"),
                         ("w:lastColumn", "0"), ("w:noHBand", "1"), ("w:noVBand", "1")):
                look.set(qn(k), v)
        tblPr.append(el("w:tblCaption", {"w:val": caption}))
        for col, width in zip(t._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
            col.set(qn("w:w"), str(int(width * 567)))
        header = t.rows[0]
        trPr = header._tr.get_or_add_trPr()
        trPr.append(el("w:cantSplit"))
        trPr.append(el("w:tblHeader"))
        for cell, text, width in zip(header.cells, headers, widths, strict=True):
            cell.width = Cm(width)
            shade(cell, HEADER_FILL)
            p = cell.paragraphs[0]
            p.style = doc.styles["Table Heading"]
            p.add_run(text)

    def row(self):
        row = self.table.add_row()
        row._tr.get_or_add_trPr().append(el("w:cantSplit"))
        for cell, width in zip(row.cells, self.widths, strict=True):
            cell.width = Cm(width)
        return row.cells

    def control(self, tag: str) -> None:
        cells = self.row()
        fill_cell(cells[0], [(tag, "Table Text", False)])
        for cell in cells[1:]:
            cell.paragraphs[0].style = self.table.part.document.styles["Table Text"]


def fill_cell(cell, paragraphs: list[tuple[str, str, bool]], align=None) -> None:
    """Fill a cell with paragraphs (text, style, bold); the first reuses the cell's own paragraph."""
    styles = cell.part.document.styles
    for i, (text, style, bold) in enumerate(paragraphs):
        p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        p.style = styles[style]
        if align is not None:
            p.alignment = align
        if text:
            run = p.add_run(text)
            if bold:
                run.bold = True


def shade(cell, fill: str) -> None:
    tcPr = cell._tc.get_or_add_tcPr()
    shd = el("w:shd", {"w:val": "clear", "w:color": "auto", "w:fill": fill})
    tcW = tcPr.find(qn("w:tcW"))
    if tcW is not None:
        tcW.addnext(shd)
    else:
        tcPr.insert(0, shd)


def el(tag: str, attrs: dict[str, str] | None = None):
    e = OxmlElement(tag)
    for k, v in (attrs or {}).items():
        e.set(qn(k), v)
    return e


def wrun(*children):
    r = el("w:r")
    for c in children:
        r.append(c)
    return r


def wtext(value: str):
    t = el("w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = value
    return t


def field_begin(p, instruction: str) -> None:
    instr = el("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = instruction
    p._p.append(wrun(el("w:fldChar", {"w:fldCharType": "begin"})))
    p._p.append(wrun(instr))
    p._p.append(wrun(el("w:fldChar", {"w:fldCharType": "separate"})))


def field_end(p) -> None:
    p._p.append(wrun(el("w:fldChar", {"w:fldCharType": "end"})))


def simple_field(p, instruction: str, cached: str) -> None:
    field_begin(p, f" {instruction} ")
    p._p.append(wrun(wtext(cached)))
    field_end(p)


def hyperlink(p, anchor: str, text: str) -> None:
    link = el("w:hyperlink", {"w:anchor": anchor, "w:history": "1"})
    parts = text.split("\t")
    for i, part in enumerate(parts):
        if i:
            link.append(wrun(el("w:tab")))
        if part:
            link.append(wrun(wtext(part)))
    p._p.append(link)


def with_vars(text: str) -> str:
    return text.replace("{title}", "{{ title }}").replace("{organisation}", "{{ organisation }}")


# --------------------------------------------------------------------------------------------------
# Package, page, styles, settings, header and footer
# --------------------------------------------------------------------------------------------------

_APP_XML = (
    b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    b'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    b"<Template>Normal.dotm</Template><Application>Kravbygger</Application><DocSecurity>0</DocSecurity>"
    b"<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
    b"<HyperlinksChanged>false</HyperlinksChanged></Properties>"
)


def clean_package(doc) -> None:
    """Drop what the blank document carries that a tender document should not: the thumbnail of an
    empty page, a custom XML item and Word 2010's duplicate style part."""
    package = doc.part.package
    for rId, rel in list(package.rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            del package.rels[rId]
    for rId, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/customXml") or rel.reltype.endswith("/stylesWithEffects"):
            del doc.part.rels[rId]
    for part in package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":
            part._blob = _APP_XML


def page_setup(doc) -> None:
    s = doc.sections[0]
    s.page_width, s.page_height = PAGE_W, PAGE_H
    s.left_margin = s.right_margin = MARGIN
    s.top_margin, s.bottom_margin = Cm(2.5), Cm(2.2)
    s.header_distance, s.footer_distance = Cm(1.2), Cm(1.0)


def styles(doc, lang: str) -> None:
    styles = doc.styles
    root = styles.element
    # The blank document carries ~140 decorative table styles (Light Shading Accent 1, ...): they
    # make styles.xml 400 kB, which every export parses and writes. Keep the two the masters use.
    for style in root.findall(qn("w:style")):
        if style.get(qn("w:type")) == "table" and style.get(qn("w:styleId")) not in ("TableNormal", "TableGrid"):
            root.remove(style)
    tag = V.LANGUAGE_TAG[lang]
    # Document defaults: one font without theme indirection, the document language, spacing after.
    rpr = root.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts(rpr.find(qn("w:rFonts")))
    lang_el = rpr.find(qn("w:lang"))
    lang_el.set(qn("w:val"), tag)
    lang_el.set(qn("w:eastAsia"), tag)
    lang_el.set(qn("w:bidi"), "ar-SA")
    ppr = root.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr"))
    spacing = ppr.find(qn("w:spacing"))
    spacing.set(qn("w:after"), "120")
    spacing.set(qn("w:line"), "264")
    for rfonts in root.iter(qn("w:rFonts")):
        fonts(rfonts)

    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(11)
    normal.font.color.rgb = INK

    title = styles["Title"]
    font(title, 28, bold=True, color=NAVY)
    title.paragraph_format.space_before = Pt(140)
    title.paragraph_format.space_after = Pt(8)
    title.paragraph_format.keep_with_next = True
    for border in title.element.iter(qn("w:bottom")):
        border.set(qn("w:color"), HEADER_FILL)
        for a in ("w:themeColor", "w:themeShade", "w:themeTint"):
            border.attrib.pop(qn(a), None)

    subtitle = styles["Subtitle"]
    numpr = subtitle.element.pPr.find(qn("w:numPr")) if subtitle.element.pPr is not None else None
    if numpr is not None:
        numpr.getparent().remove(numpr)
    font(subtitle, 16, color=MUTED, italic=False)
    subtitle.paragraph_format.space_after = Pt(48)

    for level, size, before, after in ((1, 18, 0, 10), (2, 13, 18, 6), (3, 12, 12, 4)):
        h = styles[f"Heading {level}"]
        font(h, size, bold=True, color=NAVY)
        pf = h.paragraph_format
        pf.space_before, pf.space_after = Pt(before), Pt(after)
        pf.keep_with_next = True
        pf.left_indent = Cm(1.3)
        pf.first_line_indent = Cm(-1.3)
        pf.tab_stops.add_tab_stop(Cm(1.3))
    styles["Heading 1"].paragraph_format.space_before = Pt(0)

    toc_heading = styles["TOC Heading"]
    font(toc_heading, 18, bold=True, color=NAVY)
    toc_heading.paragraph_format.left_indent = Cm(0)
    toc_heading.paragraph_format.first_line_indent = Cm(0)

    for level, indent in ((1, 0.0), (2, 1.3)):
        st = styles.add_style(f"toc {level}", WD_STYLE_TYPE.PARAGRAPH)
        st.base_style = normal
        st.next_paragraph_style = normal
        st.hidden = False
        st.unhide_when_used = True
        st.priority = 39
        pf = st.paragraph_format
        pf.left_indent = Cm(indent + 1.3)
        pf.first_line_indent = Cm(-1.3)
        pf.tab_stops.add_tab_stop(Cm(indent + 1.3))
        pf.tab_stops.add_tab_stop(Cm(TEXT_WIDTH_CM), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        pf.right_indent = Cm(0.8)
        pf.space_before = Pt(6 if level == 1 else 0)
        pf.space_after = Pt(3)
        font(st, 11, bold=level == 1, color=INK)

    for name in ("Header", "Footer"):
        st = styles[name]
        font(st, 9, color=MUTED)
        pf = st.paragraph_format
        tabs = st.element.pPr.find(qn("w:tabs"))
        if tabs is not None:
            tabs.getparent().remove(tabs)
        pf.tab_stops.add_tab_stop(Cm(TEXT_WIDTH_CM), WD_TAB_ALIGNMENT.RIGHT)

    for name in ("List Bullet", "List Number"):
        st = styles[name]
        font(st, 11, color=INK)
        st.paragraph_format.space_after = Pt(4)
        ctx = st.element.pPr.find(qn("w:contextualSpacing"))
        if ctx is not None:
            ctx.getparent().remove(ctx)

    table_text = styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)
    table_text.base_style = normal
    table_text.quick_style = True
    font(table_text, 9.5, color=INK)
    pf = table_text.paragraph_format
    pf.space_before, pf.space_after, pf.line_spacing = Pt(2), Pt(2), 1.0

    for name, kwargs in (
        ("Table Heading", {"bold": True, "color": WHITE}),
        ("RequirementTitle", {"bold": True, "color": INK}),
        (REQUIREMENT_STYLE, {"color": INK}),
        ("Motive", {"italic": True, "color": MUTED}),
        ("Verification", {"color": INK}),
        ("Evidence", {"color": INK}),
        ("Obligation", {"bold": True, "color": INK}),
        ("Table Note", {"color": MUTED}),
    ):
        st = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        st.base_style = table_text
        st.quick_style = True
        font(st, 9.5, **kwargs)
        if name == "Table Heading":
            st.paragraph_format.keep_with_next = True
    styles[REQUIREMENT_STYLE].paragraph_format.space_after = Pt(4)

    lead = styles.add_style("Subheading", WD_STYLE_TYPE.PARAGRAPH)
    lead.base_style = normal
    lead.quick_style = True
    _lead = lead.paragraph_format
    _lead.keep_with_next = True
    _lead.space_before, _lead.space_after = Pt(10), Pt(3)
    font(lead, 11, bold=True, color=NAVY)

    fact = styles.add_style("Cover Fact", WD_STYLE_TYPE.PARAGRAPH)
    fact.base_style = normal
    fact.quick_style = True
    font(fact, 11, color=INK)
    pf = fact.paragraph_format
    pf.space_after = Pt(4)
    pf.left_indent = FACT_TAB
    pf.first_line_indent = -FACT_TAB
    pf.tab_stops.add_tab_stop(FACT_TAB)

    # Word's own styles for review comments (the review copy's comments refer to them)
    comment_ref = styles.add_style("annotation reference", WD_STYLE_TYPE.CHARACTER)
    comment_ref.style_id = "CommentReference"
    comment_ref.font.size = Pt(8)
    comment_ref.unhide_when_used = True
    comment_text = styles.add_style("annotation text", WD_STYLE_TYPE.PARAGRAPH)
    comment_text.style_id = "CommentText"
    comment_text.base_style = normal
    comment_text.unhide_when_used = True
    font(comment_text, 10, color=INK)
    comment_text.paragraph_format.line_spacing = 1.0

    grid = styles["Table Grid"].element
    for border in grid.iter():
        if border.get(qn("w:val")) == "single":
            border.set(qn("w:color"), RULE)
    mar = grid.find(qn("w:tblPr")).find(qn("w:tblCellMar"))
    for side in ("w:left", "w:right"):
        mar.find(qn(side)).set(qn("w:w"), "57")
    for side in ("w:top", "w:bottom"):
        mar.find(qn(side)).set(qn("w:w"), "28")


def fonts(rfonts) -> None:
    for a in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(a), None)
    for a in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(a), FONT)


def font(style, size: float, *, bold: bool | None = None, italic: bool | None = None,
          color: RGBColor | None = None) -> None:
    f = style.font
    f.name = FONT
    f.size = Pt(size)
    if bold is not None:
        f.bold = bold
    if italic is not None:
        f.italic = italic
    if color is not None:
        f.color.rgb = color
    rpr = style.element.rPr
    if rpr is not None:
        for rfonts in rpr.findall(qn("w:rFonts")):
            fonts(rfonts)
        for name, value in (("w:bCs", bold), ("w:iCs", italic)):
            el = rpr.find(qn(name))
            if el is not None and value is False:
                rpr.remove(el)


def settings(doc, lang: str) -> None:
    settings = doc.settings.element
    for name in ("w:proofState", "w:savePreviewPicture"):
        found = settings.find(qn(name))
        if found is not None:
            settings.remove(found)
    compat = settings.find(qn("w:compat"))
    compat.addprevious(el("w:updateFields", {"w:val": "true"}))
    font_lang = settings.find(qn("w:themeFontLang"))
    font_lang.set(qn("w:val"), V.LANGUAGE_TAG[lang])
    font_lang.attrib.pop(qn("w:eastAsia"), None)
    if lang != "en":
        settings.find(qn("w:decimalSymbol")).set(qn("w:val"), ",")
        settings.find(qn("w:listSeparator")).set(qn("w:val"), ";")


def header_footer(doc, lang: str, document_type: str) -> None:
    w = V.DOCUMENT[lang]
    section = doc.sections[0]
    header = section.header
    header.is_linked_to_previous = False
    p = header.paragraphs[0]
    p.style = doc.styles["Header"]
    p.add_run(f"{{{{ organisation }}}} – {document_type} {{{{ reference }}}}, "
              f"{w['version'].lower()} {{{{ version }}}}")
    p.add_run("{% if is_draft %}")
    p.add_run("\t")
    marker = p.add_run("{{ draft_marker }}")
    marker.bold = True
    marker.font.size = Pt(11)
    marker.font.color.rgb = DRAFT_RED
    p.add_run("{% endif %}")
    bottom_rule(p)

    footer = section.footer
    footer.is_linked_to_previous = False
    p = footer.paragraphs[0]
    p.style = doc.styles["Footer"]
    p.add_run("{{ title }}\t" + w["page"] + " ")
    simple_field(p, "PAGE", "1")
    p.add_run(f" {w['of']} ")
    simple_field(p, "NUMPAGES", "1")


def bottom_rule(p) -> None:
    pPr = p._p.get_or_add_pPr()
    bdr = el("w:pBdr")
    bdr.append(el("w:bottom", {"w:val": "single", "w:sz": "4", "w:space": "4", "w:color": RULE}))
    # pBdr comes after keepNext..pageBreakBefore and before shd/tabs/spacing in CT_PPr
    anchor = None
    for name in ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:spacing", "w:ind", "w:jc"):
        anchor = pPr.find(qn(name))
        if anchor is not None:
            break
    if anchor is not None:
        anchor.addprevious(bdr)
    else:
        pPr.append(bdr)


