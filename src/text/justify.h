/* justify.h — justified lines held inside their column: Pango 1.50 stretches some lines that
 * end at a soft hyphen as if the hyphen it adds took no room, so their end hyphen stands past
 * the edge by its own width. */
#ifndef PD_JUSTIFY_H
#define PD_JUSTIFY_H

#include <pango/pango.h>

/* Narrows the stretched spaces of every line of a justified layout that is wider than the
 * layout's width, and widens those short of it, so that every justified line ends at the
 * edge. Returns how many lines it changed. */
int pd_justify_fit(PangoLayout *layout);

#endif
