/* elsewhere.c — serve and sign in the phasedoc program: they run in the full program
 * (pd_full_tool_path), which is phasedoc with them. Only they need libmicrohttpd (with GnuTLS
 * and its seven libraries) and OpenSSL's libcrypto; without them every render, layout and
 * batch starts with 55 shared objects instead of 65 and 15 M fewer instructions of dynamic
 * linking (callgrind of `phasedoc --version`: 34.6 M -> 19.4 M). */
#include "tool.h"
#include "paths.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* argv as the command received it: argv[-1] is the program's own name (main.c passes
 * argv + 1), argv[0] the command. The same process goes on as the full program, with the
 * same arguments, process id and signal dispositions. */
static int run_in_full_program(pd_ctx *ctx, char **argv)
{
    (void)ctx;
    const char *full = pd_full_tool_path();
    execv(full, argv - 1);
    fprintf(stderr, "phasedoc %s: cannot run %s: %s\n", argv[0], full, strerror(errno));
    return PD_ERR_SYSTEM;
}

int cmd_serve(pd_ctx *ctx, int argc, char **argv)
{
    (void)argc;
    return run_in_full_program(ctx, argv);
}

int cmd_sign(pd_ctx *ctx, int argc, char **argv)
{
    (void)argc;
    return run_in_full_program(ctx, argv);
}
