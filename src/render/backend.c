/* The driver every back end runs under: a temporary file, the walk, and
 * the rename that makes the file appear only when it is complete. */
#include "backend.h"

#include "output.h"

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
    void *state = b->open(doc, out.tmp_path, ctx, err);
    if (!state) {
        bx_output_abort(&out);
        return bx_failed(err) ? err->status : BX_ERR_BACKEND;
    }
    if (!walk(b, state, doc, err)) {
        b->abort(state);
        bx_output_abort(&out);
        return bx_failed(err) ? err->status : BX_ERR_BACKEND;
    }
    if (!b->finish(state, err)) {
        bx_output_abort(&out);
        return bx_failed(err) ? err->status : BX_ERR_BACKEND;
    }
    return bx_output_commit(&out, err) ? BX_OK : err->status;
}
