/* A font for layout tests: every CJK or full-width character is 1 em
 * wide, everything else half an em, like a typical 宋体. */
#ifndef BX_FAKE_FONT_H
#define BX_FAKE_FONT_H

#include "pdf_layout.h"
#include "text.h"

static double fake_width(void *ctx, bx_typeface face, const char *s, size_t n)
{
    (void)ctx;
    (void)face;
    return 500.0 * (double)bx_text_width_n(s, n);
}

static const bx_metrics fake_metrics = {NULL, fake_width};

#endif
