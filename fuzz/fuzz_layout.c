/* libFuzzer harness: a table layout (header trees, ledgers, forms,
 * checks), then its header placement, as resolve uses it. */
#include "layout.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    bx_error err;
    bx_error_clear(&err);
    bx_layout_set *set = bx_layout_set_new(&err);
    if (!set)
        return 0;
    bx_table_layout t;
    if (bx_table_layout_parse(set, (const char *)data, size, "fuzz.yaml", &t, &err) &&
        t.kind != BX_TABLE_FORM) {
        bx_hplace *cells;
        size_t n;
        bx_header_place(&t.header, 0, set->arena, &cells, &n, &err);
    }
    bx_layout_set_free(set);
    return 0;
}
