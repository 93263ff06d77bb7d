/* hyphen-pack — build step: loads libhyphen pattern files and writes their automata for
 * phasedoc to read at run time (src/text/hyphen_pack.h).
 *   hyphen-pack SOURCE.dic OUT */
#include "hyphen_pack.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc != 3) {
        fputs("usage: hyphen-pack SOURCE.dic OUT\n", stderr);
        return 2;
    }
    HyphenDict *d = hnj_hyphen_load(argv[1]);
    if (!d) {
        fprintf(stderr, "hyphen-pack: cannot load %s\n", argv[1]);
        return 1;
    }
    FILE *out = fopen(argv[2], "wb");
    bool ok = out && pd_hyphen_pack_write(d, argv[1], out);
    ok = (out && fclose(out) == 0) && ok;
    hnj_hyphen_free(d);
    if (!ok) {
        fprintf(stderr, "hyphen-pack: cannot write %s\n", argv[2]);
        unlink(argv[2]);
        return 1;
    }
    return 0;
}
