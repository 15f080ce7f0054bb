#include "placeholder.h"

#include <string.h>

bool bx_tpl_next(const char *tpl, size_t *at, bx_tpl_piece *out)
{
    const char *p = tpl + *at;
    if (!*p)
        return false;
    if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}')) {
        *out = (bx_tpl_piece){BX_TPL_TEXT, p, 1};
        *at += 2;
        return true;
    }
    if (*p == '}') {
        *out = (bx_tpl_piece){BX_TPL_LONE_END, p, 1};
        *at += 1;
        return true;
    }
    if (*p == '{') {
        const char *end = strchr(p, '}'), *nested = strchr(p + 1, '{');
        if (!end || end == p + 1 || (nested && nested < end)) {
            *out = (bx_tpl_piece){BX_TPL_BAD_NAME, p, 1};
            *at += 1;
            return true;
        }
        *out = (bx_tpl_piece){BX_TPL_NAME, p + 1, (size_t)(end - p - 1)};
        *at += (size_t)(end - p) + 1;
        return true;
    }
    size_t n = strcspn(p, "{}");
    *out = (bx_tpl_piece){BX_TPL_TEXT, p, n};
    *at += n;
    return true;
}
