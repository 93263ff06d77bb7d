/* cmd_watch.c — phasedoc watch: render, then render again whenever the project, its brand
 * packs or the -x stylesheet change, so that a PDF viewer that reloads on change shows every
 * save. GLib's file monitoring (inotify underneath), not a polling loop: the folders are
 * watched rather than the files, because editors save by writing a new file and renaming it
 * over the old one. The render itself is atomic, so a failed one leaves the last good PDF. */
#include "pipeline.h"
#include "tool.h"

#include <gio/gio.h>
#include <glib-unix.h>
#include <libgen.h>
#include <signal.h>
#include <stdbool.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char help[] =
    "usage: phasedoc watch FILE [-k KIND] [-o OUT.pdf] [--png] [-l LANG] [-b BRAND]\n"
    "                           [-s KEY=VALUE]... [-x STYLESHEET] [--strict] [--]\n"
    "\n"
    "Renders FILE like phasedoc render, then renders it again within a second of every\n"
    "change to FILE, to the brand packs it uses (brand.xml, logo, fonts) or to the -x\n"
    "stylesheet. A render that fails prints its errors and leaves the last good PDF as it\n"
    "was. A PDF viewer that reloads on change (evince, okular, zathura, Skim) then shows\n"
    "each save. Stop with Ctrl-C.\n"
    "\n"
    "  -k KIND   approval, offer, concept or implementation (default approval)\n"
    "  -o OUT    the PDF (default: <project id>-<kind>.pdf in the current folder)\n"
    "  --png     also write PNG previews of the pages, OUT-1.png, OUT-2.png, ...\n"
    "  -r DPI    resolution of the previews (default 60)\n"
    "  -l, -b, -s, -x, --max-pages, --strict   as for phasedoc render\n"
    "\n"
    "exit codes: 0 stopped by a signal; 2 usage; 3 the folders cannot be watched.\n";

typedef struct {
    pd_ctx *ctx;
    tool_opts *o;
    const char *file, *out;
    char *file_real;     /* the project, realpath'd */
    char *sheet_real;    /* the -x stylesheet, realpath'd, or NULL */
    char *out_real;      /* the output's folder + name, to ignore our own writes */
    char *png_base;      /* OUT without .pdf, for --png; NULL without */
    double dpi;
    GPtrArray *monitors; /* GFileMonitor */
    GPtrArray *packs;    /* folders of the brand packs (char *), watched whole */
    guint pending;       /* the timeout of a render to come, 0 when none */
    bool reload;         /* a pack or the stylesheet changed: start from a fresh context */
    GMainLoop *loop;
} watcher;

static void watch_folders(watcher *w);

static char *real_or_copy(const char *path)
{
    char buf[PATH_MAX];
    return g_strdup(realpath(path, buf) ? buf : path);
}

/* The real path a name will have once it exists: its folder's realpath plus its name. */
static char *future_real(const char *path)
{
    char *copy = g_strdup(path), *copy2 = g_strdup(path);
    char *dir = real_or_copy(dirname(copy));
    char *r = g_build_filename(dir, basename(copy2), NULL);
    g_free(copy);
    g_free(copy2);
    g_free(dir);
    return r;
}

static void stamp(void)
{
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    fprintf(stderr, "[%02d:%02d:%02d] ", tm.tm_hour, tm.tm_min, tm.tm_sec);
}

