/* timeaxis.h — the calendar arithmetic of a time axis (Gantt chart): days, months, weeks and
 * which week labels are shown, kept apart from drawing so that it can be tested alone. */
#ifndef PD_TIMEAXIS_H
#define PD_TIMEAXIS_H

#include <stdbool.h>

/* Days since 1970-01-01 of an ISO date (proleptic Gregorian), or PD_NO_DAY if it is not one. */
#define PD_NO_DAY (-100000000L)
long pd_day_of(const char *iso);
/* The date of a day number. */
void pd_date_of(long day, int *year, int *month, int *mday);
/* The first day of the month after the one day falls in. */
long pd_next_month(long day);
/* The first Monday on or after day. */
long pd_first_monday(long day);

/* Every how many weeks a week is labelled, so that labels label_width wide (with gap) fit
 * between ticks week_width apart: 1, 2, 4, 8, ... (a regular rhythm, never an odd skip). */
int pd_week_step(double week_width, double label_width, double gap);

/* Where the label of a week tick at tick_x goes: just right of the tick, or moved left so that
 * it ends inside the month the tick belongs to (which ends at month_end_x). Returns false when
 * it does not fit between month_start_x and month_end_x, or would touch the label before it
 * (which ended at prev_end). */
bool pd_week_label_x(double tick_x, double width, double month_start_x, double month_end_x,
                     double prev_end, double pad, double *x);

/* The centre of a milestone diamond of radius r for a day drawn at day_x (day_w wide), kept
 * inside the chart's time span [x0, x1]. */
double pd_milestone_x(double day_x, double day_w, double r, double x0, double x1);

#endif
