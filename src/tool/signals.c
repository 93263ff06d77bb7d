/* signals.c — Ctrl-C, SIGTERM and SIGHUP end a command without leaving a temporary file; so
 * does memory running out inside libxml2 or libxslt. */
#include "tool.h"
#include "xml.h"

#include <signal.h>
#include <stddef.h>
#include <unistd.h>

static void end_out_of_memory(void)
{
    pd_signal_cleanup();
    static const char msg[] = "phasedoc: out of memory\n";
    ssize_t w = write(STDERR_FILENO, msg, sizeof msg - 1); /* (no allocation on the way) */
    (void)w;
    _exit(PD_ERR_SYSTEM);
}

void tool_end_on_no_memory(void) { pd_xml_on_no_memory(end_out_of_memory); }

static void clean_and_die(int sig)
{
    pd_signal_cleanup();
    /* SA_RESETHAND restored the default action; dying by the signal itself tells the shell
     * what happened (exit status 128 + signal: 130, 143, 129). */
    raise(sig);
}

void tool_signals_clean_exit(void)
{
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        struct sigaction old, sa = {0};
        /* An ignored signal stays ignored (nohup, a background job of a script). */
        if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
            continue;
        sa.sa_handler = clean_and_die;
        sa.sa_flags = SA_RESETHAND | SA_NODEFER;
        sigemptyset(&sa.sa_mask);
        sigaction(sigs[i], &sa, NULL);
    }
}
