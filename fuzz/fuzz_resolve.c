/* libFuzzer harness: a CSV bound to real layouts — the ledger 表1, the
 * grid 表3 (科目编码 tree) or the form 表12 of shenzhen-2024, or 上海市普陀区's
 * 收入预算总表 (a code split in 类 | 款 | 项, the 合计 at the bottom over merged
 * cells) or 财政拨款收支预算总表 (a ledger padded to its height), chosen by the
 * first byte — resolved into a model, checked by the model's invariant
 * checker and by the consistency checks. */
#include "dataset.h"
#include "layout.h"
#include "resolve.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static bx_layout_set *sets[2]; /* shenzhen-2024, shanghai-putuo-2025 */
static char dir[64];

static void write_file(const char *name, const uint8_t *data, size_t size)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f)
        abort();
    if (size && fwrite(data, 1, size, f) != size)
        abort();
    fclose(f);
}

static const char *const tables[][3] = {
    {"1", "01_收支总表.csv", "0"},
    {"3", "03_支出总表.csv", "0"},
    {"12", "12_年度主要任务.csv", "0"},
    {"2", "02_收入预算总表.csv", "1"},
    {"4", "04_财政拨款收支预算总表.csv", "1"},
};
enum { NTABLES = sizeof tables / sizeof tables[0] };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    bx_error err;
    bx_error_clear(&err);
    if (!sets[0]) {
        snprintf(dir, sizeof dir, "/tmp/bx-fuzz-XXXXXX");
        if (!mkdtemp(dir) ||
            !(sets[0] = bx_layout_set_load(BX_FUZZ_LAYOUTS "/shenzhen-2024", &err)) ||
            !(sets[1] = bx_layout_set_load(BX_FUZZ_LAYOUTS "/shanghai-putuo-2025", &err)))
            abort();
        static const char ind[] = "一级指标,二级指标,三级指标,目标值\n产出指标,数量指标,甲,1\n";
        write_file("12_绩效指标.csv", (const uint8_t *)ind, sizeof ind - 1);
    }
    if (size == 0)
        return 0;
    size_t which = data[0] % NTABLES;
    bool putuo = tables[which][2][0] == '1';
    bx_layout_set *set = sets[putuo];
    write_file(tables[which][1], data + 1, size - 1);
    char yaml[512];
    int n = putuo ? snprintf(yaml, sizeof yaml,
                             "template: shanghai-putuo-2025\nunit: 某办\nyear: 2025\n"
                             "amounts: {unit: 元, decimals: 2}\ndisplay: {zero: blank}\n"
                             "tables: [%s]\nfields: {范围: 部门, 表名: 部门, 编制: 编制部门}\n",
                             tables[which][0])
                  : snprintf(yaml, sizeof yaml,
                             "template: shenzhen-2024\nunit: 某局\nyear: 2024\n"
                             "amounts: {unit: 万元, decimals: 2}\ntables: [%s]\n"
                             "fields: {主管部门: 某局, 年度总体目标: 甲, 金额合计总额: 1,"
                             " 金额合计财政拨款: 1, 金额合计其他资金: 0}\n",
                             tables[which][0]);
    bx_dataset *ds = bx_dataset_parse(dir, yaml, (size_t)n, &err);
    bx_model *m = ds ? bx_model_resolve(set, ds, &err) : NULL;
    if (m) {
        if (!bx_doc_check(m->doc, &err))
            abort(); /* resolve must never build a broken model */
        bx_findings *f = bx_model_validate(m, set, BX_VALIDATE_FIGURES, &err);
        char *report = f ? bx_findings_report(f, "json", &err) : NULL;
        free(report);
        bx_findings_free(f);
    }
    bx_model_free(m);
    bx_dataset_free(ds);
    return 0;
}
