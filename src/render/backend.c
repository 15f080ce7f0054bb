/* The driver every back end runs under: the walk into a temporary file,
 * and the rename that makes the file appear only when it is complete. */
#include "backend.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static bool walk(const bx_backend *b, void *state, const bx_doc *doc, const bx_write_ctx *ctx,
                 bx_error *err)
{
    bx_iter it;
    bx_event ev;
    bx_iter_init(&it, doc);
    int rows = 0;
    while (bx_iter_next(&it, &ev)) {
        if (!b->event(state, &ev, err))
            return false;
        if (!ctx->walked)
            continue;
        if (ev.type == BX_EV_ROW_END && ++rows == BX_PROGRESS_ROWS) {
            ctx->walked(ctx->walked_data, rows, 0);
            rows = 0;
        } else if (ev.type == BX_EV_SHEET_END) {
            ctx->walked(ctx->walked_data, rows, 1);
            rows = 0;
        }
    }
    return true;
}

bx_status bx_doc_write_to(const bx_doc *doc, const bx_backend *b, bx_output *out,
                          const bx_write_ctx *ctx, bx_error *err)
{
    bx_error local;
    if (!err) {
        bx_error_clear(&local);
        err = &local;
    }
    if (!doc || !b || !out || !out->write_path)
        return bx_fail(err, NULL, BX_ERR_USAGE, "bx_doc_write: 缺少文档、格式或输出");
    bx_write_ctx none = {0};
    if (!ctx)
        ctx = &none;
    /* errno where a step failed: libharu and libxlsxwriter report their own
     * codes, but the failed write's errno is usually still there */
    errno = 0;
    void *state = b->open(doc, out->write_path, ctx, err);
    int failed_with = errno;
    bool ok = state != NULL;
    if (ok) {
        errno = 0;
        ok = walk(b, state, doc, ctx, err);
        failed_with = errno;
        if (!ok)
            b->abort(state);
    }
    if (ok) {
        errno = 0;
        ok = b->finish(state, err);
        failed_with = errno;
        /* a write that failed unseen: libharu ignores what fclose says,
         * so the PDF's last buffer can be lost on a full disk while
         * HPDF_SaveToFile succeeds; only a failed write sets these */
        if (ok && (failed_with == ENOSPC || failed_with == EDQUOT || failed_with == EFBIG ||
                   failed_with == EIO))
            ok = bx_fail(err, NULL, BX_ERR_IO, "写入失败") == BX_OK;
    }
    if (ok)
        return BX_OK;
    if (!bx_failed(err))
        bx_fail(err, NULL, BX_ERR_BACKEND, "写入失败");
    bx_output_explain(out, failed_with, err);
    return err->status;
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
    bx_output out;
    if (!bx_output_begin(&out, path, err))
        return err->status;
    if (bx_doc_write_to(doc, b, &out, ctx, err) != BX_OK) {
        bx_output_abort(&out);
        return err->status;
    }
    return bx_output_commit(&out, err) ? BX_OK : err->status;
}
