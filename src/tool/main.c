/* main.c — phasedoc's entry point: dispatches to a command. */
#include "tool.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: phasedoc COMMAND [OPTIONS] [FILE...]\n"
    "\n"
    "Turns a customer project description (XML) into branded PDF documents.\n"
    "\n"
    "commands:\n"
    "  render     render a document of a project (or a layout XML file) to PDF\n"
    "  layout     print the layout XML that the stylesheet makes of a project\n"
    "  validate   check project descriptions against the schema and their references\n"
    "  batch      render many projects at once: one worker per core, progress, shards\n"
    "  brand      print every resolved brand value and the layer it came from\n"
    "  new        print a commented starter project description\n"
    "  serve      render documents over HTTP for CRMs and portals, with a page to try it\n"
    "  sign       sign a rendered PDF in one of its signature fields (PAdES)\n"
    "  watch      render, then render again on every change of the project or its brand\n"
    "\n"
    "Run 'phasedoc help COMMAND' or 'phasedoc COMMAND --help' for a command's options, 'phasedoc --version' for the\n"
    "version.\n"
    "\n"
    "exit codes: 0 success; 1 the input is wrong (XML, schema, reference, brand, stylesheet,\n"
    "image, font); 2 usage (unknown option, kind or value on the command line); 3 the output\n"
    "could not be written, or another system failure.\n";

int tool_usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("phasedoc: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return PD_ERR_USAGE;
}

void tool_print_diag(const pd_diag *d, void *user)
{
    (void)user;
    char line[1600];
    pd_diag_format(d, line, sizeof line);
    fprintf(stderr, "%s\n", line);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage, stderr);
        return PD_ERR_USAGE;
    }
    const char *cmd = argv[1];
    /* phasedoc help COMMAND is phasedoc COMMAND --help */
    char *help_argv[] = {argv[0], argc > 2 ? argv[2] : NULL, "--help", NULL};
    if (strcmp(cmd, "help") == 0 && argc > 2) {
        cmd = argv[2];
        argc = 3;
        argv = help_argv;
    }
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        fputs(usage, stdout);
        return 0;
    }
    if (strcmp(cmd, "--version") == 0) {
        printf("phasedoc %s\n", PD_VERSION);
        return 0;
    }
    static const struct {
        const char *name;
        int (*fn)(pd_ctx *, int, char **);
    } commands[] = {
        {"render", cmd_render}, {"layout", cmd_layout}, {"validate", cmd_validate},
        {"brand", cmd_brand},   {"new", cmd_new},           {"batch", cmd_batch},
        {"serve", cmd_serve},
        {"sign", cmd_sign},
        {"watch", cmd_watch},
    };
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        if (strcmp(cmd, commands[i].name) != 0)
            continue;
        /* Not freed at exit: tearing down fonts, stylesheets and caches cost 3 % of a cold
         * render, and the process ends anyway. Kept in a static so that leak checkers see
         * it as reachable (pd_ctx_free is exercised by the unit tests and batch workers). */
        static pd_ctx *ctx;
        ctx = pd_ctx_new();
        if (!ctx) {
            fputs("phasedoc: out of memory\n", stderr);
            return PD_ERR_SYSTEM;
        }
        pd_ctx_set_diag_handler(ctx, tool_print_diag, NULL);
        tool_end_on_no_memory();
        return commands[i].fn(ctx, argc - 1, argv + 1);
    }
    return tool_usage_error("unknown command '%s' (see phasedoc --help)", cmd);
}
