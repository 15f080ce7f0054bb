#include "backend.h"

#include "output.h"

#include <string.h>

static const bx_backend *const backends[] = {&bx_backend_xlsx, &bx_backend_pdf, &bx_backend_dump};

const bx_backend *bx_backend_find(const char *name)
{
    for (size_t i = 0; i < sizeof backends / sizeof backends[0]; i++)
        if (strcmp(backends[i]->name, name) == 0)
            return backends[i];
    return NULL;
}

const char *const *bx_formats(void)
{
    /* the names of `backends`, in order (a constant: callers may be on
     * many threads) */
    static const char *const names[] = {"xlsx", "pdf", "dump", NULL};
    return names;
}

const char *bx_format_extension(const char *format)
{
    const bx_backend *b = bx_backend_find(format);
    return b ? b->extension : NULL;
}

static bool walk(const bx_backend *b, void *state, const bx_model *m, bx_error *err)
{
    bx_iter it;
    bx_event ev;
    bx_iter_init(&it, m);
    while (bx_iter_next(&it, &ev))
        if (!b->event(state, &ev, err))
            return false;
    return true;
}

bx_status bx_model_write(const bx_model *model, const char *format, const char *path,
                         const bx_render_options *options, bx_error *err)
{
    bx_write_ctx ctx = {options, NULL};
    return bx_model_write_ctx(model, format, path, &ctx, err);
}

bx_status bx_model_write_ctx(const bx_model *model, const char *format, const char *path,
                             const bx_write_ctx *ctx, bx_error *err)
{
    bx_error local;
    if (!err) {
        bx_error_clear(&local);
        err = &local;
    }
    if (!model || !path)
        return bx_fail(err, NULL, BX_ERR_USAGE, "bx_model_write: 缺少模型或文件名");
    const bx_backend *b = format ? bx_backend_find(format) : NULL;
    if (!b)
        return bx_fail(err, NULL, BX_ERR_UNSUPPORTED, "未知的输出格式“%s”", format ? format : "");
    bx_output out;
    if (!bx_output_begin(&out, path, err))
        return err->status;
    void *state = b->open(model, out.tmp_path, ctx, err);
    if (!state) {
        bx_output_abort(&out);
        return bx_failed(err) ? err->status : BX_ERR_BACKEND;
    }
    if (!walk(b, state, model, err)) {
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
