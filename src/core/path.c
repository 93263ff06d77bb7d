/* path.c — confinement: a canonical path strictly below a canonical folder. */
#include "path.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

bool pd_path_inside(const char *path, const char *root)
{
    if (!path || !root || path[0] != '/' || root[0] != '/')
        return false;
    size_t n = strlen(root);
    while (n > 1 && root[n - 1] == '/')
        n--;
    if (n == 1) /* the root folder */
        return path[1] != '\0';
    return strncmp(path, root, n) == 0 && path[n] == '/' && path[n + 1] != '\0';
}

bool pd_path_inside_dir(const char *path, const char *root)
{
    char real[PATH_MAX];
    return root && realpath(root, real) && pd_path_inside(path, real);
}
