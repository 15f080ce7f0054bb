/* libFuzzer harness: the CFF reader and subsetter (pdf_cff_subset.h), on the
 * font programs a user's --font brings: read, then every glyph (up to
 * 256) subset, subroutines written out. */
#include "pdf_cff_subset.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    bx_error err;
    bx_error_clear(&err);
    bx_cff cff;
    unsigned n = 1; /* .notdef alone when the program does not read */
    if (bx_cff_read(data, size, &cff, &err)) {
        n = cff.nglyphs < 256 ? cff.nglyphs : 256;
        bx_cff_free(&cff);
    }
    uint16_t gids[256];
    for (unsigned g = 0; g < n; g++)
        gids[g] = (uint16_t)g;
    unsigned char *program;
    size_t len;
    bx_error_clear(&err);
    if (bx_cff_subset(data, size, gids, n, &program, &len, &cff, &err)) {
        bx_error_clear(&err);
        bx_cff back;
        if (bx_cff_read(program, len, &back, &err)) { /* what it writes reads back */
            if (back.nglyphs != n)
                abort();
            bx_cff_free(&back);
        } else {
            abort();
        }
        free(program);
        bx_cff_free(&cff);
    }
    return 0;
}
