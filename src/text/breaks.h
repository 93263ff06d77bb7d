/* breaks.h — where Pango may break a line, controlled through the text it is given: no-break
 * spans, URLs and e-mail addresses, a currency sign kept with its amount, and emergency breaks
 * moved to a case change inside a word. */
#ifndef PD_BREAKS_H
#define PD_BREAKS_H

#include "hyphenate.h"
#include "util.h"

#include <glib.h>
#include <pango/pango.h>
#include <stdbool.h>

/* How a run of inline text may be broken. */
typedef enum {
    PD_BREAK_NORMAL, /* Unicode line breaking (UAX #14), hyphenation where the style asks */
    PD_BREAK_NEVER,  /* <span nobreak="true">: nowhere inside, no hyphenation */
    PD_BREAK_URL,    /* <span break="url">, links to http(s) and mailto: only after / . @ - _ ? & =,
                      * and at spaces; never with a hyphen */
    PD_BREAK_LOOSE   /* a no-break span wider than its line: Unicode line breaking again,
                      * still without hyphenation */
} pd_break_mode;

/* Longer runs are left to Pango's own rules: the controls below add a character between any
 * two, and a hostile megabyte-long "URL" should not cost four times as much to lay out. */
#define PD_BREAK_CONTROL_MAX 4096

/* Appends len bytes of collapsed text (UTF-8) to out so that Pango breaks it only as mode
 * allows: U+2060 WORD JOINER where no break may be (on both sides of a space inside a no-break
 * span), U+200B ZERO WIDTH SPACE where a URL may break. These print as nothing and are not in the
 * PDF's text. A leading space (the boundary before the span) stays a space. joined says
 * whether the text continues a run of the same span (then no break before it either). */
void pd_breaks_add(pd_buf *out, const char *text, size_t len, pd_break_mode mode, bool joined);

/* Whether the text may hold an e-mail address or a URL (cheap test before the search). */
bool pd_breaks_may_have_url(const char *text);

/* The first e-mail address or URL (http://, https://, www.) written as plain text in
 * text[0, len), as bytes [*start, *end) without the punctuation around it; false if none. */
bool pd_breaks_next_url(const char *text, size_t len, size_t *start, size_t *end);

/* Whether the text has a word with a change from lower to upper case inside ("ForLegacy"). */
bool pd_breaks_has_case_change(const char *text, size_t len);

/* Appends text with a soft hyphen at every change from lower to upper case inside a word
 * ("For\u00adLegacy\u00adCustomer") instead of its hyphenation points, for words that would
 * otherwise break anywhere by character; other words hyphenated with h if not NULL. */
void pd_breaks_add_case_points(pd_buf *out, const char *text, size_t len,
                               const pd_hyphenator *h);

/* Whether Pango broke a line of layout where the text has no break opportunity (an
 * emergency break by character inside a word too long for its line). */
bool pd_breaks_has_emergency(PangoLayout *layout);

/* Whether Pango put the bytes [start, end) of layout's text on more than one line. */
bool pd_breaks_split(PangoLayout *layout, int start, int end);

/* Whether a space between these two characters must not break: a currency sign and a digit
 * ("€ 265,745,891.00", "1.250,00 €"). */
bool pd_breaks_glue_space(gunichar before, gunichar after);

/* Whether a space between the words before and after (the tokens either side, as written)
 * must not break because they belong to one date in language lang (its first two letters):
 * day and month ("31. März", "31 March", "1er mars"), month and day ("March 31st"), month and
 * year ("März 2027"). A date is read as one thing; a line should not end inside it. Other
 * languages have no rule. */
bool pd_breaks_glue_date(const char *lang, const char *before, size_t nbefore, const char *after,
                         size_t nafter);

#endif
