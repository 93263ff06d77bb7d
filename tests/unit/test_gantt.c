/* test_gantt.c — the time axis arithmetic, and a Gantt chart split between rows by pagination:
 * every part with its own axis, nothing below the page body, headings not left alone. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "engine.h"
#include "lines.h"
#include "timeaxis.h"
#include "xml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "group_ctx.h"

static void days_and_dates_round_trip(void **state)
{
    (void)state;
    assert_int_equal(pd_day_of("1970-01-01"), 0);
    assert_int_equal(pd_day_of("not a date"), PD_NO_DAY);
    for (long d = pd_day_of("2026-11-01"); d < pd_day_of("2029-03-01"); d += 13) {
        int y, m, dd;
        char iso[16];
        pd_date_of(d, &y, &m, &dd);
        snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, m, dd);
        assert_int_equal(pd_day_of(iso), d);
    }
    assert_int_equal(pd_next_month(pd_day_of("2026-12-31")), pd_day_of("2027-01-01"));
    assert_int_equal(pd_next_month(pd_day_of("2028-02-01")), pd_day_of("2028-03-01"));
    /* 2026-11-09 was a Monday */
    assert_int_equal(pd_first_monday(pd_day_of("2026-11-09")), pd_day_of("2026-11-09"));
    assert_int_equal(pd_first_monday(pd_day_of("2026-11-10")), pd_day_of("2026-11-16"));
    assert_int_equal(pd_first_monday(pd_day_of("2026-11-15")), pd_day_of("2026-11-16"));
}

static void week_labels_thin_regularly(void **state)
{
    (void)state;
    assert_int_equal(pd_week_step(20, 8, 3), 1);
    assert_int_equal(pd_week_step(10, 8, 3), 2);
    assert_int_equal(pd_week_step(5, 8, 3), 4);  /* 3 would be irregular: never */
    assert_int_equal(pd_week_step(1, 8, 3), 16);
}

static void week_labels_stay_in_their_month(void **state)
{
    (void)state;
    double x;
    /* room after the tick: just right of it */
    assert_true(pd_week_label_x(100, 8, 90, 160, 0, 1.5, &x));
    assert_float_equal(x, 101.5, 1e-9);
    /* a Monday two days before the month's end: moved left, ending inside its month */
    assert_true(pd_week_label_x(150, 8, 90, 155, 0, 1.5, &x));
    assert_true(x + 8 <= 155 - 1.5 + 1e-9);
    assert_true(x < 150);
    /* but never onto the label before it */
    assert_false(pd_week_label_x(150, 8, 90, 155, 145, 1.5, &x));
    /* a month too short for any label */
    assert_false(pd_week_label_x(150, 8, 150, 154, 0, 1.5, &x));
}

static void last_milestone_inside_the_chart(void **state)
{
    (void)state;
    /* on the last day: pulled in so that the whole diamond is inside */
    assert_float_equal(pd_milestone_x(399, 1, 5, 100, 400), 395, 1e-9);
    assert_float_equal(pd_milestone_x(100, 1, 5, 100, 400), 105, 1e-9);
    assert_float_equal(pd_milestone_x(200, 2, 5, 100, 400), 201, 1e-9);
}

/* ---- the chart through the engine ---- */

static xmlDocPtr current_doc;

/* An A5 page (body 495pt high) with text filling top_space, a heading and a chart of n
 * tasks and a milestone on the plan's last day. */
