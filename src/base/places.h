/* Where budgetx looks for what it ships — layout sets and fonts — after
 * the folders its caller names and the environment's ($BUDGETX_LAYOUTS,
 * $BUDGETX_FONTS): the folders it was installed to, and, in a program of
 * the build tree that is never installed (./build/budgetx, the tests),
 * the source tree's. Which list a program has is decided when it is
 * linked (places.c is built twice, see CMakeLists.txt): an installed
 * budgetx never looks into a checkout. */
#ifndef BX_PLACES_H
#define BX_PLACES_H

#include <stddef.h>

/* NULL-ended lists of folders. */
extern const char *const bx_layout_places[];
extern const char *const bx_font_places[];

/* The folders of a list joined with "、" into buf, for messages. */
const char *bx_places_text(const char *const *places, char *buf, size_t size);

#endif /* BX_PLACES_H */
