/* The one-shot call behind `budgetx render`, built from the public pieces. */
#include "api.h"

#include "import.h"
#include "pdf_font.h"
#include "fs.h"
#include "thread.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The base name of the outputs: the dataset's `output`, else the dataset
 * folder's name; characters that cannot be in a file name become '_'. */
static char *output_base(const bx_dataset *ds, bx_error *err)
{
    /* the folder it was read from, or the workbook */
    const char *dataset_dir = ds->origin ? ds->origin : ds->dir;
    const char *name = ds->origin ? NULL : ds->meta.output_name; /* a workbook: its file's name */
    char folder[512];
    if (!name) {
        size_t n = strlen(dataset_dir);
        while (n > 1 && dataset_dir[n - 1] == '/')
            n--;
        size_t start = n;
        while (start > 0 && dataset_dir[start - 1] != '/')
            start--;
        if (bx_is_workbook(dataset_dir)) /* ".xlsx", ".xls" */
            n -= dataset_dir[n - 1] == 'x' || dataset_dir[n - 1] == 'X' ? 5 : 4;
        snprintf(folder, sizeof folder, "%.*s", (int)(n - start), dataset_dir + start);
        name = folder;
    }
    char *base = bx_strdup(name, err);
    if (!base)
        return NULL;
    for (char *p = base; *p; p++)
        if (*p == '/' || *p == '\\' || (unsigned char)*p < 0x20)
            *p = '_';
    if (base[0] == '.' || base[0] == '\0') {
        free(base);
        base = bx_strdup("budget", err);
    }
    return base;
}

/* An output must not land on a file the run reads (a symlink, a name that
 * happens to match): that would destroy the data it was made from. */
static bool over_an_input(const bx_model *m, const char *path, bx_error *err)
{
    struct stat out;
    if (stat(path, &out) != 0)
        return false;
    for (int i = 0; i < m->view.ninputs; i++) {
        struct stat in;
        if (stat(m->view.inputs[i], &in) == 0 && in.st_dev == out.st_dev &&
            in.st_ino == out.st_ino) {
            bx_loc loc = {path, 0, 0};
            bx_fail(err, &loc, BX_ERR_USAGE, "不能写在输入文件 %s 上", m->view.inputs[i]);
            return true;
        }
    }
    return false;
}

/* ---- renderers ----------------------------------------------------------- */

typedef struct cached_set {
    char *name;
    bx_layout_set *set;
} cached_set;

struct bx_renderer {
    bx_render_options options;
    const char *const *formats;
    bx_font_set *fonts;
    pthread_mutex_t lock; /* guards sets */
    cached_set *sets;
    int nsets, cap_sets;
    bx_foreign_hints workbook; /* a copy of options->workbook (set NULL: none) */
};

static const char *const default_formats[] = {"xlsx", NULL};

bx_renderer *bx_renderer_new(const bx_render_options *options, bx_error *err)
{
    const char *const *formats = options && options->formats ? options->formats : default_formats;
    for (const char *const *f = formats; *f; f++)
        if (!bx_format_extension(*f)) {
            bx_fail(err, NULL, BX_ERR_UNSUPPORTED, "未知的输出格式“%s”", *f);
            return NULL;
        }
    bx_renderer *r = bx_calloc(1, sizeof *r, err);
    if (!r)
        return NULL;
    if (options)
        r->options = *options;
    r->options.findings = NULL;
    r->options.workbook = NULL;
    r->formats = formats;
    const bx_workbook_hints *h = options ? options->workbook : NULL;
    if (h && ((h->set && !(r->workbook.set = bx_strdup(h->set, err))) ||
              (h->unit && !(r->workbook.unit = bx_strdup(h->unit, err))))) {
        free((char *)r->workbook.set);
        free(r);
        return NULL;
    }
    if (h)
        r->workbook.year = h->year;
    r->workbook.layout_dirs = r->options.layout_dirs;
    r->fonts = bx_font_set_new(&r->options, err);
    if (!r->fonts) {
        free((char *)r->workbook.set);
        free((char *)r->workbook.unit);
        free(r);
        return NULL;
    }
    pthread_mutex_init(&r->lock, NULL);
    return r;
}

