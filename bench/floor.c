/* floor.c — the floor of `make bench`: Pango and Cairo drawing the text of a phasedoc document
 * line by line, with no layout logic at all. Its input is what phasedoc placed (bench/gen.py
 * floor turns `phasedoc layout FILE --boxes` and the layout XML into it): every text line with
 * its position, font and colour, the fills and rules, the header and footer lines and the
 * logo. It is the cost a renderer cannot go below without caching across documents: the same
 * fonts through a private fontconfig configuration on fonts/, metrics hinting off, one
 * PangoLayout per line, the logo (a PNG decoded and compressed into every PDF, or an SVG drawn
 * by librsvg as vectors on every page, as phasedoc does) loaded for every document.
 *
 *   floor [--fonts DIR] IN.txt OUT.pdf
 *   floor [--fonts DIR] [-j N] --batch LIST OUTDIR
 *
 * LIST holds one input file a line; OUTDIR/NAME.pdf is written for IN/NAME.txt. With -j N the
 * work is split over N processes forked after the fonts are set up (as phasedoc batch -j N
 * forks its workers after the warm-up). The fonts and the Pango context are set up once per
 * process; nothing else is kept from one document to the next.
 *
 * Input lines (lengths in points, y downwards, colours #rrggbb):
 *   P W H                                      a new page
 *   T X Y W H SIZE WEIGHT STYLE COLOUR FAMILY TEXT...   a line of text (FAMILY: _ for space)
 *   F X Y W H COLOUR                           a filled rectangle
 *   L X Y W THICKNESS COLOUR                   a horizontal rule
 *   R X Y W H COLOUR                           a frame
 *   I X Y W H FILE                             an image, PNG or SVG
 */
#define _POSIX_C_SOURCE 200809L
#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <librsvg/rsvg.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static PangoContext *pctx;

static void die(const char *what)
{
    fprintf(stderr, "floor: %s\n", what);
    exit(1);
}

static void setup_fonts(const char *dir)
{
    /* As phasedoc does: fontconfig's default set-up reads fonts/fonts.conf (empty), not the
     * machine's fonts; ours come from the private configuration only. */
    char conf[4096];
    snprintf(conf, sizeof conf, "%s/fonts.conf", dir);
    if (access(conf, R_OK) == 0)
        setenv("FONTCONFIG_FILE", conf, 1);
    FcConfig *fc = FcConfigCreate();
    if (!fc || !FcConfigAppFontAddDir(fc, (const FcChar8 *)dir))
        die("cannot load the fonts");
    FcConfigBuildFonts(fc);
    /* As phasedoc does: with a current configuration, Pango's FcInit builds no default one. */
    FcConfigSetCurrent(fc);
    PangoFontMap *map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
    if (!map)
        die("no FreeType font map");
    pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(map), fc);
    FcConfigDestroy(fc);
    pctx = pango_font_map_create_context(map);
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(pctx, fo);
    cairo_font_options_destroy(fo);
    pango_cairo_context_set_resolution(pctx, 72.0);
    pango_context_set_round_glyph_positions(pctx, FALSE);
}

static void colour(cairo_t *cr, const char *hex)
{
    unsigned v = 0;
    if (hex && hex[0] == '#')
        v = (unsigned)strtoul(hex + 1, NULL, 16);
    cairo_set_source_rgb(cr, ((v >> 16) & 255) / 255.0, ((v >> 8) & 255) / 255.0,
                         (v & 255) / 255.0);
}

/* One image per file name and document: a PNG surface drawn on every page is written once;
 * an SVG is drawn as vectors on every page. */
typedef struct {
    char path[512];
    cairo_surface_t *s;
    RsvgHandle *svg;
} image;