static void render_now(watcher *w)
{
    if (w->reload) {
        /* compiled stylesheets and brand packs are cached per context */
        pd_ctx *fresh = pd_ctx_new();
        if (fresh) {
            pd_ctx_set_diag_handler(fresh, tool_print_diag, NULL);
            pd_ctx_set_strict(fresh, w->o->strict);
            pd_ctx_free(w->ctx);
            w->ctx = fresh;
        }
        w->reload = false;
    }
    pd_ctx_clear_diags(w->ctx);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    w->o->pd.format = NULL;
    pd_status st = pd_render_file(w->ctx, w->file, &w->o->pd, w->out);
    if (st == PD_OK && w->png_base) {
        pd_options png = w->o->pd;
        png.format = "png";
        png.resolution = w->dpi;
        char *name = g_strconcat(w->png_base, ".png", NULL);
        st = pd_render_file(w->ctx, w->file, &png, name);
        g_free(name);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
    stamp();
    if (st == PD_OK)
        fprintf(stderr, "wrote %s (%.0f ms)\n", w->out, ms);
    else
        fprintf(stderr, "%s: not rendered (%s); %s keeps the last good version\n", w->file,
                pd_status_str(st), w->out);
    /* the brand may have changed with the project (<branding brand=...>) */
    watch_folders(w);
}

static gboolean on_timeout(gpointer user)
{
    watcher *w = user;
    w->pending = 0;
    render_now(w);
    return G_SOURCE_REMOVE;
}

/* Whether a change to path matters: the project, the stylesheet, anything in a pack except
 * our own output and temporary files. */
static bool matters(watcher *w, GFile *f, bool *reload)
{
    if (!f)
        return false;
    char *p = g_file_get_path(f);
    if (!p)
        return false;
    bool yes = false;
    char *name = g_path_get_basename(p);
    if (strcmp(p, w->file_real) == 0) {
        yes = true;
    } else if (w->sheet_real && strcmp(p, w->sheet_real) == 0) {
        yes = *reload = true;
    } else if (strcmp(p, w->out_real) != 0 && name[0] != '.' && !strstr(name, ".tmp") &&
               !g_str_has_suffix(name, "~") && !g_str_has_suffix(name, ".png") &&
               !g_str_has_suffix(name, ".pdf")) {
        for (guint i = 0; i < w->packs->len && !yes; i++) {
            const char *dir = g_ptr_array_index(w->packs, i);
            size_t n = strlen(dir);
            if (strncmp(p, dir, n) == 0 && p[n] == '/')
                yes = *reload = true;
        }
    }
    g_free(name);
    g_free(p);
    return yes;
}

static void on_changed(GFileMonitor *m, GFile *file, GFile *other, GFileMonitorEvent event,
                       gpointer user)
{
    (void)m;
    watcher *w = user;
    if (event == G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED || event == G_FILE_MONITOR_EVENT_UNMOUNTED)
        return;
    bool reload = false;
    if (!matters(w, file, &reload) && !matters(w, other, &reload))
        return;
    w->reload = w->reload || reload;
    /* an editor's save is several events (write, rename, attributes): render once after */
    if (w->pending)
        g_source_remove(w->pending);
    w->pending = g_timeout_add(120, on_timeout, w);
}

static void monitor_folder(watcher *w, const char *dir)
{
    for (guint i = 0; i < w->monitors->len; i++) {
        GFile *f = g_object_get_data(g_ptr_array_index(w->monitors, i), "pd-dir");
        char *p = f ? g_file_get_path(f) : NULL;
        bool same = p && strcmp(p, dir) == 0;
        g_free(p);
        if (same)
            return;
    }
    GFile *f = g_file_new_for_path(dir);
    GError *err = NULL;
    GFileMonitor *m = g_file_monitor_directory(f, G_FILE_MONITOR_WATCH_MOVES, NULL, &err);
    if (!m) {
        stamp();
        fprintf(stderr, "cannot watch %s: %s\n", dir, err ? err->message : "unknown error");
        g_clear_error(&err);
        g_object_unref(f);
        return;
    }
    g_file_monitor_set_rate_limit(m, 100);
    g_object_set_data_full(G_OBJECT(m), "pd-dir", f, g_object_unref);
    g_signal_connect(m, "changed", G_CALLBACK(on_changed), w);
    g_ptr_array_add(w->monitors, m);
}

/* The project's folder, the stylesheet's, and every folder of the brand packs in use. */
static void watch_folders(watcher *w)
{
    char *d = g_path_get_dirname(w->file_real);
    monitor_folder(w, d);
    g_free(d);
    if (w->sheet_real) {
        d = g_path_get_dirname(w->sheet_real);
        monitor_folder(w, d);
        g_free(d);
    }
    char **folders = NULL;
    if (pd_watch_folders(w->ctx, w->file, &w->o->pd, &folders) != PD_OK)
        return;
    for (char **f = folders; f && *f; f++) {
        if (g_file_test(*f, G_FILE_TEST_IS_DIR)) {
            bool known = false;
            for (guint i = 0; i < w->packs->len && !known; i++)
                known = strcmp(g_ptr_array_index(w->packs, i), *f) == 0;
            if (!known)
                g_ptr_array_add(w->packs, g_strdup(*f));
            monitor_folder(w, *f);
        }
        free(*f);
    }
    free(folders);
}

static gboolean on_signal(gpointer user)
{
    g_main_loop_quit(user);
    return G_SOURCE_REMOVE;
}

int cmd_watch(pd_ctx *ctx, int argc, char **argv)
{
    tool_opts o = {0};
    const char *file = NULL;
    bool png = false;
    double dpi = 60;
    for (int i = 1; i < argc; i++) {
        if (tool_is_option(&o, argv[i]) &&
            (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)) {
            fputs(help, stdout);
            return 0;
        }
        int taken = tool_common_option(argc, argv, &i, &o);
        if (taken < 0)
            return PD_ERR_USAGE;
        if (taken)
            continue;
        if (tool_is_option(&o, argv[i])) {
            if (strcmp(argv[i], "--png") == 0) {
                png = true;
                continue;
            }
            if (strcmp(argv[i], "-r") == 0 && i + 1 < argc) {
                char *end;
                dpi = strtod(argv[++i], &end);
                if (*end || !(dpi >= 10 && dpi <= 1200))
                    return tool_usage_error("watch: -r takes a resolution from 10 to 1200 dpi");
                continue;
            }
            return tool_usage_error("watch: unknown option '%s'", argv[i]);
        }
        if (file)
            return tool_usage_error("watch: one input file at a time");
        file = argv[i];
    }
    if (!file)
        return tool_usage_error("watch: no input file (see phasedoc help watch)");
    if (strcmp(file, "-") == 0)
        return tool_usage_error("watch: watches a file, not standard input");
    if (o.pd.kind && strcmp(o.pd.kind, "all") == 0)
        return tool_usage_error("watch: one kind at a time (-k approval, offer, concept or "
                                "implementation)");
    if (o.dir)
        return tool_usage_error("watch: -d is for render -k all; use -o");
    if (!g_file_test(file, G_FILE_TEST_IS_REGULAR))
        return tool_usage_error("watch: '%s' is not a file", file);
    pd_ctx_set_strict(ctx, o.strict);
    const char *kind = o.pd.kind ? o.pd.kind : "approval";
    o.pd.kind = kind;
    char *out = NULL;
    if (o.out) {
        out = g_strdup(o.out);
    } else {
        char *id = NULL;
        if (pd_project_id(ctx, file, &id) != PD_OK || !id) {
            free(id);
            char *base = g_path_get_basename(file);
            char *dot = strrchr(base, '.');
            if (dot)
                *dot = '\0';
            id = strdup(base);
            g_free(base);
        }
        char *word = pd_kind_file_word_of(ctx, file, &o.pd); /* the brand's ("proposal") */
        out = g_strdup_printf("%s-%s.pdf", id ? id : "document", word ? word : kind);
        free(word);
        free(id);
    }
    watcher w = {0};
    w.ctx = ctx;
    w.o = &o;
    w.file = file;
    w.out = out;
    w.file_real = real_or_copy(file);
    w.sheet_real = o.pd.stylesheet ? real_or_copy(o.pd.stylesheet) : NULL;
    w.out_real = future_real(out);
    w.dpi = dpi;
    if (png) {
        w.png_base = g_strdup(out);
        if (g_str_has_suffix(w.png_base, ".pdf"))
            w.png_base[strlen(w.png_base) - 4] = '\0';
    }
    w.monitors = g_ptr_array_new_with_free_func(g_object_unref);
    w.packs = g_ptr_array_new_with_free_func(g_free);
    w.loop = g_main_loop_new(NULL, FALSE);
    g_unix_signal_add(SIGINT, on_signal, w.loop);
    g_unix_signal_add(SIGTERM, on_signal, w.loop);
    g_unix_signal_add(SIGHUP, on_signal, w.loop);
    render_now(&w);
    int rc = w.monitors->len ? 0 : PD_ERR_SYSTEM;
    if (rc == 0) {
        stamp();
        fprintf(stderr, "watching %s (Ctrl-C to stop)\n", file);
        g_main_loop_run(w.loop);
    }
    if (w.pending)
        g_source_remove(w.pending);
    g_main_loop_unref(w.loop);
    g_ptr_array_free(w.monitors, TRUE);
    g_ptr_array_free(w.packs, TRUE);
    g_free(w.file_real);
    g_free(w.sheet_real);
    g_free(w.out_real);
    g_free(w.png_base);
    g_free(out);
    if (w.ctx != ctx)
        pd_ctx_free(w.ctx); /* a fresh one of ours; the first stays with main */
    return rc;
}
