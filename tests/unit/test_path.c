/* test_path.c — pd_path_inside: the one confinement rule, and pd_array_grow/reserve. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "array.h"
#include "path.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void inside_and_outside(void **state)
{
    (void)state;
    assert_true(pd_path_inside("/a/b/c.png", "/a/b"));
    assert_true(pd_path_inside("/a/b/sub/c.png", "/a/b"));
    assert_true(pd_path_inside("/a/b/c.png", "/a/b/")); /* a trailing slash on the folder */
    assert_false(pd_path_inside("/a/b", "/a/b"));        /* the folder itself */
    assert_false(pd_path_inside("/a/b/", "/a/b"));
    assert_false(pd_path_inside("/a/bc/d", "/a/b"));     /* a sibling sharing the prefix */
    assert_false(pd_path_inside("/a/bc", "/a/b"));
    assert_false(pd_path_inside("/a", "/a/b"));          /* the parent */
    assert_false(pd_path_inside("/etc/passwd", "/a/b"));
    assert_true(pd_path_inside("/etc/passwd", "/"));     /* the root holds everything ... */
    assert_false(pd_path_inside("/", "/"));              /* ... but itself */
    assert_true(pd_path_inside("/x", "//"));
    assert_false(pd_path_inside("a/b/c", "a/b"));        /* relative: never */
    assert_false(pd_path_inside("/a/b/c", "a/b"));
    assert_false(pd_path_inside(NULL, "/a"));
    assert_false(pd_path_inside("/a/b", NULL));
    assert_false(pd_path_inside("", "/"));
}

static void inside_a_real_folder(void **state)
{
    (void)state;
    char dir[] = "/tmp/pd-path-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char link[64];
    snprintf(link, sizeof link, "%s-link", dir);
    assert_int_equal(symlink(dir, link), 0);
    char *real_dir = realpath(dir, NULL);
    char real_file[4200];
    snprintf(real_file, sizeof real_file, "%s/f", real_dir);
    /* the folder given through a link resolves to the same folder */
    assert_true(pd_path_inside_dir(real_file, link));
    assert_true(pd_path_inside_dir(real_file, dir));
    assert_false(pd_path_inside_dir(real_dir, link));
    assert_false(pd_path_inside_dir(real_file, "/nonexistent/folder"));
    unlink(link);
    rmdir(dir);
    free(real_dir);
}

static void array_grows(void **state)
{
    (void)state;
    int *a = NULL;
    size_t cap = 0, n = 0;
    for (int i = 0; i < 1000; i++) {
        int *p = pd_array_grow(a, &cap, n + 1, sizeof *p);
        assert_non_null(p);
        a = p;
        a[n++] = i;
        assert_true(cap >= n);
    }
    assert_true(cap < 2048); /* doubling, not one at a time */
    for (int i = 0; i < 1000; i++)
        assert_int_equal(a[i], i);
    size_t before = cap;
    assert_ptr_equal(pd_array_grow(a, &cap, 10, sizeof *a), a); /* room already */
    assert_int_equal(cap, before);
    /* an overflowing request fails and leaves the array as it was */
    assert_null(pd_array_grow(a, &cap, SIZE_MAX / 2, sizeof *a));
    assert_int_equal(cap, before);
    assert_int_equal(a[999], 999);
    free(a);
    size_t c0 = 0;
    assert_null(pd_array_grow(NULL, &c0, 1, 0)); /* a zero element size is a mistake */
    assert_int_equal(c0, 0);
}

/* The in-place form: an empty need is room enough (parts without anchors add none), a failed
 * request leaves the array and its capacity as they were. */
static void array_reserves_in_place(void **state)
{
    (void)state;
    struct {
        double *items;
        size_t cap;
    } a = {NULL, 0};
    assert_true(PD_ARRAY_RESERVE(a.items, a.cap, 0));
    assert_null(a.items);
    assert_true(PD_ARRAY_RESERVE(a.items, a.cap, 3));
    assert_non_null(a.items);
    assert_true(a.cap >= 3);
    a.items[2] = 2.5;
    double *before = a.items;
    size_t cap = a.cap;
    assert_false(PD_ARRAY_RESERVE(a.items, a.cap, SIZE_MAX / 4));
    assert_ptr_equal(a.items, before);
    assert_int_equal(a.cap, cap);
    assert_true(a.items[2] == 2.5);
    free(a.items);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(inside_and_outside),
        cmocka_unit_test(inside_a_real_folder),
        cmocka_unit_test(array_grows),
        cmocka_unit_test(array_reserves_in_place),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