static image *image_for(image *imgs, int *n, const char *path)
{
    for (int i = 0; i < *n; i++)
        if (strcmp(imgs[i].path, path) == 0)
            return &imgs[i];
    if (*n == 8)
        return NULL;
    image *im = &imgs[*n];
    memset(im, 0, sizeof *im);
    size_t len = strlen(path);
    if (len > 4 && strcmp(path + len - 4, ".svg") == 0) {
        GError *err = NULL;
        im->svg = rsvg_handle_new_from_file(path, &err);
        if (!im->svg) {
            g_clear_error(&err);
            return NULL;
        }
        rsvg_handle_set_dpi(im->svg, 72);
    } else {
        im->s = cairo_image_surface_create_from_png(path);
        if (cairo_surface_status(im->s) != CAIRO_STATUS_SUCCESS) {
            cairo_surface_destroy(im->s);
            return NULL;
        }
    }
    snprintf(im->path, sizeof im->path, "%s", path);
    (*n)++;
    return im;
}

static int render(const char *in, const char *out)
{
    FILE *f = fopen(in, "r");
    if (!f) {
        fprintf(stderr, "floor: %s: %s\n", in, strerror(errno));
        return 1;
    }
    cairo_surface_t *surf = NULL;
    cairo_t *cr = NULL;
    image imgs[8];
    int nimgs = 0, pages = 0;
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, f)) > 0) {
        if (line[len - 1] == '\n')
            line[--len] = '\0';
        double x, y, w, h, size;
        int weight, off = 0;
        char style[16], col[16], family[64], path[512];
        switch (line[0]) {
        case 'P':
            if (sscanf(line + 1, "%lf %lf", &w, &h) != 2)
                break;
            if (!surf) {
                surf = cairo_pdf_surface_create(out, w, h);
                cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATE_DATE,
                                               "2026-01-01T00:00:00Z");
                cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_MOD_DATE,
                                               "2026-01-01T00:00:00Z");
                cr = cairo_create(surf);
                pango_cairo_update_context(cr, pctx);
            } else {
                cairo_show_page(cr);
                cairo_pdf_surface_set_size(surf, w, h);
            }
            pages++;
            break;
        case 'T':
            if (!cr || sscanf(line + 1, "%lf %lf %lf %lf %lf %d %15s %15s %63s %n", &x, &y, &w,
                              &h, &size, &weight, style, col, family, &off) < 9 || !off)
                break;
            for (char *p = family; *p; p++)
                if (*p == '_')
                    *p = ' ';
            {
                PangoLayout *lay = pango_layout_new(pctx);
                PangoFontDescription *fd = pango_font_description_new();
                pango_font_description_set_family(fd, family);
                pango_font_description_set_size(fd, (gint)(size * PANGO_SCALE + 0.5));
                pango_font_description_set_weight(fd, (PangoWeight)weight);
                pango_font_description_set_style(fd, strcmp(style, "italic") == 0 ?
                                                          PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
                pango_layout_set_font_description(lay, fd);
                pango_font_description_free(fd);
                pango_layout_set_text(lay, line + 1 + off, -1);
                colour(cr, col);
                cairo_move_to(cr, x, y + (h - size * 1.2109375) / 2);
                pango_cairo_show_layout(cr, lay);
                g_object_unref(lay);
            }
            break;
        case 'F':
        case 'R':
            if (!cr || sscanf(line + 1, "%lf %lf %lf %lf %15s", &x, &y, &w, &h, col) != 5)
                break;
            colour(cr, col);
            cairo_rectangle(cr, x, y, w, h);
            if (line[0] == 'F') {
                cairo_fill(cr);
            } else {
                cairo_set_line_width(cr, 0.75);
                cairo_stroke(cr);
            }
            break;
        case 'L':
            if (!cr || sscanf(line + 1, "%lf %lf %lf %lf %15s", &x, &y, &w, &h, col) != 5)
                break;
            colour(cr, col);
            cairo_set_line_width(cr, h);
            cairo_move_to(cr, x, y);
            cairo_line_to(cr, x + w, y);
            cairo_stroke(cr);
            break;
        case 'I':
            if (!cr || sscanf(line + 1, "%lf %lf %lf %lf %511s", &x, &y, &w, &h, path) != 5)
                break;
            {
                image *im = image_for(imgs, &nimgs, path);
                if (!im)
                    break;
                cairo_save(cr);
                if (im->svg) {
                    RsvgRectangle viewport = {x, y, w, h};
                    GError *err = NULL;
                    if (!rsvg_handle_render_document(im->svg, cr, &viewport, &err))
                        g_clear_error(&err);
                } else {
                    int iw = cairo_image_surface_get_width(im->s);
                    int ih = cairo_image_surface_get_height(im->s);
                    cairo_translate(cr, x, y);
                    cairo_scale(cr, w / iw, h / ih);
                    cairo_set_source_surface(cr, im->s, 0, 0);
                    cairo_paint(cr);
                }
                cairo_restore(cr);
            }
            break;
        default:
            break;
        }
    }
    free(line);
    fclose(f);
    int rc = 0;
    if (cr) {
        cairo_destroy(cr);
        cairo_surface_finish(surf);
        if (cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS) {
            fprintf(stderr, "floor: %s: %s\n", out,
                    cairo_status_to_string(cairo_surface_status(surf)));
            rc = 1;
        }
        cairo_surface_destroy(surf);
    } else {
        fprintf(stderr, "floor: %s: no page\n", in);
        rc = 1;
    }
    for (int i = 0; i < nimgs; i++) {
        if (imgs[i].s)
            cairo_surface_destroy(imgs[i].s);
        if (imgs[i].svg)
            g_object_unref(imgs[i].svg);
    }
    return rc;
}

