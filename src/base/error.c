/* Status texts, the located error record, and small checked allocators. */
#include "common.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *bx_version(void)
{
    return BX_VERSION;
}

const char *bx_strerror(bx_status status)
{
    switch (status) {
    case BX_OK: return "成功";
    case BX_ERR_USAGE: return "用法错误";
    case BX_ERR_IO: return "文件读写错误";
    case BX_ERR_SYNTAX: return "格式错误";
    case BX_ERR_ENCODING: return "字符编码无效";
    case BX_ERR_LAYOUT: return "布局模板有误";
    case BX_ERR_DATA: return "数据有误";
    case BX_ERR_LIMIT: return "超出上限";
    case BX_ERR_VALIDATION: return "一致性检查有错误";
    case BX_ERR_BACKEND: return "写入输出文件失败";
    case BX_ERR_UNSUPPORTED: return "不支持";
    case BX_ERR_NOMEM: return "内存不足";
    }
    return "未知错误";
}

void bx_error_clear(bx_error *err)
{
    if (err)
        memset(err, 0, sizeof *err);
}

static void set_location(bx_error *err, const bx_loc *loc)
{
    if (!loc)
        return;
    if (loc->file)
        snprintf(err->file, sizeof err->file, "%s", loc->file);
    err->line = loc->line;
    err->column = loc->column;
}

bx_status bx_vfail(bx_error *err, const bx_loc *loc, bx_status status, const char *fmt, va_list ap)
{
    if (!err || err->status != BX_OK)
        return err ? err->status : status;
    err->status = status;
    set_location(err, loc);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    return status;
}

bx_status bx_fail(bx_error *err, const bx_loc *loc, bx_status status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    bx_status s = bx_vfail(err, loc, status, fmt, ap);
    va_end(ap);
    return s;
}

bx_status bx_fail_cell(bx_error *err, const bx_loc *loc, bx_status status, const char *fmt, ...)
{
    if (!err || err->status != BX_OK)
        return err ? err->status : status;
    char text[sizeof err->message];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    if (loc && loc->line > 0 && loc->column > 0)
        return bx_fail(err, loc, status, "第 %d 行第 %d 列：%s", loc->line, loc->column, text);
    if (loc && loc->line > 0)
        return bx_fail(err, loc, status, "第 %d 行：%s", loc->line, text);
    return bx_fail(err, loc, status, "%s", text);
}

char *bx_error_format(const bx_error *err, char *buf, size_t size)
{
    if (!buf || size == 0)
        return buf;
    if (!err) {
        buf[0] = '\0';
        return buf;
    }
    const char *msg = err->message[0] ? err->message : bx_strerror(err->status);
    if (err->file[0] && err->line > 0 && err->column > 0)
        snprintf(buf, size, "%s:%d:%d: %s", err->file, err->line, err->column, msg);
    else if (err->file[0] && err->line > 0)
        snprintf(buf, size, "%s:%d: %s", err->file, err->line, msg);
    else if (err->file[0])
        snprintf(buf, size, "%s: %s", err->file, msg);
    else
        snprintf(buf, size, "%s", msg);
    return buf;
}

void *bx_malloc(size_t size, bx_error *err)
{
    void *p = malloc(size ? size : 1);
    if (!p)
        bx_fail(err, NULL, BX_ERR_NOMEM, "内存不足");
    return p;
}

void *bx_calloc(size_t count, size_t size, bx_error *err)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p)
        bx_fail(err, NULL, BX_ERR_NOMEM, "内存不足");
    return p;
}

char *bx_strdup(const char *s, bx_error *err)
{
    size_t n = strlen(s) + 1;
    char *p = bx_malloc(n, err);
    if (p)
        memcpy(p, s, n);
    return p;
}

bool bx_grow(void **items, size_t *cap, size_t need, size_t size, bx_error *err)
{
    if (need <= *cap)
        return true;
    size_t n = *cap ? *cap : 16;
    while (n < need && n <= SIZE_MAX / 2)
        n *= 2;
    void *p = n >= need && n <= SIZE_MAX / size ? realloc(*items, n * size) : NULL;
    if (!p)
        return bx_fail(err, NULL, BX_ERR_NOMEM, "内存不足") == BX_OK;
    *items = p;
    *cap = n;
    return true;
}