void bx_renderer_free(bx_renderer *r)
{
    if (!r)
        return;
    for (int i = 0; i < r->nsets; i++) {
        free(r->sets[i].name);
        bx_layout_set_free(r->sets[i].set);
    }
    free(r->sets);
    free((char *)r->workbook.set);
    free((char *)r->workbook.unit);
    bx_font_set_free(r->fonts);
    pthread_mutex_destroy(&r->lock);
    free(r);
}

/* The layout set called name, loaded the first time it is asked for.
 * Sets are only read after loading, so threads share them. */
static const bx_layout_set *layout_set(bx_renderer *r, const char *name, bx_error *err)
{
    pthread_mutex_lock(&r->lock);
    bx_layout_set *set = NULL;
    for (int i = 0; i < r->nsets && !set; i++)
        if (strcmp(r->sets[i].name, name) == 0)
            set = r->sets[i].set;
    if (!set && (set = bx_layout_set_find(name, r->options.layout_dirs, err)) != NULL) {
        char *copy = bx_strdup(name, err);
        cached_set *grown = r->nsets < r->cap_sets
                                ? r->sets
                                : realloc(r->sets, (size_t)(r->cap_sets * 2 + 4) * sizeof *grown);
        if (!copy || !grown) {
            free(copy);
            bx_layout_set_free(set);
            set = NULL;
            bx_fail(err, NULL, BX_ERR_NOMEM, "内存不足");
        } else {
            if (grown != r->sets) {
                r->sets = grown;
                r->cap_sets = r->cap_sets * 2 + 4;
            }
            r->sets[r->nsets++] = (cached_set){copy, set};
        }
    }
    pthread_mutex_unlock(&r->lock);
    return set;
}

static const bx_layout_set *renderer_set(void *r, const char *name, bx_error *err)
{
    return layout_set(r, name, err);
}

char *bx_dataset_output_name(const char *dataset_dir, bx_error *err)
{
    if (bx_is_workbook(dataset_dir)) /* named after the file: book.xlsx → book.pdf */
        return output_base(&(bx_dataset){.origin = dataset_dir}, err);
    bx_dataset *ds = bx_dataset_load(dataset_dir, err);
    char *name = ds ? output_base(ds, err) : NULL;
    bx_dataset_free(ds);
    return name;
}

/* How far one render's writing is, over all its formats. */
typedef struct render_progress {
    bx_progress_fn fn;
    void *data;
    atomic_llong rows_done;
    atomic_int tables_done;
    long long rows;
    int tables, formats;
} render_progress;

static void walked(void *data, int rows, int sheets)
{
    render_progress *p = data;
    bx_progress now = {.rows_done = atomic_fetch_add(&p->rows_done, rows) + rows,
                       .rows = p->rows,
                       .tables_done = atomic_fetch_add(&p->tables_done, sheets) + sheets,
                       .tables = p->tables,
                       .formats = p->formats};
    p->fn(p->data, &now);
}

/* One output file being written. */
typedef struct format_job {
    bx_renderer *r;
    const bx_model *model;
    const bx_backend *b;
    bx_output *out;
    render_progress *progress; /* NULL: nobody asked */
    int pages;
    bx_error err;
} format_job;

static void *write_format(void *arg)
{
    format_job *job = arg;
    bx_write_ctx hooks = {.pages = &job->pages,
                          .walked = job->progress ? walked : NULL,
                          .walked_data = job->progress};
    bx_model_write_into(job->model, job->b, job->out, &job->r->options, job->r->fonts, &hooks,
                        &job->err);
    return NULL;
}

