/* The whole document's text in the checks (checker.h): the notices its
 * sentences raised (a growth rate the exact figures would round otherwise,
 * a change that prints as 0), the department's figures that do not sum to
 * the totals they break down, and the digits typed into the text (the
 * digit lint) among the findings, and every figure it
 * printed — placeholder, text, cell, the values used — kept for the JSON
 * report: the proof that each printed figure is its cell's. */
#include "checker.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void value_text(const bx_nfig *v, char *out, size_t size)
{
    bx_amount_format(v->shown, v->decimals, false, out, size);
}

/* The part (level 1 heading) block b is in, "" before the first. */
static const char *part_of(const bx_doc *doc, int b)
{
    for (int i = b < doc->nblocks ? b : doc->nblocks - 1; i >= 0; i--)
        if (doc->blocks[i].kind == BX_BLOCK_HEADING && doc->blocks[i].level == 1)
            return doc->blocks[i].text;
    return "";
}

bool bx_check_narration(checker *ck)
{
    const bx_nlog *log = &ck->m->narration;
    for (size_t i = 0; i < log->nnotices; i++) {
        const bx_nnotice *n = &log->notices[i];
        if (!bx_check_text_finding(ck, false, BX_TEXT_RULE, n->file, n->line, 0, n->text))
            return false;
    }
    for (size_t i = 0; i < log->nchecks; i++) {
        const bx_nnotice *n = &log->checks[i];
        const char *rule = n->kind == BX_NCHECK_ROWS ? BX_ROWS_RULE : BX_PARTS_RULE;
        if (!bx_check_text_finding(ck, n->error, rule, n->file, n->line, n->column, n->text))
            return false;
    }
    for (size_t i = 0; i < log->ntyped; i++) {
        const bx_nnotice *n = &log->typed[i];
        if (!bx_check_text_finding(ck, true, BX_TYPED_RULE, n->file, n->line, n->column, n->text))
            return false;
    }
    if (log->nfigures == 0)
        return true;
    bx_findings *f = ck->out;
    f->narrative = bx_calloc(log->nfigures, sizeof *f->narrative, ck->err);
    if (!f->narrative)
        return false;
    for (size_t i = 0; i < log->nfigures; i++) {
        const bx_nprinted *p = &log->figures[i];
        bx_narrative_rec *r = &f->narrative[f->nnarrative++];
        r->expr = bx_arena_strdup(f->arena, p->expr, ck->err);
        r->printed = bx_arena_strdup(f->arena, p->printed, ck->err);
        r->ref = p->ref ? bx_arena_strdup(f->arena, p->ref, ck->err) : NULL;
        if (!r->expr || !r->printed || (p->ref && !r->ref))
            return false;
        if (p->ref)
            value_text(&p->value, r->value, sizeof r->value);
        const bx_dataview *v = &ck->m->view;
        /* the findings outlive the model: a copy */
        r->file = bx_arena_strdup(f->arena,
                                  p->value.file && p->value.file <= (uint32_t)v->ninputs
                                      ? v->inputs[p->value.file - 1]
                                      : "",
                                  ck->err);
        if (!r->file)
            return false;
        r->line = (int)p->value.line;
        r->column = (int)p->value.column;
        r->block = p->block;
        r->part = bx_arena_strdup(f->arena, part_of(ck->m->doc, p->block), ck->err);
        if (!r->part)
            return false;
        r->has_prev = p->has_prev;
        if (p->has_prev)
            value_text(&p->prev, r->prev, sizeof r->prev);
    }
    return true;
}

void bx_check_json_narration(const bx_findings *f, bx_strbuf *b)
{
    for (size_t i = 0; i < f->nnarrative; i++) {
        const bx_narrative_rec *r = &f->narrative[i];
        bx_strbuf_puts(b, i ? ",\n    {\"placeholder\": " : "\n    {\"placeholder\": ");
        bx_check_json_string(b, r->expr);
        bx_strbuf_printf(b, ", \"block\": %d, \"part\": ", r->block + 1);
        bx_check_json_string(b, r->part);
        bx_strbuf_puts(b, ", \"printed\": ");
        bx_check_json_string(b, r->printed);
        if (r->ref) {
            bx_strbuf_puts(b, ", \"cell\": ");
            bx_check_json_string(b, r->ref);
            bx_strbuf_printf(b, ", \"value\": \"%s\", \"file\": ", r->value);
            bx_check_json_string(b, r->file);
            bx_strbuf_printf(b, ", \"line\": %d, \"column_number\": %d", r->line, r->column);
        }
        if (r->has_prev)
            bx_strbuf_printf(b, ", \"last_year\": \"%s\"", r->prev);
        bx_strbuf_putc(b, '}');
    }
}
