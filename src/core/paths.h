/* paths.h — the folders fixed at build time. The one object that differs between the library
 * built for the checkout and the one built for `make install` (mk/install.mk compiles
 * paths.c a second time with the installed folders), so that both find their data without
 * being told and without guessing at run time. */
#ifndef PD_PATHS_H
#define PD_PATHS_H

#include "phasedoc.h"

/* The data folder (stylesheets/, schemas/, templates/, fonts/) when $PHASEDOC_DATA is unset:
 * the checkout, or DATADIR/phasedoc once installed. */
const char *pd_default_data_dir(void);

/* Where the build's packed hyphenation automata are (NAME.pdh), or NULL for none: build/hyphen
 * in the checkout, LIBDIR/phasedoc/hyphen once installed (they are native-endian, hence
 * architecture-dependent and not under share/). */
const char *pd_packed_hyphen_dir(void);

/* The full phasedoc program, which has serve and sign (src/tool/elsewhere.c): build/
 * phasedoc-full in the checkout, LIBDIR/phasedoc/phasedoc-full once installed. */
const char *pd_full_tool_path(void);

/* Where fontconfig's cache of the bundled fonts is (made by fc-cache at build and install time:
 * reading it is 0.6 M instructions, scanning the fonts 17 M), or NULL for none:
 * build/fontconfig-cache in the checkout, FONTCACHEDIR once installed. */
const char *pd_font_cache_dir(void);

/* The system configuration folder (/etc, or SYSCONFDIR): brand packs in SYSCONFDIR/phasedoc/
 * brands. */
const char *pd_sysconf_dir(void);

/* The folders searched for a brand pack by name, most important first (malloc'd,
 * NULL-terminated, free with pd_strv_free): $XDG_DATA_HOME/phasedoc/brands (default
 * ~/.local/share/phasedoc/brands), SYSCONFDIR/phasedoc/brands, DATA/templates/brands. NULL when
 * out of memory. */
char **pd_brand_search_dirs(const pd_ctx *ctx);

#endif
