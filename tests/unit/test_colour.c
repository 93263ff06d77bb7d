/* test_colour.c — WCAG contrast and pd_colour_ink: status colours readable as text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "colour.h"

static void test_parse(void **state)
{
    (void)state;
    int c[3];
    assert_true(pd_colour_parse("#e09b0a", c));
    assert_int_equal(c[0], 0xe0);
    assert_int_equal(c[2], 0x0a);
    assert_true(pd_colour_parse("#fff", c));
    assert_int_equal(c[1], 255);
    assert_false(pd_colour_parse("e09b0a", c));
    assert_false(pd_colour_parse("#e09b0", c));
    assert_false(pd_colour_parse("#gg0000", c));
}

static void test_contrast(void **state)
{
    (void)state;
    int black[3] = {0, 0, 0}, white[3] = {255, 255, 255}, orange[3] = {0xe0, 0x9b, 0x0a};
    assert_true(pd_colour_contrast(black, white) > 20.9);
    assert_true(pd_colour_contrast(white, white) < 1.01);
    double o = pd_colour_contrast(orange, white); /* the "2.4:1" */
    assert_true(o > 2.2 && o < 2.5);
}

static void test_ink(void **state)
{
    (void)state;
    int white[3] = {255, 255, 255}, shade[3] = {0xf2, 0xf5, 0xfa}, navy[3] = {0x1b, 0x3f, 0x8b};
    int orange[3] = {0xe0, 0x9b, 0x0a}, grey[3] = {0x8a, 0x8f, 0x98}, out[3];
    pd_colour_ink(orange, white, 4.5, out);
    assert_true(pd_colour_contrast(out, white) >= 4.5);
    assert_true(out[0] > out[1] && out[1] > out[2]); /* still an orange-brown */
    pd_colour_ink(grey, shade, 4.5, out);
    assert_true(pd_colour_contrast(out, shade) >= 4.5);
    pd_colour_ink(navy, white, 4.5, out); /* already readable: unchanged */
    assert_memory_equal(out, navy, sizeof navy);
    pd_colour_ink(navy, navy, 4.5, out); /* on a dark ground: lighter */
    assert_true(pd_colour_contrast(out, navy) >= 4.5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse),
        cmocka_unit_test(test_contrast),
        cmocka_unit_test(test_ink),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
