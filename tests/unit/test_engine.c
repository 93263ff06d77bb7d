/* test_engine.c — the pagination rules, checked on the placed boxes themselves. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "engine.h"
#include "xml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "group_ctx.h"

/* A small A5 page: 50pt margins leave a body 495.3pt high. */
#define HEAD "<document xmlns='urn:phasedoc:layout:1' date='2026-11-20'>" \
             "<page-master name='m' size='A5' margin-top='50pt' margin-bottom='50pt' " \
             "margin-left='50pt' margin-right='50pt'/><flow master='m'>"
#define TAIL "</flow></document>"

/* The layout borrows its document: done() frees both. */
static xmlDocPtr current_doc;

static pd_layout *run(const char *body)
{
    static char xml[1 << 20];
    snprintf(xml, sizeof xml, "%s%s%s", HEAD, body, TAIL);
    current_doc = pd_xml_parse(ctx, xml, strlen(xml), "t.xml");
    assert_non_null(current_doc);
    pd_layout *lay = NULL;
    assert_int_equal(pd_layout_run(ctx, current_doc, NULL, NULL, 0, &lay), PD_OK);
    return lay;
}

static void done(pd_layout *lay)
{
    pd_layout_free(lay);
    xmlFreeDoc(current_doc);
    current_doc = NULL;
}

static const char *line_text(const pd_box *b, char *buf, size_t size)
{
    PangoLayoutLine *line = pango_layout_get_line_readonly(b->para->layout, b->line);
    snprintf(buf, size, "%.*s", line->length,
             pango_layout_get_text(b->para->layout) + line->start_index);
    return buf;
}

/* The page (1-based) whose body holds a text line starting with prefix, or 0. */
static int page_of(const pd_layout *lay, const char *prefix)
{
    char buf[512];
    for (int p = 0; p < lay->book.npages; p++)
        for (int i = 0; i < lay->book.pages[p].body.nboxes; i++) {
            const pd_box *b = &lay->book.pages[p].body.boxes[i];
            if (b->kind == PD_BOX_TEXT &&
                strncmp(line_text(b, buf, sizeof buf), prefix, strlen(prefix)) == 0)
                return p + 1;
        }
    return 0;
}

static int count_on_page(const pd_layout *lay, int page, const char *prefix)
{
    char buf[512];
    int n = 0;
    const pd_frag *f = &lay->book.pages[page - 1].body;
    for (int i = 0; i < f->nboxes; i++)
        if (f->boxes[i].kind == PD_BOX_TEXT &&
            strncmp(line_text(&f->boxes[i], buf, sizeof buf), prefix, strlen(prefix)) == 0)
            n++;
    return n;
}

static int text_lines_on_page(const pd_layout *lay, int page)
{
    int n = 0;
    const pd_frag *f = &lay->book.pages[page - 1].body;
    for (int i = 0; i < f->nboxes; i++)
        n += f->boxes[i].kind == PD_BOX_TEXT;
    return n;
}

static char *words(int n, const char *word)
{
    size_t len = (strlen(word) + 1) * (size_t)n + 1;
    char *s = calloc(1, len);
    for (int i = 0; i < n; i++) {
        strcat(s, word);
        strcat(s, " ");
    }
    return s;
}

static void heading_at_page_foot_moves(void **state)
{
    (void)state;
    pd_layout *lay = run("<spacer height='470pt'/><h level='1'>Heading</h><p>Body text.</p>");
    assert_int_equal(lay->book.npages, 2);
    assert_int_equal(page_of(lay, "Heading"), 2);
    assert_int_equal(page_of(lay, "Body"), 2);
    done(lay);
}

static void orphans_move_the_paragraph(void **state)
{
    (void)state;
    /* room for one line only at the page foot: the paragraph starts on the next page */
    char *text = words(200, "orphan");
    char body[8192];
    snprintf(body, sizeof body, "<spacer height='482pt'/><p>Start %s</p>", text);
    free(text);
    pd_layout *lay = run(body);
    assert_int_equal(page_of(lay, "Start"), 2);
    done(lay);
}