static int batch(const char *list, const char *outdir, int workers)
{
    FILE *f = fopen(list, "r");
    if (!f)
        die("cannot read the list");
    char **items = NULL;
    size_t n = 0, cap = 0;
    char *line = NULL;
    size_t lcap = 0;
    ssize_t len;
    while ((len = getline(&line, &lcap, f)) > 0) {
        if (line[len - 1] == '\n')
            line[--len] = '\0';
        if (!len)
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 256;
            items = realloc(items, cap * sizeof *items);
            if (!items)
                die("out of memory");
        }
        items[n++] = strdup(line);
    }
    free(line);
    fclose(f);
    if (workers < 1)
        workers = 1;
    pid_t *pids = calloc((size_t)workers, sizeof *pids);
    for (int k = 0; k < workers; k++) {
        pid_t pid = workers == 1 ? 0 : fork();
        if (pid < 0)
            die("cannot fork");
        if (pid == 0) {
            int rc = 0;
            for (size_t i = (size_t)k; i < n; i += (size_t)workers) {
                char *copy = strdup(items[i]);
                char *base = basename(copy);
                char *dot = strrchr(base, '.');
                if (dot)
                    *dot = '\0';
                char out[4096];
                snprintf(out, sizeof out, "%s/%s.pdf", outdir, base);
                rc |= render(items[i], out);
                free(copy);
            }
            if (workers == 1)
                return rc;
            _exit(rc);
        }
        pids[k] = pid;
    }
    int rc = 0;
    for (int k = 0; k < workers; k++) {
        int st;
        if (waitpid(pids[k], &st, 0) < 0 || !WIFEXITED(st) || WEXITSTATUS(st))
            rc = 1;
    }
    free(pids);
    return rc;
}

int main(int argc, char **argv)
{
    const char *fonts = "fonts", *list = NULL;
    int workers = 1, i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "--fonts") == 0 && i + 1 < argc)
            fonts = argv[++i];
        else if (strcmp(argv[i], "-j") == 0 && i + 1 < argc)
            workers = atoi(argv[++i]);
        else if (strcmp(argv[i], "--batch") == 0 && i + 1 < argc)
            list = argv[++i];
        else
            die("usage: floor [--fonts DIR] (IN.txt OUT.pdf | [-j N] --batch LIST OUTDIR)");
    }
    if (argc - i != (list ? 1 : 2))
        die("usage: floor [--fonts DIR] (IN.txt OUT.pdf | [-j N] --batch LIST OUTDIR)");
    setup_fonts(fonts);
    return list ? batch(list, argv[i], workers) : render(argv[i], argv[i + 1]);
}
