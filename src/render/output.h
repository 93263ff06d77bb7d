/* output.h — writing a file atomically: a temporary file beside it, renamed on success. */
#ifndef PD_OUTPUT_H
#define PD_OUTPUT_H

#include "ctx.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct pd_output pd_output;

/* Checks an output name before any work is done: PD_ERR_USAGE for a control character in it
 * (a newline) or when it names the file input (same inode; input may be NULL or "-"),
 * PD_ERR_SYSTEM when it is a folder. */
pd_status pd_output_check(pd_ctx *ctx, const char *path, const char *input);
/* Prepares a temporary file in path's folder (made with the first write) ("-": standard output; an existing character device
 * or FIFO such as /dev/null, or a name in /dev or /proc such as /dev/stdout: written through
 * the name, and only on commit; a block device or socket: refused). Checks the name as
 * pd_output_check does without an input. PD_ERR_SYSTEM when the folder is not writable. */
pd_status pd_output_open(pd_ctx *ctx, const char *path, pd_output **out);
/* Appends bytes; a failed write is remembered and reported by commit. */
bool pd_output_write(pd_output *o, const void *data, size_t len);
/* What has been written so far (malloc'd copy), for a step that appends to a finished file.
 * false on failure (remembered, reported by commit). */
bool pd_output_contents(pd_output *o, char **data, size_t *len);
/* Whether a write has failed (commit then reports why). */
bool pd_output_failed(const pd_output *o);
/* Everything but the rename: the file complete on disk and closed. For outputs that appear
 * together (a preview's pages): prepare each, then commit each. On failure frees o. */
pd_status pd_output_prepare(pd_ctx *ctx, pd_output *o);
/* "FOLDER/.NAME.PID." : what the temporary files of path made by process pid begin with
 * (followed by six random characters); malloc'd. */
char *pd_output_temp_prefix(const char *path, long pid);
/* fsync, rename over path, fsync the folder. Frees o whatever happens. */
pd_status pd_output_commit(pd_ctx *ctx, pd_output *o);
/* Removes the temporary file. Frees o; NULL is fine. */
void pd_output_abort(pd_output *o);

/* An output held in memory (for pd_render_memory): written, read back and patched like a file,
 * then handed over by pd_output_take instead of committed. */
pd_status pd_output_open_memory(pd_ctx *ctx, pd_output **out);
/* The bytes written (malloc'd, the caller frees; never NULL on success) or PD_ERR_SYSTEM when
 * a write failed. Frees o whatever happens. */
pd_status pd_output_take(pd_ctx *ctx, pd_output *o, char **data, size_t *len);

#endif
