/* A subset's charset made by hand, for tests of what is written with it:
 * each character's code (CID) is given, as bx_face_subset would have
 * chosen it, and every glyph is 1 em wide. */
#ifndef BX_FAKE_CHARSET_H
#define BX_FAKE_CHARSET_H

#include "pdf_font.h"

#include <stdlib.h>

typedef struct fake_glyph {
    uint32_t cp;
    uint16_t code;
} fake_glyph;

/* A sealed charset of the n characters (bx_charset_free frees it). */
static void fake_charset(bx_charset *cs, const fake_glyph *g, size_t n)
{
    assert_true(bx_charset_init(cs, NULL));
    for (size_t i = 0; i < n; i++)
        assert_true(bx_charset_add(cs, g[i].cp, NULL));
    bx_charset_seal(cs);
    cs->codes = calloc(n ? n : 1, sizeof *cs->codes);
    cs->widths = calloc(n ? n : 1, sizeof *cs->widths);
    assert_non_null(cs->codes);
    assert_non_null(cs->widths);
    for (size_t i = 0; i < cs->n; i++) {
        for (size_t j = 0; j < n; j++)
            if (g[j].cp == cs->cps[i])
                cs->codes[i] = g[j].code;
        cs->widths[i] = 1000;
    }
}

#endif
