/* The driver every back end runs under: a temporary file, the walk, and
 * the rename that makes the file appear only when it is complete. */
#include "backend.h"

#include "output.h"

#include <stdio.h>
#include <string.h>

static bool walk(const bx_backend *b, void *state, const bx_doc *doc, bx_error *err)
{
    bx_iter it;
    bx_event ev;
    bx_iter_init(&it, doc);
    while (bx_iter_next(&it, &ev))
        if (!b->event(state, &ev, err))
            return false;
    return true;
}

/* A back end's message names the file it was given: name the output's
 * final file instead, which is what the user asked for. */
static void name_the_file(bx_error *err, const bx_output *out)
{
    if (bx_failed(err) &&
        (strcmp(err->file, out->write_path) == 0 || strcmp(err->file, out->tmp_path) == 0))
        snprintf(err->file, sizeof err->file, "%s", out->path);
}

bx_status bx_doc_write(const bx_doc *doc, const bx_backend *b, const char *path,
                       const bx_write_ctx *ctx, bx_error *err)
{
    bx_error local;
    if (!err) {
        bx_error_clear(&local);
        err = &local;
    }
    if (!doc || !b || !path)
        return bx_fail(err, NULL, BX_ERR_USAGE, "bx_doc_write: 缺少文档、格式或文件名");
    bx_write_ctx none = {0};
    if (!ctx)
        ctx = &none;
    bx_output out;
    if (!bx_output_begin(&out, path, err))
        return err->status;
    void *state = b->open(doc, out.write_path, ctx, err);
    bool ok = state != NULL;
    if (ok && !walk(b, state, doc, err)) {
        b->abort(state);
        ok = false;
    }
    ok = ok && b->finish(state, err);
    if (!ok) {
        name_the_file(err, &out);
        bx_output_abort(&out);
        return bx_failed(err) ? err->status : BX_ERR_BACKEND;
    }
    return bx_output_commit(&out, err) ? BX_OK : err->status;
}
