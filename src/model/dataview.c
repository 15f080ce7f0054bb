/* Finding rows of the data view by the names rules and sentences give
 * them (dataview.h). */
#include "dataview.h"

#include <stdio.h>
#include <string.h>

void bx_dataview_expand_years(int year, const char *tpl, char *out, size_t size)
{
    size_t at = 0;
    for (const char *p = tpl; *p && at + 8 < size;) {
        if (strncmp(p, "{year}", 6) == 0) {
            at += (size_t)snprintf(out + at, size - at, "%d", year);
            p += 6;
        } else if (strncmp(p, "{last_year}", 11) == 0) {
            at += (size_t)snprintf(out + at, size - at, "%d", year - 1);
            p += 11;
        } else {
            out[at++] = *p++;
        }
    }
    out[at] = '\0';
}

bool bx_dataview_same_label(const char *a, const char *b)
{
    while (*a || *b) {
        while (*a == ' ')
            a++;
        while (*b == ' ')
            b++;
        if (*a != *b)
            return false;
        if (*a) {
            a++;
            b++;
        }
    }
    return true;
}

const bx_vrow *bx_dataview_row(const bx_vtable *vt, const char *selector, int year, int *count)
{
    char sel[512];
    bx_dataview_expand_years(year, selector, sel, sizeof sel);
    int first = 0, n = 0;
    while (first < vt->nrows && vt->rows[first].band &&
           strcmp(vt->rows[first].band, "@fields") == 0)
        first++;
    const bx_vrow *found = NULL;
    if (strcmp(sel, "@first") == 0 || strcmp(sel, "@last") == 0) {
        if (first < vt->nrows)
            found = &vt->rows[strcmp(sel, "@first") == 0 ? first : vt->nrows - 1];
        n = found != NULL;
    } else {
        for (int r = 0; r < vt->nrows; r++) {
            const bx_vrow *row = &vt->rows[r];
            bool named = strcmp(sel, "@fields") == 0
                             ? row->band && strcmp(row->band, "@fields") == 0
                         : strncmp(sel, "code=", 5) == 0
                             ? row->code && strcmp(row->code, sel + 5) == 0
                             : row->label && bx_dataview_same_label(row->label, sel);
            if (named && n++ == 0)
                found = row;
        }
    }
    if (count)
        *count = n;
    return found;
}
