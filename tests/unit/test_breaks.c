/* test_breaks.c — where lines break: justified lines inside their column, hyphenation points
 * that do not depend on where a word stands, no-break and URL spans, emergency breaks at a
 * case change. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "fonts.h"
#include "hyphenate.h"
#include "para.h"
#include "style.h"

#include <libxml/parser.h>
#include <stdlib.h>
#include <string.h>

#include "group_ctx.h"

static pd_text_env env_of(void)
{
    PangoContext *pango = pd_fonts_context(ctx, NULL);
    assert_non_null(pango);
    return (pd_text_env){.ctx = ctx, .file = "test", .pango = pango};
}

static pd_style style_of(const char *lang, double size, bool hyphenate, pd_align align)
{
    pd_style s;
    pd_style_default(&s);
    snprintf(s.lang, sizeof s.lang, "%s", lang);
    s.font_size = size;
    s.hyphenate = hyphenate;
    s.align = align;
    return s;
}

/* A paragraph of inline markup (the content of a <p>) laid out in width. */
static pd_para *layout_markup(const char *inner, const pd_style *s, double width)
{
    char *xml = g_strdup_printf("<p xmlns='urn:phasedoc:layout:1'>%s</p>", inner);
    xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), "t.xml", NULL, XML_PARSE_NONET);
    g_free(xml);
    assert_non_null(doc);
    pd_text_env env = env_of();
    pd_para *p = pd_para_new(&env, xmlDocGetRootElement(doc), s, width);
    xmlFreeDoc(doc);
    assert_non_null(p);
    return p;
}

/* Line i's text as a reader sees it: the invisible break controls (U+00AD, U+2060, U+200B)
 * dropped, "-" appended where the line ends at a soft hyphen. Caller frees. */
static char *line_text(const pd_para *p, int i)
{
    const char *t = pango_layout_get_text(p->layout);
    const PangoLayoutLine *l = p->lines[i].line;
    GString *s = g_string_new(NULL);
    const char *end = t + l->start_index + l->length;
    for (const char *c = t + l->start_index; c < end; c = g_utf8_next_char(c)) {
        gunichar u = g_utf8_get_char(c);
        if (u == 0xad && g_utf8_next_char(c) == end)
            g_string_append_c(s, '-');
        else if (u != 0xad && u != 0x2060 && u != 0x200b)
            g_string_append_unichar(s, u == 0xa0 ? ' ' : u);
    }
    while (s->len && s->str[s->len - 1] == ' ')
        g_string_truncate(s, s->len - 1);
    return g_string_free(s, FALSE);
}

/* The acceptance text: before the fix, two lines ending in a hyphen stood 3.7 pt past the
 * column, and a line after one ended 3 pt short of it. */
static void justified_lines_end_at_the_edge(void **state)
{
    (void)state;
    pd_style s = style_of("en-US", 11, true, PD_ALIGN_JUSTIFY);
    snprintf(s.family, sizeof s.family, "Inter");
    double width = (210 - 20 - 85) * 72 / 25.4;
    const char *texts[] = {
        "ples and special arrangements, just as before. Our redesigned customer portal also "
        "gives you access to invoices, delivery notes and the status of each order at any time.",
        "We are writing to let you know that from the first of next month all deliveries to "
        "your region will be handled by our new distribution center. The change brings shorter "
        "delivery times, more flexible time windows and a dedicated contact person for your "
        "account. Nothing changes in the way you place orders: our sales team remains available "
        "as usual, and your agreed prices, discounts and payment terms stay as they are."};
    int hyphens = 0;
    for (size_t k = 0; k < 2; k++) {
        pd_text_env env = env_of();
        pd_para *p = pd_para_new_text(&env, texts[k], &s, width);
        assert_non_null(p);
        assert_true(p->nlines > 3);
        for (int i = 0; i < p->nlines; i++) {
            double w = pd_para_line_width(p, i);
            char *t = line_text(p, i);
            hyphens += t[strlen(t) - 1] == '-';
            if (w > width + 0.01 || (i + 1 < p->nlines && w < width - 0.01))
                fail_msg("line %d '%s' is %.2f pt wide in a %.2f pt column", i, t, w, width);
            g_free(t);
        }
        pd_para_free(p);
    }
    assert_true(hyphens >= 3); /* the case the fix is for did occur */
}

/* The last line stays ragged. */
static void the_last_line_stays_ragged(void **state)
{
    (void)state;
    pd_style s = style_of("en", 10, false, PD_ALIGN_JUSTIFY);
    pd_para *p = layout_markup("A paragraph line that is long enough to wrap around at least "
                               "once in this column, and a short end.", &s, 200);
    assert_true(p->nlines >= 2);
    assert_true(pd_para_line_width(p, 0) > 199.99);
    assert_true(pd_para_line_width(p, p->nlines - 1) < 190);
    pd_para_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(justified_lines_end_at_the_edge),
        cmocka_unit_test(the_last_line_stays_ragged),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
