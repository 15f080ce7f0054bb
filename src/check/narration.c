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

/* The name of input file (1-based into the view's inputs; 0: none): a
 * copy, for the findings outlive the model. */
static const char *input_name(checker *ck, uint32_t file)
{
    const bx_dataview *v = &ck->m->view;
    const char *name = file && file <= (uint32_t)v->ninputs ? v->inputs[file - 1] : "";
    return bx_arena_strdup(ck->out->arena, name, ck->err);
}

static const char *const role_names[] = {
    [BX_NROLE_VALUE] = "value",
    [BX_NROLE_LAST_YEAR] = "last_year",
    [BX_NROLE_BASE] = "base",
    [BX_NROLE_PART] = "part",
};

/* The figures p used, into r. */
static bool copy_cells(checker *ck, const bx_nprinted *p, bx_narrative_rec *r)
{
    if (!p->nuses)
        return true;
    r->cells = bx_arena_alloc(ck->out->arena, p->nuses * sizeof *r->cells, ck->err);
    if (!r->cells)
        return false;
    for (size_t i = 0; i < p->nuses; i++) {
        const bx_nuse *u = &p->uses[i];
        bx_narrative_cell *c = &r->cells[r->ncells++];
        *c = (bx_narrative_cell){
            .role = role_names[u->role], .line = (int)u->fig.line, .column = (int)u->fig.column};
        c->ref = bx_arena_strdup(ck->out->arena, u->ref, ck->err);
        c->file = input_name(ck, u->fig.file);
        if (!c->ref || !c->file)
            return false;
        value_text(&u->fig, c->value, sizeof c->value);
        if (bx_nfig_of(u->fig.shown, u->fig.decimals).exact != u->fig.exact)
            bx_nfig_exact_text(&u->fig, c->exact, sizeof c->exact);
    }
    return true;
}

static bool copy_figure(checker *ck, const bx_nprinted *p, bx_narrative_rec *r)
{
    bx_arena *a = ck->out->arena;
    *r = (bx_narrative_rec){.block = p->block,
                            .line = (int)p->value.line,
                            .column = (int)p->value.column,
                            .amount_decimals = p->amount_decimals,
                            .percent_decimals = p->percent_decimals,
                            .exact_base = p->exact_base};
    r->expr = bx_arena_strdup(a, p->expr, ck->err);
    r->printed = bx_arena_strdup(a, p->printed, ck->err);
    r->ref = p->ref ? bx_arena_strdup(a, p->ref, ck->err) : NULL;
    r->computed = p->computed ? bx_arena_strdup(a, p->computed, ck->err) : NULL;
    r->file = input_name(ck, p->value.file);
    r->part = bx_arena_strdup(a, part_of(ck->m->doc, p->block), ck->err);
    if (!r->expr || !r->printed || (p->ref && !r->ref) || (p->computed && !r->computed) ||
        !r->file || !r->part)
        return false;
    if (p->ref)
        value_text(&p->value, r->value, sizeof r->value);
    return copy_cells(ck, p, r);
}

bool bx_check_narration(checker *ck)
{
    const bx_nlog *log = &ck->m->narration;
    for (size_t i = 0; i < log->nnotices; i++) {
        const bx_nnotice *n = &log->notices[i];
        if (!bx_check_text_finding(ck, false, BX_TEXT_RULE, n->file, n->line, n->column, n->text))
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
    for (size_t i = 0; i < log->nfigures; i++)
        if (!copy_figure(ck, &log->figures[i], &f->narrative[f->nnarrative++]))
            return false;
    return true;
}

/* How r's figures were rounded: "half-up: amounts to 2 decimals, percentages
 * to 1 decimal from the shown figures". */
static void json_rounding(const bx_narrative_rec *r, bx_strbuf *b)
{
    if (r->amount_decimals < 0 && r->percent_decimals < 0)
        return;
    bx_strbuf_puts(b, ", \"rounding\": {\"mode\": \"half-up\"");
    if (r->amount_decimals >= 0)
        bx_strbuf_printf(b, ", \"amount_decimals\": %d", r->amount_decimals);
    if (r->percent_decimals >= 0)
        bx_strbuf_printf(b, ", \"percent_decimals\": %d, \"percent_from\": \"%s\"",
                         r->percent_decimals, r->exact_base ? "exact" : "shown");
    bx_strbuf_putc(b, '}');
}

static void json_cells(const bx_narrative_rec *r, bx_strbuf *b)
{
    if (!r->ncells)
        return;
    bx_strbuf_puts(b, ", \"cells\": [");
    for (size_t i = 0; i < r->ncells; i++) {
        const bx_narrative_cell *c = &r->cells[i];
        bx_strbuf_printf(b, "%s{\"role\": \"%s\", \"cell\": ", i ? ", " : "", c->role);
        bx_check_json_string(b, c->ref);
        bx_strbuf_printf(b, ", \"value\": \"%s\"", c->value);
        if (c->exact[0])
            bx_strbuf_printf(b, ", \"exact\": \"%s\"", c->exact);
        bx_strbuf_puts(b, ", \"file\": ");
        bx_check_json_string(b, c->file);
        bx_strbuf_printf(b, ", \"line\": %d, \"column_number\": %d}", c->line, c->column);
    }
    bx_strbuf_putc(b, ']');
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
        if (r->computed) {
            bx_strbuf_puts(b, ", \"given\": true, \"computed\": ");
            bx_check_json_string(b, r->computed);
        }
        if (r->ref) {
            bx_strbuf_puts(b, ", \"cell\": ");
            bx_check_json_string(b, r->ref);
            bx_strbuf_printf(b, ", \"value\": \"%s\"", r->value);
        }
        if (r->ref && r->file[0]) { /* a sum's terms have theirs in "cells" */
            bx_strbuf_puts(b, ", \"file\": ");
            bx_check_json_string(b, r->file);
            bx_strbuf_printf(b, ", \"line\": %d, \"column_number\": %d", r->line, r->column);
        }
        for (size_t k = 0; k < r->ncells; k++)
            if (strcmp(r->cells[k].role, "last_year") == 0) {
                bx_strbuf_printf(b, ", \"last_year\": \"%s\"", r->cells[k].value);
                break;
            }
        json_rounding(r, b);
        json_cells(r, b);
        bx_strbuf_putc(b, '}');
    }
}
