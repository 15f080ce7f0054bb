/* Which font files the PDF is set in. Default: Noto Serif CJK SC Regular
 * and Bold, the Simplified Chinese faces of the OpenType/CFF collections
 * of Debian's fonts-noto-cjk (installed by build.sh). A default face that
 * cannot be found is an error naming what was searched — there is no
 * silent fallback; any TrueType or OpenType file can be given instead
 * (--font, --bold-font). */
#ifndef BX_FONTS_H
#define BX_FONTS_H

#include "common.h"

typedef struct bx_font_choice {
    char path[1024];      /* regular face */
    char face[64];        /* its PostScript name in a collection; "" = the file's own choice */
    char bold_path[1024]; /* bold face; "" = embolden the regular face */
    char bold_face[64];
} bx_font_choice;

/* Where the default faces are when nothing else has them: Debian's
 * fonts-noto-cjk, and fonts-lxgw-wenkai for the 楷体 headings. */
#define BX_FONTS_SYSTEM_DIR "/usr/share/fonts/opentype/noto"
#define BX_FONTS_KAI_DIR "/usr/share/fonts/truetype/lxgw-wenkai"

/* The faces of the whole document's headings (GB/T 9704): 黑体 for the
 * parts (Noto Sans CJK SC Regular), 楷体 for the level below (LXGW WenKai
 * Regular). */
typedef struct bx_heading_fonts {
    char hei_path[1024], hei_face[64];
    char kai_path[1024], kai_face[64];
} bx_heading_fonts;

/* Find the heading faces like the default ones (dirs, $BUDGETX_FONTS, the
 * install folders, then the system folders); an error naming the file,
 * its Debian package and every folder searched when one is nowhere. */
bool bx_fonts_choose_headings(const char *const *dirs, bx_heading_fonts *out, bx_error *err);

/* Pick the fonts: the given files if any (either may be NULL); else the
 * default faces from the first folder that holds their files, searched in
 * this order: `dirs` (NULL-ended, may be NULL), $BUDGETX_FONTS, the
 * install (and, in the build tree, the source) folders, BX_FONTS_SYSTEM_DIR.
 * Fails, naming the file and every folder searched, when a default face
 * is nowhere. */
bool bx_fonts_choose(const char *font, const char *bold_font, const char *const *dirs,
                     bx_font_choice *out, bx_error *err);
/* The same with the last folder given (tests: a machine without it). */
bool bx_fonts_choose_in(const char *font, const char *bold_font, const char *const *dirs,
                        const char *system_dir, bx_font_choice *out, bx_error *err);

/* Check that path is a font file budgetx can embed: TrueType or OpenType
 * (glyf or CFF outlines), or a collection of them (.ttc); anything else
 * is refused with a message. */
bool bx_font_check_file(const char *path, bx_error *err);

#endif /* BX_FONTS_H */
