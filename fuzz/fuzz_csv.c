/* libFuzzer harness: the CSV loader (encoding detection, iconv, libcsv). */
#include "csv_read.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    bx_error err;
    bx_error_clear(&err);
    bx_csv *csv = bx_csv_parse((const char *)data, size, "fuzz.csv", BX_ENCODING_AUTO, &err);
    if (csv) {
        /* touch every cell, as resolve would */
        for (size_t r = 0; r < csv->nrows; r++)
            for (size_t c = 0; c < csv->ncols; c++)
                (void)bx_csv_cell(csv, r, c)[0];
        bx_csv_free(csv);
    }
    return 0;
}
