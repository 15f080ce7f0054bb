/* Every public call accepts a NULL bx_error*: given a failing input, it
 * says so in what it returns (NULL, a status) and touches nothing it was
 * not given. (The loaders of datasets and layout sets are tested with
 * their own.) The inputs: a one-table set "mini" in a scratch folder, a
 * good dataset of it, and one whose amount is not a number. */
#include "test_util.h"

#include "budgetx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const table_yaml = "number: 1\ntitle: 支出\ndata: a.csv\ncolumns:\n"
                                      "  - {title: 名称, field: 名称}\n"
                                      "  - {title: 金额, field: 金额, type: amount}\n";
static const char *const dataset_yaml = "template: mini\nunit: 某局\nyear: 2024\n"
                                        "amounts: {unit: 万元, decimals: 2}\n";

static char *dir;
static char layouts[1024], good[1024], bad[1024], out[1024];
static const char *dirs[2];
static bx_layout_set *set;
static bx_dataset *ds, *bad_ds;

static int setup(void **state)
{
    (void)state;
    dir = scratch_new();
    scratch_write(dir, "layouts/mini/set.yaml",
                  "name: mini\ndisplay: {unit: 万元, decimals: 2}\ntables: [a.yaml]\n");
    scratch_write(dir, "layouts/mini/a.yaml", table_yaml);
    scratch_write(dir, "good/dataset.yaml", dataset_yaml);
    scratch_write(dir, "good/a.csv", "名称,金额\n甲,1.00\n");
    scratch_write(dir, "bad/dataset.yaml", dataset_yaml);
    scratch_write(dir, "bad/a.csv", "名称,金额\n甲,一元\n");
    snprintf(layouts, sizeof layouts, "%s/layouts", dir);
    snprintf(good, sizeof good, "%s/good", dir);
    snprintf(bad, sizeof bad, "%s/bad", dir);
    snprintf(out, sizeof out, "%s/out", dir);
    dirs[0] = layouts;
    char path[1100];
    snprintf(path, sizeof path, "%s/mini", layouts);
    bx_error err;
    bx_error_clear(&err);
    set = bx_layout_set_load(path, &err);
    ds = bx_dataset_load(good, &err);
    bad_ds = bx_dataset_load(bad, &err);
    return set && ds && bad_ds ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    bx_dataset_free(bad_ds);
    bx_dataset_free(ds);
    bx_layout_set_free(set);
    scratch_free(dir);
    return 0;
}

static void resolve_and_validate(void **state)
{
    (void)state;
    assert_null(bx_model_resolve(set, bad_ds, NULL));
    assert_null(bx_model_resolve(NULL, ds, NULL));
    bx_model *m = bx_model_resolve(set, ds, NULL);
    assert_non_null(m);
    assert_null(bx_model_validate(NULL, set, 0, NULL));
    assert_null(bx_model_validate(m, NULL, 0, NULL));
    bx_findings *f = bx_model_validate(m, set, 0, NULL);
    assert_non_null(f);
    assert_null(bx_findings_report(NULL, "text", NULL));
    assert_null(bx_findings_report(f, "xml", NULL));
    char *text = bx_findings_report(f, "text", NULL);
    assert_non_null(text);
    free(text);
    bx_findings_free(f);
    bx_model_free(m);
}

