/* path.h — the one rule for "this file is inside that folder", used by every confinement
 * check (brand pack files, stylesheet reads, images, fonts). */
#ifndef PD_PATH_H
#define PD_PATH_H

#include <stdbool.h>

/* Whether path lies strictly below the folder root. Both must be canonical absolute paths
 * (realpath's result: no "." or ".." components, no symbolic links, no doubled slashes); a
 * trailing slash on root is ignored. The folder itself is not inside it, nor is a sibling
 * that shares its prefix ("/a/bc" is not inside "/a/b"). Root "/" holds every path but "/".
 * Anything relative or NULL is outside. */
bool pd_path_inside(const char *path, const char *root);

/* pd_path_inside after resolving root with realpath (a folder given as written, perhaps
 * through a link); false when root does not resolve. path must already be canonical. */
bool pd_path_inside_dir(const char *path, const char *root);

#endif