static pd_layout *chart(int n, int top_space)
{
    static char xml[1 << 20];
    int len = snprintf(xml, sizeof xml,
        "<document xmlns='urn:phasedoc:layout:1' date='2026-11-20'>"
        "<page-master name='m' size='A5' margin-top='50pt' margin-bottom='50pt' "
        "margin-left='50pt' margin-right='50pt'><footer><p>Page <page-number/> of "
        "<page-count/></p></footer></page-master><flow master='m'>"
        "<spacer height='%dpt'/><h level='1' keep-with-next='true'>Schedule</h>"
        "<gantt start='2026-11-09' end='2027-03-26' month-names='Jan Feb Mar Apr May Jun Jul "
        "Aug Sep Oct Nov Dec' today='2026-11-20'>", top_space);
    for (int i = 1; i <= n; i++)
        len += snprintf(xml + len, sizeof xml - (size_t)len,
                        "<task id='T%d' label='T%d task with a long label that the column may "
                        "not hold in full' start='2026-%02d-%02d' end='2026-12-%02d'%s/>",
                        i, i, 11, 9 + i % 20, 1 + i % 25, i > 1 ? " depends='T1'" : "");
    snprintf(xml + len, sizeof xml - (size_t)len,
             "<milestone label='All done' date='2027-03-26'/></gantt></flow></document>");
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

static bool starts(const pd_box *b, const char *prefix)
{
    int len;
    const char *t = pd_para_line_text(b->para, b->line, &len);
    return len >= (int)strlen(prefix) && strncmp(t, prefix, strlen(prefix)) == 0;
}

static int count(const pd_frag *f, const char *prefix)
{
    int n = 0;
    for (int i = 0; i < f->nboxes; i++)
        n += f->boxes[i].kind == PD_BOX_TEXT && starts(&f->boxes[i], prefix);
    return n;
}

static void tall_chart_splits_with_an_axis_on_every_page(void **state)
{
    (void)state;
    pd_layout *lay = chart(60, 300);
    assert_true(lay->book.npages >= 3);
    int rows = 0;
    for (int p = 0; p < lay->book.npages; p++) {
        const pd_page *page = &lay->book.pages[p];
        const pd_frag *f = &page->body;
        double bottom = page->master->height - page->master->margin_bottom;
        for (int i = 0; i < f->nboxes; i++) /* nothing below the body: the footer is free */
            assert_true(f->boxes[i].y + (f->boxes[i].kind == PD_BOX_LINE ? 0 : f->boxes[i].h) <=
                        bottom + 0.01);
        int here = count(f, "T");
        rows += here;
        /* each part has its axis above its rows, and more than one row */
        assert_int_equal(count(f, "Nov"), 1);
        assert_true(here + count(f, "All done") >= 2);
        double axis_y = 0, first_row = 1e9;
        for (int i = 0; i < f->nboxes; i++) {
            const pd_box *b = &f->boxes[i];
            if (b->kind == PD_BOX_TEXT && starts(b, "Nov"))
                axis_y = b->y;
            if (b->kind == PD_BOX_TEXT && starts(b, "T") && b->y < first_row)
                first_row = b->y;
        }
        assert_true(axis_y < first_row);
        assert_int_equal(count(&page->under, "Page"), 1); /* the footer was placed */
    }
    assert_int_equal(rows, 60);
    /* the heading is on the first page, with the chart's first part */
    assert_int_equal(count(&lay->book.pages[0].body, "Schedule"), 1);
    assert_true(count(&lay->book.pages[0].body, "T") >= 4);
    done(lay);
}

/* Wherever the chart begins near a page's foot, its first part has four rows at least, or
 * it begins on the next page (two rows and the axis under a heading read as a stub). */
static void first_part_is_never_a_stub(void **state)
{
    (void)state;
    for (int top = 330; top <= 450; top += 6) {
        pd_layout *lay = chart(30, top);
        int first = count(&lay->book.pages[0].body, "T");
        assert_true(first == 0 || first >= 4);
        done(lay);
    }
}

static void heading_moves_with_the_chart(void **state)
{
    (void)state;
    /* room for the heading and the axis, not for four rows: both go to the next page */
    pd_layout *lay = chart(30, 440);
    assert_int_equal(count(&lay->book.pages[0].body, "Schedule"), 0);
    assert_int_equal(count(&lay->book.pages[1].body, "Schedule"), 1);
    done(lay);
}

static void small_chart_moves_whole(void **state)
{
    (void)state;
    /* room for the heading, the axis and a few rows: a chart of six rows is not split */
    pd_layout *lay = chart(5, 380);
    assert_int_equal(count(&lay->book.pages[0].body, "T"), 0);
    assert_int_equal(count(&lay->book.pages[1].body, "T"), 5);
    assert_int_equal(count(&lay->book.pages[1].body, "Schedule"), 1);
    done(lay);
}

static void labels_are_cut_only_when_too_long(void **state)
{
    (void)state;
    pd_layout *lay = chart(3, 0);
    const pd_frag *f = &lay->book.pages[0].body;
    int cut = 0, whole = 0;
    for (int i = 0; i < f->nboxes; i++) {
        const pd_box *b = &f->boxes[i];
        int len;
        const char *t = b->kind == PD_BOX_TEXT ? pd_para_line_text(b->para, b->line, &len) : "";
        if (b->kind == PD_BOX_TEXT && starts(b, "T"))
            cut += len >= 3 && memcmp(t + len - 3, "\xe2\x80\xa6", 3) == 0;
        if (b->kind == PD_BOX_TEXT && starts(b, "All done"))
            whole++;
    }
    assert_int_equal(cut, 3);   /* too long for two fifths of the width */
    assert_int_equal(whole, 1); /* short: whole, no ellipsis */
    /* the last milestone's diamond ends inside the page body */
    const pd_page *page = &lay->book.pages[lay->book.npages - 1];
    double right = page->master->width - page->master->margin_right;
    for (int i = 0; i < page->body.nboxes; i++) {
        const pd_box *b = &page->body.boxes[i];
        if (b->kind == PD_BOX_PATH && b->npoints == 4)
            for (int k = 0; k < 4; k++)
                assert_true(b->x + b->path[2 * k] <= right + 0.01);
    }
    done(lay);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(days_and_dates_round_trip),
        cmocka_unit_test(week_labels_thin_regularly),
        cmocka_unit_test(week_labels_stay_in_their_month),
        cmocka_unit_test(last_milestone_inside_the_chart),
        cmocka_unit_test(tall_chart_splits_with_an_axis_on_every_page),
        cmocka_unit_test(heading_moves_with_the_chart),
        cmocka_unit_test(first_part_is_never_a_stub),
        cmocka_unit_test(small_chart_moves_whole),
        cmocka_unit_test(labels_are_cut_only_when_too_long),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
