/* justify.c — every justified line made exactly as wide as its column.
 *
 * Pango 1.50 justifies a line by spreading the room its line breaker reports as left over
 * over the line's spaces. Around soft hyphens that room is sometimes off by the hyphen's
 * width: a line ending in a hyphen it added is stretched as if the hyphen took no room, and
 * its hyphen stands past the edge (3.7 pt at Inter 11 pt); a line after one can come out
 * 3 pt short. The line's real width is the sum of its glyphs; the difference to the column is
 * given to, or taken back from, the same spaces Pango stretched. */
#include "justify.h"

#include <stdbool.h>
#include <string.h>

static int line_width(const PangoLayoutLine *line)
{
    int w = 0;
    for (GSList *r = line->runs; r; r = r->next) {
        const PangoGlyphItem *run = r->data;
        w += pango_glyph_string_get_width(run->glyphs);
    }
    return w;
}

/* Whether Pango justifies the line: not the last line (unless asked), not a line with tab
 * stops. (It does justify a line ended by <br/>.) */
static bool justified(const PangoLayout *layout, const char *text, const PangoLayoutLine *line,
                      bool last)
{
    if (last && !pango_layout_get_justify_last_line((PangoLayout *)layout))
        return false;
    return memchr(text + line->start_index, '\t', (size_t)line->length) == NULL;
}

/* The glyphs that start a cluster of a space Pango stretches (U+0020, U+00A0), not counting
 * a space at the very end of the line (Pango gives it no width). Calls fn for each if given;
 * returns how many. */
static int stretched_spaces(const char *text, const PangoLayoutLine *line,
                            void (*fn)(PangoGlyphInfo *, void *), void *data)
{
    int n = 0, end = line->start_index + line->length;
    for (GSList *r = line->runs; r; r = r->next) {
        PangoGlyphItem *run = r->data;
        PangoGlyphString *g = run->glyphs;
        for (int i = 0; i < g->num_glyphs; i++) {
            if (!g->glyphs[i].attr.is_cluster_start)
                continue;
            int at = run->item->offset + g->log_clusters[i];
            bool space = text[at] == ' ' ||
                         ((unsigned char)text[at] == 0xc2 && (unsigned char)text[at + 1] == 0xa0);
            if (!space || at + 1 >= end || g->glyphs[i].geometry.width <= 0)
                continue;
            if (fn)
                fn(&g->glyphs[i], data);
            n++;
        }
    }
    return n;
}

typedef struct {
    int each, extra; /* per space, and one unit more for the first `extra` spaces */
} change;

static void adjust(PangoGlyphInfo *glyph, void *data)
{
    change *c = data;
    int by = c->each;
    if (c->extra != 0) {
        by += c->extra > 0 ? 1 : -1;
        c->extra += c->extra > 0 ? -1 : 1;
    }
    int w = glyph->geometry.width + by;
    glyph->geometry.width = w > 0 ? w : 0;
}

static void sum_width(PangoGlyphInfo *glyph, void *data)
{
    *(int *)data += glyph->geometry.width;
}

int pd_justify_fit(PangoLayout *layout)
{
    if (!pango_layout_get_justify(layout) || pango_layout_get_width(layout) <= 0)
        return 0;
    const char *text = pango_layout_get_text(layout);
    int width = pango_layout_get_width(layout), fixed = 0;
    /* pango_layout_get_lines(), not _readonly(): Pango then knows that glyph widths may
     * change and stops caching each line's extents (it had computed them already). */
    for (GSList *l = pango_layout_get_lines(layout); l; l = l->next) {
        PangoLayoutLine *line = l->data;
        if (!justified(layout, text, line, l->next == NULL))
            continue;
        int by = width - line_width(line);
        if (by == 0)
            continue;
        int n = stretched_spaces(text, line, NULL, NULL);
        if (n == 0)
            continue; /* one word wider than the column: nothing to take from */
        int room = 0; /* what the spaces have: a line that overflows by more is not Pango's */
        stretched_spaces(text, line, sum_width, &room);
        if (-by > room / 2)
            continue;
        change c = {by / n, by % n};
        stretched_spaces(text, line, adjust, &c);
        fixed++;
    }
    return fixed;
}