static void widows_leave_two_lines(void **state)
{
    (void)state;
    /* about 38 lines fit; a paragraph of 39 lines must not leave 1 line alone */
    char *text = words(60, "widow widow widow widow widow");
    char body[16384];
    snprintf(body, sizeof body, "<p>%s</p>", text);
    free(text);
    pd_layout *lay = run(body);
    for (int p = 1; p <= lay->book.npages; p++)
        assert_true(text_lines_on_page(lay, p) >= 2);
    done(lay);
}

static void table_header_repeats_on_every_page(void **state)
{
    (void)state;
    char body[65536] = "<table><column width='20mm'/><column width='1*'/>"
                       "<header><row><cell>ID</cell><cell>Headline</cell></row></header>";
    for (int i = 0; i < 120; i++) {
        char row[256];
        snprintf(row, sizeof row, "<row><cell>R%03d</cell><cell>Row %d of the table, "
                                  "long enough to wrap maybe</cell></row>", i, i);
        strcat(body, row);
    }
    strcat(body, "</table>");
    pd_layout *lay = run(body);
    assert_true(lay->book.npages >= 3);
    for (int p = 1; p <= lay->book.npages; p++)
        assert_int_equal(count_on_page(lay, p, "Headline"), 1);
    assert_int_equal(page_of(lay, "R000"), 1);
    assert_int_equal(page_of(lay, "R119"), lay->book.npages);
    /* no row is split: each row's two cells are on the same page */
    for (int i = 0; i < 120; i++) {
        char id[16], text[32];
        snprintf(id, sizeof id, "R%03d", i);
        snprintf(text, sizeof text, "Row %d of", i);
        assert_int_equal(page_of(lay, id), page_of(lay, text));
    }
    done(lay);
}

static void row_taller_than_a_page_is_split(void **state)
{
    (void)state;
    char *text = words(900, "tallrow");
    char *body = malloc(strlen(text) + 1024);
    sprintf(body, "<table><column width='20mm'/><column width='1*'/>"
                  "<header><row><cell>ID</cell><cell>Headline</cell></row></header>"
                  "<row><cell>R1</cell><cell>first %s last</cell></row>"
                  "<row><cell>R2</cell><cell>after</cell></row></table>", text);
    free(text);
    pd_layout *lay = run(body);
    free(body);
    assert_true(lay->book.npages >= 3);
    for (int p = 1; p <= lay->book.npages; p++) {
        assert_int_equal(count_on_page(lay, p, "Headline"), 1);
        assert_true(text_lines_on_page(lay, p) >= 2);
    }
    assert_int_equal(page_of(lay, "R1"), 1);
    assert_int_equal(page_of(lay, "R2"), lay->book.npages);
    done(lay);
}

static void keep_chain_longer_than_a_page_breaks(void **state)
{
    (void)state;
    char body[32768] = "";
    for (int i = 0; i < 80; i++) {
        char h[128];
        snprintf(h, sizeof h, "<h level='2'>Chain %02d</h>", i);
        strcat(body, h);
    }
    strcat(body, "<p>End of the chain.</p>");
    pd_layout *lay = run(body);
    assert_true(lay->book.npages >= 2);
    assert_int_equal(page_of(lay, "Chain 00"), 1); /* not pushed off the first page */
    assert_true(page_of(lay, "End of") > 0);
    done(lay);
}

/* A table row ROW with a cell about 100pt high. */
#define TALL_ROW(id) "<row><cell><p>" id "</p><spacer height='100pt'/></cell><cell>x</cell></row>"
#define TABLE_HEAD "<table><column width='20mm'/><column width='1*'/>" \
                   "<header><row><cell>ID</cell><cell>Headline</cell></row></header>"

