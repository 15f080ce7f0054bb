/* The parts of a CFF program the PDF needs (pdf_cff.h): the CID of every
 * glyph, from the charset in its three formats, and the ROS. */
#include "pdf_cff.h"
#include "pdf_cff_read.h"

#include <stdlib.h>
#include <string.h>

/* The program's character collection and the CID of every glyph. */
static bool read_cids(bx_cff_reader *r, const bx_cff_program *pg, bx_cff *cff)
{
    const bx_cff_top *t = &pg->top;
    cff->nglyphs = pg->charstrings.count;
    cff->cids = calloc(cff->nglyphs, sizeof *cff->cids);
    if (!cff->cids)
        return bx_cff_bad(r, "内存不足");
    cff->cid_keyed = t->has_ros;
    if (!cff->cid_keyed) { /* CIDs are glyph ids */
        for (unsigned g = 0; g < cff->nglyphs; g++)
            cff->cids[g] = (uint16_t)g;
        return true;
    }
    bx_cff_string(r, &pg->strings, t->ros[0], cff->registry, sizeof cff->registry);
    bx_cff_string(r, &pg->strings, t->ros[1], cff->ordering, sizeof cff->ordering);
    cff->supplement = (int)t->ros[2];
    /* 0–2 name the predefined charsets of fonts that are not CID-keyed */
    if (t->charset <= 2 || (unsigned long)t->charset >= r->len)
        return bx_cff_bad(r, "CID 字体没有 charset");
    return bx_cff_read_charset(r, (size_t)t->charset, cff->nglyphs, NULL, 0, cff->cids);
}

static bool read_cff(bx_cff_reader *r, bx_cff *cff)
{
    bx_cff_program pg;
    return bx_cff_read_program(r, &pg) && read_cids(r, &pg, cff);
}

bool bx_cff_read(const unsigned char *data, size_t len, bx_cff *out, bx_error *err)
{
    memset(out, 0, sizeof *out);
    bx_cff_reader r = {data, len, NULL};
    if (read_cff(&r, out))
        return true;
    bool nomem = strcmp(r.what, "内存不足") == 0;
    bx_cff_free(out);
    if (nomem)
        bx_fail(err, NULL, BX_ERR_NOMEM, "内存不足");
    else
        bx_fail(err, NULL, BX_ERR_BACKEND, "字体的 CFF 表无法解析：%s", r.what);
    return false;
}

void bx_cff_free(bx_cff *cff)
{
    if (!cff)
        return;
    free(cff->cids);
    memset(cff, 0, sizeof *cff);
}
