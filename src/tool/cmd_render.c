/* cmd_render.c — phasedoc render: one document kind, or all of them, to PDF. */
#include "tool.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char help[] =
    "usage: phasedoc render FILE [-k KIND] [-o OUT.pdf] [-l LANG] [-b BRAND] [-s KEY=VALUE]...\n"
    "                            [-x STYLESHEET] [-d DIR] [-j N]\n"
    "\n"
    "Renders a project description (or a layout XML file) to PDF. FILE '-' reads standard\n"
    "input; OUT '-' writes to standard output. The PDF is written to a temporary file and\n"
    "renamed into place only when complete: a failed render leaves no file and never\n"
    "damages an existing one.\n"
    "\n"
    "  -k KIND        approval, offer, concept, implementation, or all (default approval)\n"
    "  -o OUT.pdf     output file (default: <project id>-<kind>.pdf in the current folder)\n"
    "  -d DIR         output folder for -k all (and for the default name)\n"
    "  -l LANG        output language (default: the project's lang, else the brand's)\n"
    "  -b BRAND       brand pack: a name under templates/brands, or a folder\n"
    "  -s KEY=VALUE   override one brand value (repeatable); see 'phasedoc brand'\n"
    "  -x STYLESHEET  a stylesheet that replaces the built-in one for the kind; with any\n"
    "                 XML that is not a project description, the stylesheet to apply\n"
    "  -f FORMAT      pdf (default), png or svg: previews, one file per page, named\n"
    "                 OUT-1.png, OUT-2.png, ...\n"
    "  -r DPI         resolution of png previews (default 96)\n"
    "  -j N, --jobs N lay out on N threads (default: the number of cores) a document whose\n"
    "                 flow falls into parts at its page breaks, such as a mail merge (one\n"
    "                 letter a part); the PDF is the same, byte for byte, for any N\n"
    "  --max-pages N  refuse a document of more than N pages (default 5000)\n"
    "  --embed-source attach the project file to the PDF (PDF/A-3b, relationship Source);\n"
    "                 off by default: a project description may hold internal data\n"
    "  --strict       treat warnings as errors (exit 1), for CI\n"
    "  --             end of options: every further argument is a file\n"
    "\n"
    "A kind whose phase has no data yet (an approval sheet of a project without <approval>)\n"
    "is refused with exit 1; -k all renders the kinds that have their data and names the\n"
    "others.\n";


static int render_one(pd_ctx *ctx, const char *file, tool_opts *o, const char *kind)
{
    o->pd.kind = kind;
    if (o->out)
        return pd_render_file(ctx, file, &o->pd, o->out);
    if (strcmp(file, "-") == 0) /* the id would use up standard input */
        return tool_usage_error("render: reading standard input needs -o (the default name "
                                "comes from the project id in the file)");
    /* The name comes from the same read of the file as the content. */
    return pd_render_file_auto(ctx, file, &o->pd, o->dir, NULL, NULL);
}

enum { MAX_JOBS = 512 };

/* The default -j: every core this process may run on. */
static int cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > MAX_JOBS ? MAX_JOBS : (int)n;
}

int cmd_render(pd_ctx *ctx, int argc, char **argv)
{
    tool_opts o = {0};
    o.pd.jobs = cores();
    const char *file = NULL;
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
        if (!tool_is_option(&o, argv[i]))
            goto operand;
        if ((strcmp(argv[i], "-f") == 0 || strcmp(argv[i], "-r") == 0 ||
             strcmp(argv[i], "-j") == 0 || strcmp(argv[i], "--jobs") == 0) && i + 1 >= argc)
            return tool_usage_error("render: option %s needs a value", argv[i]);
        if (strcmp(argv[i], "-f") == 0) {
            o.pd.format = argv[++i];
            if (strcmp(o.pd.format, "pdf") && strcmp(o.pd.format, "png") && strcmp(o.pd.format, "svg"))
                return tool_usage_error("render: -f takes pdf, png or svg, not '%s'", o.pd.format);
            continue;
        }
        if (strcmp(argv[i], "-j") == 0 || strcmp(argv[i], "--jobs") == 0) {
            char *end;
            const char *v = argv[++i];
            long n = strtol(v, &end, 10);
            if (end == v || *end || n < 1 || n > MAX_JOBS)
                return tool_usage_error("render: -j takes a number of threads from 1 to %d, "
                                        "not '%s'", MAX_JOBS, v);
            o.pd.jobs = (int)n;
            continue;
        }
        if (strcmp(argv[i], "-r") == 0) {
            char *end;
            o.pd.resolution = strtod(argv[++i], &end);
            if (*end || !(o.pd.resolution >= 10 && o.pd.resolution <= 1200))
                return tool_usage_error("render: -r takes a resolution from 10 to 1200 dpi");
            continue;
        }
        return tool_usage_error("render: unknown option '%s' (a file whose name starts with "
                                "'-' goes after --)", argv[i]);
    operand:
        if (file)
            return tool_usage_error("render: one input file at a time ('%s' and '%s')", file,
                                    argv[i]);
        file = argv[i];
    }
    if (!file)
        return tool_usage_error("render: no input file (see phasedoc render --help)");
    pd_ctx_set_strict(ctx, o.strict);
    tool_signals_clean_exit();
    const char *kind = o.pd.kind ? o.pd.kind : "approval";
    if (strcmp(kind, "all") != 0)
        return render_one(ctx, file, &o, kind);
    if (o.out)
        return tool_usage_error("render: -k all writes several files: use -d DIR, not -o");
    /* the kinds whose phase has no data yet are skipped, and named */
    unsigned have = 0;
    if (strcmp(file, "-") != 0 && pd_project_kinds(ctx, file, &have) != PD_OK)
        have = ~0u; /* the render says what is wrong with the file */
    else if (strcmp(file, "-") == 0)
        have = ~0u;
    int worst = 0;
    for (size_t i = 0; pd_kind_name(i); i++) {
        if (!(have & (1u << i))) {
            fprintf(stderr, "%s: skipped the %s: the project has no data for it yet (see "
                    "phasedoc render -k %s)\n", file, pd_kind_name(i), pd_kind_name(i));
            continue;
        }
        int rc = render_one(ctx, file, &o, pd_kind_name(i));
        if (rc > worst)
            worst = rc;
    }
    return worst;
}
