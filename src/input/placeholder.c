#include "placeholder.h"

#include "text.h"

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

/* ---- reading a text as a template -------------------------------------- */

enum { MAX_PIECES = 16 };

typedef struct matcher {
    const char *text, *folded; /* the text and its fold */
    const int *at;             /* fold byte → text offset */
    size_t nfolded;
    struct {
        const char *lit; /* folded literal, or NULL for a name */
        size_t n;
        const char *name;
        size_t nname;
    } piece[MAX_PIECES];
    int npieces;
    size_t from[MAX_PIECES], to[MAX_PIECES]; /* a name's folded span */
} matcher;

/* Pieces [i, npieces) match folded[p, nfolded). */
static bool match_from(matcher *m, int i, size_t p)
{
    if (i == m->npieces)
        return p == m->nfolded;
    if (m->piece[i].lit) {
        size_t n = m->piece[i].n;
        return n <= m->nfolded - p && memcmp(m->folded + p, m->piece[i].lit, n) == 0 &&
               match_from(m, i + 1, p + n);
    }
    for (size_t q = p + 1; q <= m->nfolded; q++) {
        m->from[i] = p, m->to[i] = q;
        if (match_from(m, i + 1, q))
            return true;
    }
    return false;
}

/* The template as folded literals and names; false if it has too many
 * pieces (or pieces bx_tpl_next reports as broken). */
static bool split_template(matcher *m, const char *tpl, char *lits, size_t size)
{
    bx_tpl_piece piece;
    size_t used = 0;
    for (size_t at = 0; bx_tpl_next(tpl, &at, &piece);) {
        if (piece.kind != BX_TPL_TEXT && piece.kind != BX_TPL_NAME)
            return false;
        bool joined = piece.kind == BX_TPL_TEXT && m->npieces > 0 && m->piece[m->npieces - 1].lit;
        if (!joined && m->npieces == MAX_PIECES)
            return false;
        if (piece.kind == BX_TPL_NAME) {
            m->piece[m->npieces].lit = NULL;
            m->piece[m->npieces].name = piece.s;
            m->piece[m->npieces++].nname = piece.n;
            continue;
        }
        char raw[BX_TPL_MAX_TEXT + 1];
        if (piece.n > BX_TPL_MAX_TEXT)
            return false;
        memcpy(raw, piece.s, piece.n);
        raw[piece.n] = '\0';
        if (!bx_text_fold(raw, lits + used, size - used, NULL))
            return false;
        size_t n = strlen(lits + used);
        if (joined) { /* "{{" comes as its own piece: one literal with its neighbours */
            m->piece[m->npieces - 1].n += n;
            memmove(lits + used - 1, lits + used, n + 1);
            used += n;
            continue;
        }
        if (n == 0)
            continue;
        m->piece[m->npieces].lit = lits + used;
        m->piece[m->npieces++].n = n;
        used += n + 1;
    }
    return true;
}

int bx_tpl_match(const char *tpl, const char *text, bx_tpl_capture *caps)
{
    if (!tpl || !text || strlen(text) > BX_TPL_MAX_TEXT || strlen(tpl) > BX_TPL_MAX_TEXT)
        return -1;
    char folded[BX_TPL_MAX_TEXT * 2 + 1], lits[BX_TPL_MAX_TEXT * 2 + MAX_PIECES + 1];
    int at[BX_TPL_MAX_TEXT * 2 + 1];
    matcher m = {.text = text, .folded = folded, .at = at};
    if (!bx_text_fold(text, folded, sizeof folded, at) ||
        !split_template(&m, tpl, lits, sizeof lits))
        return -1;
    m.nfolded = strlen(folded);
    if (!match_from(&m, 0, 0))
        return -1;
    int n = 0;
    size_t len = strlen(text);
    for (int i = 0; i < m.npieces && n < BX_TPL_MAX_CAPTURES; i++) {
        if (m.piece[i].lit)
            continue;
        size_t a = (size_t)at[m.from[i]], b = m.to[i] < m.nfolded ? (size_t)at[m.to[i]] : len;
        char span[BX_TPL_MAX_TEXT + 1];
        memcpy(span, text + a, b - a);
        span[b - a] = '\0';
        size_t k;
        const char *t = bx_text_trim(span, &k);
        caps[n++] =
            (bx_tpl_capture){m.piece[i].name, m.piece[i].nname, text + a + (size_t)(t - span), k};
    }
    return n;
}
