/* colour.c — WCAG 2 contrast, and the nearest colour of a hue that reaches a given contrast. */
#include "colour.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static int hex(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool pd_colour_parse(const char *s, int rgb[3])
{
    if (!s || s[0] != '#')
        return false;
    size_t n = strlen(s + 1);
    if (n != 6 && n != 3)
        return false;
    for (int i = 0; i < 3; i++) {
        int hi = hex(s[1 + (n == 6 ? 2 * i : i)]);
        int lo = hex(s[1 + (n == 6 ? 2 * i + 1 : i)]);
        if (hi < 0 || lo < 0)
            return false;
        rgb[i] = hi * 16 + lo;
    }
    return true;
}

static double luminance(const int c[3])
{
    static const double weight[3] = {0.2126, 0.7152, 0.0722};
    double y = 0;
    for (int i = 0; i < 3; i++) {
        double v = c[i] / 255.0;
        v = v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
        y += weight[i] * v;
    }
    return y;
}

double pd_colour_contrast(const int a[3], const int b[3])
{
    double la = luminance(a), lb = luminance(b);
    double hi = la > lb ? la : lb, lo = la > lb ? lb : la;
    return (hi + 0.05) / (lo + 0.05);
}

void pd_colour_ink(const int fg[3], const int bg[3], double ratio, int out[3])
{
    /* towards black on a light ground, towards white on a dark one; 2% steps keep the hue */
    int target = luminance(bg) > 0.18 ? 0 : 255;
    memcpy(out, fg, 3 * sizeof out[0]);
    for (int step = 1; step <= 50 && pd_colour_contrast(out, bg) < ratio; step++)
        for (int i = 0; i < 3; i++)
            out[i] = (int)lround(fg[i] + (target - fg[i]) * step / 50.0);
}
