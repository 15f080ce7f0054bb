/* The output formats built in, and the public bx_model_write: the one
 * place that knows every back end and what each is given besides the
 * document. */
#include "api.h"

#include "carry.h"
#include "dump.h"
#include "pdf.h"
#include "xlsx.h"

#include <string.h>

static const bx_backend *const backends[] = {&bx_backend_xlsx, &bx_backend_pdf, &bx_backend_dump};

const bx_backend *bx_backend_find(const char *name)
{
    for (size_t i = 0; name && i < sizeof backends / sizeof backends[0]; i++)
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

bx_status bx_model_write_into(const bx_model *model, const bx_backend *b, bx_output *out,
                              const bx_render_options *options, struct bx_font_set *fonts,
                              const bx_write_ctx *hooks, bx_error *err)
{
    /* every workbook carries its dataset, so that it can be read back */
    bx_carried carried;
    bx_carry_of(&model->readback, &carried);
    bx_write_ctx ctx = {.options = options, .fonts = fonts, .carried = &carried};
    if (hooks) {
        ctx.pages = hooks->pages;
        ctx.walked = hooks->walked;
        ctx.walked_data = hooks->walked_data;
    }
    return bx_doc_write_to(model->doc, b, out, &ctx, err);
}

bx_status bx_model_write(const bx_model *model, const char *format, const char *path,
                         const bx_render_options *options, bx_error *err)
{
    bx_error local;
    if (!err) {
        bx_error_clear(&local);
        err = &local;
    }
    if (!model || !path)
        return bx_fail(err, NULL, BX_ERR_USAGE, "bx_model_write: 缺少模型或文件名");
    const bx_backend *b = bx_backend_find(format);
    if (!b)
        return bx_fail(err, NULL, BX_ERR_UNSUPPORTED, "未知的输出格式“%s”", format ? format : "");
    bx_output out;
    if (!bx_output_begin(&out, path, err))
        return err->status;
    if (bx_model_write_into(model, b, &out, options, NULL, NULL, err) != BX_OK) {
        bx_output_abort(&out);
        return err->status;
    }
    return bx_output_commit(&out, err) ? BX_OK : err->status;
}
