/* pipeline.h — internal helpers of the public operations. */
#ifndef PD_PIPELINE_H
#define PD_PIPELINE_H

#include <stdbool.h>

#include "brand.h"
#include "phasedoc.h"

/* approval, offer, concept, implementation */
bool pd_kind_is_known(const char *kind);

/* The stylesheet for a kind: the caller's, else the brand's, else the built-in one. The
 * path is also the compiled stylesheet's cache key, so every caller must get it here. */
char *pd_pipeline_stylesheet(pd_ctx *ctx, const pd_options *opts, const pd_brand *brand,
                             const char *kind);

/* Folders a stylesheet may read besides the built-in ones: the brand packs, and the folder of
 * a stylesheet given by the caller (NULL-terminated, malloc'd: free with pd_strv_free). */
char **pd_pipeline_read_dirs(const pd_options *opts, const pd_brand *brand);

#endif
