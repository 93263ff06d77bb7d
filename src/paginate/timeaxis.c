/* timeaxis.c — calendar arithmetic and label placement for time axes. */
#include "timeaxis.h"

#include <math.h>
#include <stdio.h>

long pd_day_of(const char *iso)
{
    int y, m, d;
    if (!iso || sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12 || d < 1 || d > 31)
        return PD_NO_DAY;
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void pd_date_of(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

long pd_next_month(long day)
{
    int y, m, d;
    pd_date_of(day, &y, &m, &d);
    char iso[32];
    snprintf(iso, sizeof iso, "%04d-%02d-01", (m == 12 ? y + 1 : y) % 10000, m == 12 ? 1 : m + 1);
    return pd_day_of(iso);
}

long pd_first_monday(long day)
{
    long weekday = ((day + 3) % 7 + 7) % 7; /* 0 = Monday; 1970-01-01 was a Thursday */
    return day + (7 - weekday) % 7;
}

int pd_week_step(double week_width, double label_width, double gap)
{
    int step = 1;
    while (step < 1024 && step * week_width < label_width + gap)
        step *= 2;
    return step;
}

bool pd_week_label_x(double tick_x, double width, double month_start_x, double month_end_x,
                     double prev_end, double pad, double *x)
{
    double at = fmin(tick_x + pad, month_end_x - pad - width);
    if (at < month_start_x + pad * 0.5 || at < prev_end + pad)
        return false;
    *x = at;
    return true;
}

double pd_milestone_x(double day_x, double day_w, double r, double x0, double x1)
{
    double cx = day_x + day_w / 2;
    if (cx + r > x1)
        cx = x1 - r;
    if (cx - r < x0)
        cx = x0 + r;
    return cx;
}