/* The report of what was written: each file's path and what it holds. */
static void report_written(const format_job *jobs, int n, bx_render_report *report)
{
    report->nfiles = 0;
    for (int i = 0; i < n && i < (int)(sizeof report->files / sizeof report->files[0]); i++) {
        bx_written_file *f = &report->files[report->nfiles++];
        snprintf(f->path, sizeof f->path, "%s", jobs[i].out->path);
        f->format = jobs[i].b->name;
        f->tables = jobs[i].model->doc->nsheets;
        f->pages = jobs[i].pages;
    }
}

/* Write every format of a checked model into out_dir: each into its
 * temporary file — one after the other, or each on its own thread
 * (options.parallel) — then all renamed into place together, so that a
 * failure anywhere leaves every previous file as it was and runs into one
 * folder at once never leave a workbook beside another run's PDF. The
 * first failure, in the order of the formats, is reported. */
static void write_outputs(bx_renderer *r, const bx_model *model, const char *base,
                          const char *out_dir, bx_render_report *report, bx_error *err)
{
    enum { MAX_FORMATS = 8, PARALLEL_CELLS = 500000 };
    format_job jobs[MAX_FORMATS];
    bx_output outs[MAX_FORMATS];
    int n = 0;
    /* the formats of a big model one after the other: both back ends'
     * memory at once would double the peak */
    size_t cells = 0;
    render_progress progress = {
        .fn = r->options.progress, .data = r->options.progress_data, .tables = model->doc->nsheets};
    for (int i = 0; i < model->doc->nsheets; i++) {
        cells += (size_t)model->doc->sheets[i].nrows * (size_t)model->doc->sheets[i].ncols;
        progress.rows += model->doc->sheets[i].nrows;
    }
    bool parallel = r->options.parallel && cells <= PARALLEL_CELLS;
    for (const char *const *f = r->formats; *f && n < MAX_FORMATS && !bx_failed(err); f++) {
        char name[1024];
        snprintf(name, sizeof name, "%s.%s", base, bx_format_extension(*f));
        char *path = bx_path_join(out_dir, name, err);
        bool ok = path && !over_an_input(model, path, err) && bx_output_begin(&outs[n], path, err);
        free(path);
        if (!ok)
            break;
        jobs[n] = (format_job){
            r, model, bx_backend_find(*f), &outs[n], progress.fn ? &progress : NULL, 0, {0}};
        bx_error_clear(&jobs[n++].err);
    }
    progress.rows *= n;
    progress.tables *= n;
    progress.formats = n;
    pthread_t threads[MAX_FORMATS];
    bool started[MAX_FORMATS] = {false};
    for (int i = 1; i < n && parallel && !bx_failed(err); i++)
        started[i] = bx_thread_start(&threads[i], write_format, &jobs[i]) == 0;
    /* here: the first, and any that did not get a thread; one after the
     * other, they stop at the first failure */
    bool failed = bx_failed(err);
    for (int i = 0; i < n && !failed; i++) {
        if (started[i])
            continue;
        write_format(&jobs[i]);
        failed = bx_failed(&jobs[i].err) && !parallel;
    }
    for (int i = 0; i < n; i++) {
        if (started[i])
            pthread_join(threads[i], NULL);
        if (bx_failed(&jobs[i].err) && !bx_failed(err))
            *err = jobs[i].err;
    }
    if (bx_failed(err)) {
        for (int i = 0; i < n; i++)
            bx_output_abort(&outs[i]);
        return;
    }
    if (report) /* the names, before the commit releases them */
        report_written(jobs, n, report);
    if (!bx_outputs_commit(outs, (size_t)n, err) && report)
        report->nfiles = 0;
}

