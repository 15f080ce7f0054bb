/* The folders of places.h. Built twice: with BX_TREE_LAYOUTS_DIR and
 * BX_TREE_FONTS_DIR for the build tree's programs, without them for the
 * installed library and CLI. */
#include "places.h"

#include <stdio.h>
#include <string.h>

const char *const bx_layout_places[] = {BX_LAYOUTS_INSTALL_DIR,
#ifdef BX_TREE_LAYOUTS_DIR
                                        BX_TREE_LAYOUTS_DIR,
#endif
                                        NULL};

const char *const bx_font_places[] = {BX_FONTS_INSTALL_DIR,
#ifdef BX_TREE_FONTS_DIR
                                      BX_TREE_FONTS_DIR,
#endif
                                      NULL};

const char *bx_places_text(const char *const *places, char *buf, size_t size)
{
    size_t n = 0;
    buf[0] = '\0';
    for (const char *const *p = places; *p && n < size; p++) {
        int k = snprintf(buf + n, size - n, "%s%s", p == places ? "" : "、", *p);
        if (k < 0)
            break;
        n += (size_t)k;
    }
    return buf;
}
