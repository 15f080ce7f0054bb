/* The log of the 文字部分 (sentence.h): what the templates printed and what
 * they and their caller found, in one arena. */
#include "sentence.h"

#include <stdlib.h>
#include <string.h>

bool bx_nlog_init(bx_nlog *log, bx_error *err)
{
    memset(log, 0, sizeof *log);
    log->arena = bx_arena_new();
    if (!log->arena)
        return bx_fail(err, NULL, BX_ERR_NOMEM, "内存不足") == BX_OK;
    return true;
}

void bx_nlog_free(bx_nlog *log)
{
    if (!log)
        return;
    bx_arena_free(log->arena);
    free(log->figures);
    free(log->notices);
    free(log->typed);
    free(log->checks);
    memset(log, 0, sizeof *log);
}

bool bx_nuses_add(bx_nuses *u, bx_nrole role, const char *ref, const bx_nfig *fig)
{
    if (!u)
        return true;
    if (!bx_grow((void **)&u->items, &u->cap, u->n + 1, sizeof *u->items, u->err))
        return false;
    bx_nuse *use = &u->items[u->n];
    *use = (bx_nuse){role, bx_arena_strdup(u->arena, ref, u->err), *fig};
    if (!use->ref)
        return false;
    u->n++;
    return true;
}

/* One note of the log's, at loc. */
static bool add_note(bx_nlog *log, bx_nnotice **notes, size_t *n, size_t *cap, const bx_loc *loc,
                     const char *text, bx_error *err)
{
    if (!bx_grow((void **)notes, cap, *n + 1, sizeof **notes, err))
        return false;
    bx_nnotice *note = &(*notes)[*n];
    *note = (bx_nnotice){.line = loc ? loc->line : 0, .column = loc ? loc->column : 0};
    note->text = bx_arena_strdup(log->arena, text, err);
    note->file = bx_arena_strdup(log->arena, loc && loc->file ? loc->file : "", err);
    if (!note->text || !note->file)
        return false;
    (*n)++;
    return true;
}

bool bx_nlog_add_check(bx_nlog *log, const bx_loc *loc, bx_ncheck kind, bool error,
                       const char *text, bx_error *err)
{
    if (!add_note(log, &log->checks, &log->nchecks, &log->cap_checks, loc, text, err))
        return false;
    log->checks[log->nchecks - 1].error = error;
    log->checks[log->nchecks - 1].kind = (int)kind;
    return true;
}

bool bx_nlog_add_notice(bx_nlog *log, const bx_loc *loc, const char *text, bx_error *err)
{
    return add_note(log, &log->notices, &log->nnotices, &log->cap_notices, loc, text, err);
}

bool bx_nlog_add_typed(bx_nlog *log, const bx_loc *loc, const char *text, bx_error *err)
{
    return add_note(log, &log->typed, &log->ntyped, &log->cap_typed, loc, text, err);
}