/* Resolve, check and write a dataset already loaded. */
static bx_status render_loaded(bx_renderer *r, const bx_dataset *ds, const char *out_dir,
                               bx_findings **findings_out, bx_render_report *report, bx_error *err)
{
    if (report)
        report->nfiles = 0;
    const bx_layout_set *set = layout_set(r, ds->meta.template_name, err);
    if (set && r->options.tables_only && set->ntables == 0) {
        bx_loc loc = {ds->yaml_name, 0, 0};
        bx_fail(err, &loc, BX_ERR_USAGE, "布局模板“%s”是没有表格的报告：不能只输出表格", set->name);
        set = NULL;
    }
    bx_model *model = !set                     ? NULL
                      : r->options.tables_only ? bx_model_resolve_tables(set, ds, err)
                                               : bx_model_resolve(set, ds, err);
    bx_findings *findings = model ? bx_model_validate(model, set, 0, err) : NULL;
    bx_findings_locate(findings, ds);
    if (findings && bx_findings_errors(findings) > 0 && !r->options.force)
        bx_fail(err, NULL, BX_ERR_VALIDATION,
                "一致性检查发现 %zu 个错误，未写入文件（运行 budgetx check 查看，或用 --force "
                "仍然输出）",
                bx_findings_errors(findings));
    char *base = findings && !bx_failed(err) ? output_base(ds, err) : NULL;
    if (base && bx_make_dirs(out_dir, err))
        write_outputs(r, model, base, out_dir, report, err);
    free(base);
    if (findings_out)
        *findings_out = findings;
    else
        bx_findings_free(findings);
    bx_model_free(model);
    return err->status;
}

static bx_status render_path(bx_renderer *r, const char *dataset_dir, const char *out_dir,
                             bx_findings **findings_out, bx_render_report *report, bx_error *err)
{
    bx_error local;
    if (!err) {
        bx_error_clear(&local);
        err = &local;
    }
    if (findings_out)
        *findings_out = NULL;
    if (!r || !dataset_dir || !out_dir)
        return bx_fail(err, NULL, BX_ERR_USAGE,
                       "bx_renderer_render: 缺少渲染器、数据目录或输出目录");
    bx_dataset *ds = bx_is_workbook(dataset_dir)
                         ? bx_workbook_dataset(dataset_dir, renderer_set, r, &r->workbook, err)
                         : bx_dataset_load(dataset_dir, err);
    if (ds && !ds->origin && r->options.encoding &&
        bx_dataset_set_encoding(ds, r->options.encoding, err) != BX_OK) {
        bx_dataset_free(ds);
        ds = NULL;
    }
    if (ds)
        render_loaded(r, ds, out_dir, findings_out, report, err);
    bx_dataset_free(ds);
    return err->status;
}

bx_status bx_renderer_render(bx_renderer *r, const char *dataset_dir, const char *out_dir,
                             bx_findings **findings_out, bx_error *err)
{
    return render_path(r, dataset_dir, out_dir, findings_out, NULL, err);
}

bx_status bx_render_dataset(const bx_dataset *dataset, const char *out_dir,
                            const bx_render_options *options, bx_error *err)
{
    bx_error local;
    if (!err) {
        bx_error_clear(&local);
        err = &local;
    }
    if (options && options->findings)
        *options->findings = NULL;
    if (!dataset || !out_dir)
        return bx_fail(err, NULL, BX_ERR_USAGE, "bx_render_dataset: 缺少数据或输出目录");
    bx_renderer *r = bx_renderer_new(options, err);
    if (!r)
        return err->status;
    render_loaded(r, dataset, out_dir, options ? options->findings : NULL,
                  options ? options->report : NULL, err);
    bx_renderer_free(r);
    return err->status;
}

bx_status bx_render(const char *dataset_dir, const char *out_dir, const bx_render_options *options,
                    bx_error *err)
{
    bx_error local;
    if (!err) {
        bx_error_clear(&local);
        err = &local;
    }
    if (options && options->findings)
        *options->findings = NULL;
    if (!dataset_dir || !out_dir)
        return bx_fail(err, NULL, BX_ERR_USAGE, "bx_render: 缺少数据目录或输出目录");
    bx_renderer *r = bx_renderer_new(options, err);
    if (!r)
        return err->status;
    render_path(r, dataset_dir, out_dir, options ? options->findings : NULL,
                options ? options->report : NULL, err);
    bx_renderer_free(r);
    return err->status;
}
