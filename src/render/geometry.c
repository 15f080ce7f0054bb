#include "geometry.h"

#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int bx_title_cells(const bx_sheet *s, bx_title_cell out[4], char *both, size_t size)
{
    int n = 0, last = s->ncols - 1;
    out[n++] = (bx_title_cell){0, 0, 0, s->label, BX_TITLE_NUMBER};
    out[n++] = (bx_title_cell){1, 0, last, s->title, BX_TITLE_TITLE};
    const char *l = s->caption_left, *r = s->caption_right;
    if (last == 0 || !l || !r) {
        /* one cell: whichever texts there are */
        snprintf(both, size, "%s%s%s", l ? l : "", l && r ? "    " : "", r ? r : "");
        if (*both)
            out[n++] = (bx_title_cell){2, 0, last, both,
                                       l ? BX_TITLE_CAPTION_LEFT : BX_TITLE_CAPTION_RIGHT};
        return n;
    }
    int split = (s->ncols + 1) / 2;
    out[n++] = (bx_title_cell){2, 0, split - 1, l, BX_TITLE_CAPTION_LEFT};
    out[n++] = split < last ? (bx_title_cell){2, split, last, r, BX_TITLE_CAPTION_RIGHT}
                            : (bx_title_cell){2, last, last, r, BX_TITLE_CAPTION_RIGHT};
    return n;
}

/* want made legal, into out. */
static void legal_name(const char *want, char *out, size_t size)
{
    char buf[256];
    size_t len = 0, chars = 0;
    for (const char *p = want; *p && chars < 31;) {
        uint32_t cp;
        size_t k = bx_utf8_decode(p, strlen(p), &cp);
        if (k == 0 || len + k >= sizeof buf - 8)
            break;
        if (strchr("[]:*?/\\", *p) && k == 1)
            buf[len++] = '_';
        else {
            memcpy(buf + len, p, k);
            len += k;
        }
        p += k;
        chars++;
    }
    while (len > 0 && buf[len - 1] == '\'')
        len--;
    size_t start = 0;
    while (start < len && buf[start] == '\'')
        start++;
    buf[len] = '\0';
    snprintf(out, size, "%s", buf[start] ? buf + start : "Sheet");
}

bx_sheet_name *bx_sheet_names(const bx_doc *doc, bx_error *err)
{
    bx_sheet_name *names = bx_calloc((size_t)doc->nsheets + 1, sizeof *names, err);
    for (int i = 0; names && i < doc->nsheets; i++) {
        char name[BX_SHEET_NAME_MAX];
        legal_name(doc->sheets[i].name ? doc->sheets[i].name : "", name, sizeof name);
        snprintf(names[i], sizeof names[i], "%s", name);
        /* a clash is numbered: "name (2)", the name cut to 20 bytes at a
         * character's start so that it stays UTF-8 and within 31 characters */
        size_t keep = strlen(name) < 20 ? strlen(name) : 20;
        while (keep > 0 && ((unsigned char)name[keep] & 0xC0) == 0x80)
            keep--;
        for (int k = 2; k < 1000; k++) {
            bool clash = false;
            for (int j = 0; j < i && !clash; j++)
                clash = strcasecmp(names[j], names[i]) == 0;
            if (!clash)
                break;
            snprintf(names[i], sizeof names[i], "%.*s (%d)", (int)keep, name, k);
        }
    }
    return names;
}

char *bx_grid_ref(int row, int col, char *buf, size_t size)
{
    return bx_cell_ref(BX_TITLE_ROWS + row, col, buf, size);
}
