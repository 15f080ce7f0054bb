/* Text templates of layouts: literal text with placeholders {name} (year,
 * unit, a dataset field); "{{" and "}}" stand for literal braces. One
 * scanner for the loader that checks them, the resolver that expands them
 * and the template maker that lists the fields they name. */
#ifndef BX_PLACEHOLDER_H
#define BX_PLACEHOLDER_H

#include <stdbool.h>
#include <stddef.h>

typedef enum bx_tpl_kind {
    BX_TPL_TEXT,     /* literal text (a doubled brace gives one brace) */
    BX_TPL_NAME,     /* a placeholder: s is its name, without the braces */
    BX_TPL_LONE_END, /* a "}" that closes nothing (s is it) */
    BX_TPL_BAD_NAME  /* a "{" without a name and its "}" (s points at it; n is 1) */
} bx_tpl_kind;

typedef struct bx_tpl_piece {
    bx_tpl_kind kind;
    const char *s;
    size_t n;
} bx_tpl_piece;

/* The piece of tpl that starts at byte *at, advancing *at past it; false
 * at the end of tpl. */
bool bx_tpl_next(const char *tpl, size_t *at, bx_tpl_piece *out);

/* What a placeholder stood for in a text matched with its template. */
typedef struct bx_tpl_capture {
    const char *name; /* inside the template, nname bytes */
    size_t nname;
    const char *s; /* inside the text, n bytes, trimmed */
    size_t n;
} bx_tpl_capture;

enum { BX_TPL_MAX_CAPTURES = 8, BX_TPL_MAX_TEXT = 1024 };

/* Whether text reads as tpl (bx_text_fold: spaces and full-width forms
 * aside), each placeholder standing for some text that is not empty;
 * the number of captures written (at most BX_TPL_MAX_CAPTURES, in
 * template order), or -1. Texts longer than BX_TPL_MAX_TEXT never match. */
int bx_tpl_match(const char *tpl, const char *text, bx_tpl_capture *caps);

#endif /* BX_PLACEHOLDER_H */
