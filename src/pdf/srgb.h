/* srgb.h — the sRGB ICC profile (deflated) that every document's OutputIntent embeds; the
 * bytes are generated at build time from Debian's icc-profiles-free (mk/signing.mk). */
#ifndef PD_SRGB_H
#define PD_SRGB_H

#include <stddef.h>

extern const unsigned char pd_srgb_icc[];
extern const size_t pd_srgb_icc_len;

#endif