/* A heading, its lead and a table of three rows (each row keeps with the next: a short table
 * stays together) are longer than a page; the table alone is not. The heading and lead keep
 * with the first rows, not with the whole table: the table starts below them. */
static void heading_and_lead_keep_with_the_first_rows(void **state)
{
    (void)state;
    pd_layout *lay = run("<h level='1'>Prices</h><p keep-with-next='true'>All amounts in EUR.</p>"
                         TABLE_HEAD "<row><cell><p>R1</p><spacer height='130pt'/></cell><cell>x</cell></row>"
                         "<row><cell><p>R2</p><spacer height='130pt'/></cell><cell>x</cell></row>"
                         "<row><cell><p>R3</p><spacer height='130pt'/></cell><cell>x</cell></row></table>");
    assert_int_equal(page_of(lay, "Prices"), 1);
    assert_int_equal(page_of(lay, "R1"), 1);
    assert_int_equal(page_of(lay, "R2"), 1); /* the page is filled, not left half empty */
    assert_int_equal(page_of(lay, "R3"), 2);
    assert_int_equal(count_on_page(lay, 2, "Headline"), 1);
    done(lay);
}

/* The last two rows of a table keep together: where that moves the last but one to the next
 * page, the header is repeated there as for any break inside the table. */
static void keep_inside_a_table_repeats_the_header(void **state)
{
    (void)state;
    pd_layout *lay = run("<spacer height='150pt'/>" TABLE_HEAD TALL_ROW("R1") TALL_ROW("R2")
                         TALL_ROW("R3") TALL_ROW("R4") "</table>");
    assert_int_equal(page_of(lay, "R2"), 1);
    assert_int_equal(page_of(lay, "R3"), 2);
    assert_int_equal(page_of(lay, "R4"), 2);
    assert_int_equal(count_on_page(lay, 2, "Headline"), 1);
    done(lay);
}

/* Rows a row span holds together, nearly a page high, do not fit below the table's first row:
 * moved whole, they would leave the first page nearly empty, so they are cut between rows,
 * the header repeated above the rest. */
static void rows_held_together_are_cut_rather_than_leave_a_page_empty(void **state)
{
    (void)state;
    pd_layout *lay = run(TABLE_HEAD "<row><cell>R0</cell><cell>x</cell></row>"
                         "<row><cell><p>G1</p><spacer height='130pt'/></cell><cell rowspan='3'/></row>"
                         "<row><cell><p>G2</p><spacer height='130pt'/></cell></row>"
                         "<row><cell><p>G3</p><spacer height='130pt'/></cell></row></table>");
    assert_int_equal(page_of(lay, "R0"), 1);
    assert_int_equal(page_of(lay, "G1"), 1);
    assert_int_equal(page_of(lay, "G2"), 1);
    assert_int_equal(page_of(lay, "G3"), 2);
    assert_int_equal(count_on_page(lay, 2, "Headline"), 1);
    done(lay);
}

static void page_break_switches_master(void **state)
{
    (void)state;
    static const char xml[] =
        "<document xmlns='urn:phasedoc:layout:1'>"
        "<page-master name='cover' size='A4'/><page-master name='body' size='Letter'/>"
        "<flow master='cover' next-master='body'><p>Cover</p><page-break/><p>Body</p>"
        "<page-break/><p>More</p></flow></document>";
    xmlDocPtr doc = pd_xml_parse(ctx, xml, strlen(xml), "t.xml");
    pd_layout *lay = NULL;
    assert_int_equal(pd_layout_run(ctx, doc, NULL, NULL, 0, &lay), PD_OK);
    assert_int_equal(lay->book.npages, 3);
    assert_string_equal(lay->book.pages[0].master->name, "cover");
    assert_string_equal(lay->book.pages[1].master->name, "body");
    assert_string_equal(lay->book.pages[2].master->name, "body");
    pd_layout_free(lay);
    xmlFreeDoc(doc);
}

