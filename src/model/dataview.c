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

const bx_vtable *bx_dataview_table(const bx_dataview *v, int n)
{
    for (int i = 0; v && i < v->ntables; i++)
        if (v->tables[i].number == n)
            return &v->tables[i];
    return NULL;
}

size_t bx_dataview_ref_words(const bx_dataview *v, int table, const char *row, const char *field,
                             int year, char *out, size_t size)
{
    const bx_vtable *vt = bx_dataview_table(v, table);
    char label[256], name[256];
    bx_dataview_expand_years(year, field, name, sizeof name);
    bool first = strcmp(row, "@first") == 0, last = strcmp(row, "@last") == 0;
    const bx_vrow *named = vt && (first || last) ? bx_dataview_row(vt, row, year, NULL) : NULL;
    if (named && named->label)
        snprintf(label, sizeof label, "%s", named->label);
    else if (first || last)
        snprintf(label, sizeof label, "%s", first ? "第一行" : "最后一行");
    else if (strcmp(row, "*") == 0)
        snprintf(label, sizeof label, "各行");
    else if (strncmp(row, "code=", 5) == 0)
        snprintf(label, sizeof label, "科目 %s ", row + 5);
    else if (strcmp(row, "@fields") == 0)
        label[0] = '\0';
    else
        bx_dataview_expand_years(year, row, label, sizeof label);
    int n = snprintf(out, size, "表%d %s%s%s", table, label, label[0] ? "的" : "", name);
    return n < 0 ? 0 : (size_t)n;
}
