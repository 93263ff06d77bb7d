/* cmd_sign.c — phasedoc sign: a PAdES signature in one of a PDF's signature fields, or the
 * list of those fields. */
#include "tool.h"

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

static const char help[] =
    "usage: phasedoc sign IN.pdf -o OUT.pdf --field NAME --key KEY.pem --cert CERT.pem\n"
    "                     [--chain CHAIN.pem] [--password-file FILE] [--reason TEXT]\n"
    "                     [--location TEXT] [--contact TEXT] [--certify]\n"
    "       phasedoc sign --list IN.pdf\n"
    "\n"
    "Signs the signature field NAME of a rendered PDF (an approval sheet: customer, provider,\n"
    "partner; an offer: customer) as PAdES baseline B-B: a CMS detached signature\n"
    "(ETSI.CAdES.detached, SHA-256) appended as an incremental update, so that signatures\n"
    "made before stay valid and a second party can sign another field later. The key is read,\n"
    "never written. --password-file holds the key's password on its first line; --certify\n"
    "makes the document's first signature a certification that allows only form filling and\n"
    "further signatures. --list prints each signature field and whether it is signed.\n"
    "\n"
    "exit codes: 0 signed; 1 the field is already signed, the key cannot be read (wrong\n"
    "password), does not match the certificate, the certificate has expired, or the PDF\n"
    "cannot be updated; 2 usage (unknown option or field); 3 the output cannot be written.\n"
    "Nothing is written unless the signature succeeds.\n";

static void print_field(const char *name, int is_signed, void *user)
{
    (void)user;
    printf("%s\t%s\n", name, is_signed ? "signed" : "unsigned");
}

int cmd_sign(pd_ctx *ctx, int argc, char **argv)
{
    pd_sign_options o = {0};
    const char *in = NULL, *out = NULL;
    bool list = false;
    static const struct {
        const char *name;
        size_t offset;
    } values[] = {
        {"--field", offsetof(pd_sign_options, field)},
        {"--key", offsetof(pd_sign_options, key_file)},
        {"--cert", offsetof(pd_sign_options, cert_file)},
        {"--chain", offsetof(pd_sign_options, chain_file)},
        {"--password-file", offsetof(pd_sign_options, password_file)},
        {"--reason", offsetof(pd_sign_options, reason)},
        {"--location", offsetof(pd_sign_options, location)},
        {"--contact", offsetof(pd_sign_options, contact)},
    };
    bool options_end = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (options_end || a[0] != '-' || strcmp(a, "-") == 0) {
            if (in)
                return tool_usage_error("sign: one input file only ('%s' and '%s')", in, a);
            in = a;
            continue;
        }
        if (strcmp(a, "--") == 0) {
            options_end = true;
            continue;
        }
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(help, stdout);
            return 0;
        }
        if (strcmp(a, "--list") == 0) {
            list = true;
            continue;
        }
        if (strcmp(a, "--certify") == 0) {
            o.certify = 1;
            continue;
        }
        bool taken = false;
        for (size_t k = 0; k < sizeof values / sizeof values[0] && !taken; k++) {
            if (strcmp(a, values[k].name) != 0)
                continue;
            if (i + 1 >= argc)
                return tool_usage_error("sign: %s needs a value", a);
            *(const char **)((char *)&o + values[k].offset) = argv[++i];
            taken = true;
        }
        if (taken)
            continue;
        if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
            if (i + 1 >= argc)
                return tool_usage_error("sign: %s needs a value", a);
            out = argv[++i];
            continue;
        }
        return tool_usage_error("sign: unknown option '%s' (see phasedoc sign --help)", a);
    }
    if (!in)
        return tool_usage_error("sign: no input PDF (see phasedoc sign --help)");
    if (list)
        return pd_sign_list(ctx, in, print_field, NULL);
    if (!out)
        return tool_usage_error("sign: no output: -o OUT.pdf");
    if (!o.field)
        return tool_usage_error("sign: which field? --field NAME (phasedoc sign --list %s)",
                                in);
    if (!o.key_file || !o.cert_file)
        return tool_usage_error("sign: --key KEY.pem and --cert CERT.pem are needed");
    pd_status st = pd_sign_file(ctx, in, out, &o);
    if (st == PD_OK)
        fprintf(stderr, "signed '%s': %s\n", o.field, out);
    return st;
}
