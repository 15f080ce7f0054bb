/* Which TrueType files the PDF is set in. Default: Noto Serif SC Regular
 * and Bold (fetched by build.sh into fonts/, installed with the layouts);
 * fallback: Debian's AR PL SungtiL GB (GB2312 only, no bold face). */
#ifndef BX_FONTS_H
#define BX_FONTS_H

#include "common.h"

typedef struct bx_font_choice {
    char path[1024];      /* regular face */
    char bold_path[1024]; /* bold face; "" = embolden the regular face */
} bx_font_choice;

/* Pick the fonts: the given files if any (either may be NULL), else the
 * first folder of `dirs` (NULL-ended, may be NULL), $BUDGETX_FONTS, the
 * install and source folders that holds the Noto Serif SC files, else the
 * Debian fallback. Fails, naming what was searched, when nothing is
 * there. */
bool bx_fonts_choose(const char *font, const char *bold_font, const char *const *dirs,
                     bx_font_choice *out, bx_error *err);

/* Check that path is a TrueType font libharu can embed (TrueType outlines,
 * or a .ttc collection, whose first face is used); a CFF/OpenType font is
 * refused with a message. *collection (may be NULL) tells a .ttc. */
bool bx_font_check_file(const char *path, bool *collection, bx_error *err);

#endif /* BX_FONTS_H */