static void max_pages_is_enforced(void **state)
{
    (void)state;
    static const char xml[] =
        "<document xmlns='urn:phasedoc:layout:1'><page-master name='m'/><flow master='m'>"
        "<p>1</p><page-break/><p>2</p><page-break/><p>3</p></flow></document>";
    xmlDocPtr doc = pd_xml_parse(ctx, xml, strlen(xml), "t.xml");
    pd_layout *lay = NULL;
    assert_int_equal(pd_layout_run(ctx, doc, NULL, NULL, 2, &lay), PD_ERR_INPUT);
    assert_null(lay);
    assert_non_null(strstr(pd_ctx_diag(ctx, pd_ctx_diag_count(ctx) - 1)->message, "max-pages"));
    pd_ctx_clear_diags(ctx);
    xmlFreeDoc(doc);
}

/* A long document (past PD_STREAM_AFTER pages) hands its pages to the sink in order; a
 * second, drawing pass happens only when something shows the page count. */
static int sunk, sunk_in_order;

static void count_page(void *user, const pd_layout *lay, int index)
{
    (void)user, (void)lay;
    sunk_in_order += index == sunk;
    sunk++;
}

static int passes_of_long_document(const char *footer)
{
    static char xml[1 << 16];
    int n = snprintf(xml, sizeof xml, "<document xmlns='urn:phasedoc:layout:1'><page-master "
                     "name='m'>%s</page-master><flow master='m'>", footer);
    for (int i = 0; i < 2 * PD_STREAM_AFTER; i++)
        n += snprintf(xml + n, sizeof xml - (size_t)n, "<p>page %d</p><page-break/>", i + 1);
    n += snprintf(xml + n, sizeof xml - (size_t)n, "<p>last</p></flow></document>");
    xmlDocPtr doc = pd_xml_parse(ctx, xml, (size_t)n, "t.xml");
    assert_non_null(doc);
    pd_layout *lay = NULL;
    sunk = sunk_in_order = 0;
    assert_int_equal(pd_layout_run_jobs(ctx, doc, NULL, NULL, 0, 1, count_page, NULL, &lay),
                     PD_OK);
    assert_int_equal(sunk, 2 * PD_STREAM_AFTER + 1);
    assert_int_equal(sunk_in_order, sunk);
    int passes = lay->passes;
    pd_layout_free(lay);
    xmlFreeDoc(doc);
    return passes;
}

static void long_document_without_page_count_is_laid_out_once(void **state)
{
    (void)state;
    assert_int_equal(passes_of_long_document(""), 1);
    assert_int_equal(passes_of_long_document("<footer><p>Page <page-number/></p></footer>"), 1);
    assert_int_equal(
        passes_of_long_document("<footer><p><page-number/> of <page-count/></p></footer>"), 2);
}

static void markup_looking_text_is_literal(void **state)
{
    (void)state;
    pd_layout *lay = run("<p>&lt;b&gt;not bold&lt;/b&gt; &amp;amp;</p>");
    assert_int_equal(page_of(lay, "<b>not bold</b> &amp;"), 1);
    done(lay);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(heading_at_page_foot_moves),
        cmocka_unit_test(orphans_move_the_paragraph),
        cmocka_unit_test(widows_leave_two_lines),
        cmocka_unit_test(table_header_repeats_on_every_page),
        cmocka_unit_test(row_taller_than_a_page_is_split),
        cmocka_unit_test(keep_chain_longer_than_a_page_breaks),
        cmocka_unit_test(heading_and_lead_keep_with_the_first_rows),
        cmocka_unit_test(keep_inside_a_table_repeats_the_header),
        cmocka_unit_test(rows_held_together_are_cut_rather_than_leave_a_page_empty),
        cmocka_unit_test(page_break_switches_master),
        cmocka_unit_test(max_pages_is_enforced),
        cmocka_unit_test(markup_looking_text_is_literal),
        cmocka_unit_test(long_document_without_page_count_is_laid_out_once),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