static void write_and_render(void **state)
{
    (void)state;
    bx_model *m = bx_model_resolve(set, ds, NULL);
    assert_non_null(m);
    char path[1100];
    snprintf(path, sizeof path, "%s/no/such/folder/a.xlsx", dir);
    assert_int_equal(bx_model_write(m, "nosuch", path, NULL, NULL), BX_ERR_UNSUPPORTED);
    assert_int_not_equal(bx_model_write(m, "xlsx", path, NULL, NULL), BX_OK);
    bx_model_free(m);
    bx_render_options opts = {.layout_dirs = dirs};
    assert_int_equal(bx_render(bad, out, &opts, NULL), BX_ERR_DATA);
    assert_int_equal(bx_render_dataset(bad_ds, out, &opts, NULL), BX_ERR_DATA);
    assert_int_equal(bx_render_dataset(NULL, out, &opts, NULL), BX_ERR_USAGE);
    const char *nosuch[] = {"nosuch", NULL};
    bx_render_options wrong = {.formats = nosuch};
    assert_null(bx_renderer_new(&wrong, NULL));
    bx_renderer *r = bx_renderer_new(&opts, NULL);
    assert_non_null(r);
    assert_int_equal(bx_renderer_render(r, bad, out, NULL, NULL), BX_ERR_DATA);
    bx_renderer_free(r);
    snprintf(path, sizeof path, "%s/no/such/dataset", dir);
    assert_null(bx_dataset_output_name(path, NULL));
}

static void workbooks(void **state)
{
    (void)state;
    char book[1100], path[1100];
    snprintf(book, sizeof book, "%s/book.xlsx", dir);
    bx_model *m = bx_model_resolve(set, ds, NULL);
    assert_non_null(m);
    assert_int_equal(bx_model_write(m, "xlsx", book, NULL, NULL), BX_OK);
    bx_model_free(m);
    bx_dataset *back = bx_workbook_load(book, dirs, NULL);
    assert_non_null(back);
    /* not a workbook; its layout set nowhere; a heading changed since */
    snprintf(path, sizeof path, "%s/good/a.xlsx", dir);
    scratch_write(dir, "good/a.xlsx", "名称,金额\n");
    assert_null(bx_workbook_load(path, dirs, NULL));
    assert_null(bx_workbook_load(book, NULL, NULL));
    scratch_write(dir, "layouts/mini/a.yaml",
                  "number: 1\ntitle: 支出\ndata: a.csv\ncolumns:\n"
                  "  - {title: 名称, field: 名称}\n"
                  "  - {title: 金额（万元）, field: 金额, type: amount}\n");
    assert_null(bx_workbook_load(book, dirs, NULL));
    scratch_write(dir, "layouts/mini/a.yaml", table_yaml);
    /* a dataset not read from a workbook cannot be saved */
    snprintf(path, sizeof path, "%s/saved", dir);
    assert_int_equal(bx_dataset_save(ds, path, NULL), BX_ERR_USAGE);
    assert_int_equal(bx_dataset_save(back, path, NULL), BX_OK);
    bx_dataset_free(back);
}

static void diffs_and_templates(void **state)
{
    (void)state;
    assert_null(bx_dataset_diff(NULL, ds, dirs, NULL));
    assert_null(bx_dataset_diff(bad_ds, ds, dirs, NULL));
    assert_null(bx_dataset_diff(ds, ds, NULL, NULL)); /* the set is nowhere */
    char *text = bx_dataset_diff(ds, ds, dirs, NULL);
    assert_non_null(text);
    assert_string_equal(text, "");
    free(text);
    char path[1100];
    snprintf(path, sizeof path, "%s/blank.xlsx", dir);
    bx_render_options opts = {.layout_dirs = dirs};
    assert_int_not_equal(bx_write_template("nosuch", "某局", 2025, NULL, 5, path, &opts, NULL),
                         BX_OK);
    char nowhere[1100];
    snprintf(nowhere, sizeof nowhere, "%s/no/such/dataset", dir);
    assert_int_not_equal(bx_write_template("mini", "某局", 2025, nowhere, 5, path, &opts, NULL),
                         BX_OK);
    assert_int_not_equal(bx_write_template("mini", NULL, 2025, NULL, 5, path, &opts, NULL), BX_OK);
    assert_int_equal(bx_write_template("mini", "某局", 2025, NULL, 5, path, &opts, NULL), BX_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(resolve_and_validate),
        cmocka_unit_test(write_and_render),
        cmocka_unit_test(workbooks),
        cmocka_unit_test(diffs_and_templates),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
