/* libFuzzer harness: dataset.yaml (libyaml, keys, amounts, dates). */
#include "dataset.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    bx_error err;
    bx_error_clear(&err);
    bx_dataset *ds = bx_dataset_parse("/nonexistent", (const char *)data, size, &err);
    bx_dataset_free(ds);
    return 0;
}
