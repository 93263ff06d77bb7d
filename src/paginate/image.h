/* image.h — images for the layout: checked before decoding, decoded once per context. */
#ifndef PD_IMAGE_H
#define PD_IMAGE_H

#include "ctx.h"
#include "picture.h"

typedef struct pd_images pd_images;

#define PD_IMAGE_MAX_BYTES (16u << 20)
#define PD_IMAGE_MAX_SIDE 8000
#define PD_IMAGE_MAX_PIXELS (24u * 1000 * 1000)

/* A decoded image (a PNG, or an SVG drawn as vectors), owned by the cache. */
typedef struct {
    pd_picture *picture; /* opaque: only the renderer draws it */
    bool svg;
    double width, height; /* natural size in points (PNG: one pixel is one point at 72 dpi) */
} pd_image;

/* The context's image cache (created on first use, freed with the context). */
pd_images *pd_images_of(pd_ctx *ctx);

/* Loads src (a PNG or SVG file) if it lies inside one of dirs (NULL-terminated); errors are
 * raised against file:line. The image is borrowed from the cache. */
const pd_image *pd_image_load(pd_ctx *ctx, pd_images *cache, const char *const *dirs,
                              const char *file, int line, const char *src);

#endif
