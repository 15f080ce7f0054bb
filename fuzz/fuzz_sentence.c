/* libFuzzer harness: sentence templates (narrative/sentence.h), the text a
 * layout set's document.yaml and a dataset's texts hold, rendered against a
 * source that knows every reference: placeholders, phrases, conditions and
 * given figures must never crash, loop or grow without bound. */
#include "sentence.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static bool any_figure(void *ctx, const char *ref, bool prev, bx_nfig *out, char *why, size_t size)
{
    (void)ctx;
    if (!strchr(ref, ':')) {
        strncpy(why, "no", size);
        return false;
    }
    /* figures that reach every case: 0, negative, large, by the reference's length */
    size_t n = strlen(ref);
    int64_t v = prev ? (int64_t)(n % 3) * 1000 : (int64_t)(n % 5) * 777 - 1000;
    if (n % 7 == 0)
        v = INT64_MAX / 1000;
    *out = bx_nfig_of(v, (int)(n % 3));
    return true;
}

static const char *any_name(void *ctx, const char *name)
{
    (void)ctx;
    return strcmp(name, "year") == 0 ? "2024" : strcmp(name, "unit") == 0 ? "单位" : NULL;
}

static bool any_count(void *ctx, const char *rows, int64_t *n, char *why, size_t size)
{
    (void)ctx, (void)why, (void)size;
    *n = (int64_t)strlen(rows) % 4;
    return true;
}

static bool any_sum(void *ctx, const char *ref, bx_nfig *out, bx_nuses *parts, char *why,
                    size_t size)
{
    return any_figure(ctx, ref, false, out, why, size) &&
           bx_nuses_add(parts, BX_NROLE_PART, ref, out) &&
           bx_nuses_add(parts, BX_NROLE_PART, ref, out);
}

static const char *any_given(void *ctx, const char *placeholder)
{
    (void)ctx;
    return strncmp(placeholder, "growth", 6) == 0 ? "9.99" : NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 1 << 16)
        return 0;
    char *tpl = malloc(size + 1);
    if (!tpl)
        return 0;
    memcpy(tpl, data, size);
    tpl[size] = '\0';
    static const bx_nphrases phrases[] = {
        {"change", "增加{abs}，增长{pct}%", "减少{abs}", "持平", "新增{abs}", NULL},
        {"nested", "{change 1:a:b}", NULL, NULL, NULL, NULL},
    };
    bx_nstyle style = {.amounts = {true, true},
                       .percent_decimals = (int)(size % 3),
                       .percent_grouping = true,
                       .exact_base = size % 2,
                       .phrases = phrases,
                       .nphrases = 2};
    bx_nsource src = {NULL, any_figure, any_name, any_count, any_sum, any_given};
    bx_strbuf out;
    bx_strbuf_init(&out, 1 << 20);
    bx_nlog log;
    bx_error err;
    bx_error_clear(&err);
    if (bx_nlog_init(&log, &err)) {
        bx_loc loc = {"fuzz", 1, 1};
        bx_sentence_render(tpl, &loc, &style, &src, &out, &log, &err);
        bx_nlog_free(&log);
    }
    bx_strbuf_free(&out);
    free(tpl);
    return 0;
}
