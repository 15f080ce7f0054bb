/* The budgetx command: a thin layer over src/budgetx.h. Only the CLI
 * (this file, cli_options.c: the command line, batch.c: many datasets)
 * prints and picks the exit status: 0 ok, 1 data or validation error,
 * 2 usage error.
 *
 * -q: errors only — no rounding notices, no remark on a workbook read
 * back, no progress line, no "已写入…", no batch summary unless a dataset
 * failed; `check` prints only the errors' lines (its JSON, and the list of
 * --diff, are what was asked for and stay). -v: also, on stderr, the
 * layout set folder a dataset is read with and every file written (for a
 * batch, the files only). Which font files the PDF used is not said: the
 * public API does not tell which default it found. */
#include "batch.h"
#include "budgetx.h"
#include "cli_options.h"

#include <limits.h>
#include <malloc.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum { EXIT_DATA = 1, EXIT_USAGE = 2 };

/* Folders the CLI adds to the library's search: the layouts and fonts
 * installed beside this executable (<prefix>/share/budgetx/…). */
static void add_exe_dirs(bx_cli *c, char *layouts, char *fonts, size_t size)
{
    ssize_t n = readlink("/proc/self/exe", layouts, size - 1);
    if (n <= 0 || (size_t)n >= size - 40)
        return;
    layouts[n] = '\0';
    char *slash = strrchr(layouts, '/');
    if (!slash)
        return;
    *slash = '\0';
    int k = snprintf(fonts, size, "%s/../share/budgetx/fonts", layouts);
    if (k < 0 || (size_t)k >= size)
        return;
    strcpy(slash, "/../share/budgetx/layouts");
    c->layout_dirs[c->nlayout_dirs++] = layouts;
    c->font_dirs[0] = fonts;
}

static int report(const bx_error *err)
{
    char msg[2048];
    fprintf(stderr, "budgetx: %s\n", bx_error_format(err, msg, sizeof msg));
    return err->status == BX_ERR_USAGE ? EXIT_USAGE : EXIT_DATA;
}

/* Print the checks' findings: for `check`, to stdout; for `render` and
 * `import`, to stderr. errors_only (-q) keeps the lines of the errors: the
 * text report has one line per finding, in their order, then the totals
 * (budgetx.h); should a finding's text ever span lines, all is printed. */
static void print_findings(const bx_findings *f, const char *format, bool errors_only, FILE *to)
{
    bx_error err;
    bx_error_clear(&err);
    char *text = bx_findings_report(f, format, &err);
    if (!text)
        return;
    size_t n = bx_findings_count(f), lines = 0;
    for (const char *p = text; *p; p++)
        lines += *p == '\n';
    if (!errors_only || lines != n + 1) {
        fputs(text, to);
    } else {
        const char *p = text;
        for (size_t i = 0; i < n; i++) {
            size_t len = strcspn(p, "\n") + 1;
            if (bx_findings_at(f, i)->error)
                fwrite(p, 1, len, to);
            p += len;
        }
    }
    free(text);
}

/* -v: the layout set folder `what` is read with (nothing when the set
 * cannot be found: the run itself then says why). */
static void say_layouts(const bx_cli *c, const char *what, const char *set_name)
{
    bx_error err;
    bx_error_clear(&err);
    bx_layout_set *set = bx_layout_set_find(set_name, c->layout_dirs, &err);
    if (set)
        fprintf(stderr, "budgetx: %s：布局模板 %s\n", what, bx_layout_set_dir(set));
    bx_layout_set_free(set);
}

/* What a render of one dataset wrote, on one line: "已写入 out/a.xlsx
 * （12 张表）、out/a.pdf（16 页）". */
static void say_written(const bx_render_report *report)
{
    fputs("budgetx: 已写入 ", stderr);
    for (int i = 0; i < report->nfiles; i++) {
        const bx_written_file *f = &report->files[i];
        fprintf(stderr, "%s%s", i ? "、" : "", f->path);
        if (f->pages)
            fprintf(stderr, "（%d 页）", f->pages);
        else
            fprintf(stderr, "（%d 张表）", f->tables);
    }
    fputs("\n", stderr);
}

/* The rounding notices of a render or import: listed with -v, else
 * counted on one line; the errors always. */
static void print_render_findings(const bx_cli *c, const bx_findings *f)
{
    size_t n = bx_findings_count(f), errors = bx_findings_errors(f);
    if (!n)
        return;
    if (c->verbose) {
        print_findings(f, "text", false, stderr);
        return;
    }
    print_findings(f, "text", true, stderr);
    if (n > errors && !c->quiet)
        fprintf(stderr, "budgetx: %zu 个尾数差异提示（在尾数之内，不影响输出），用 -v 查看\n",
                n - errors);
}

/* A progress line on the terminal while a render that has run for a
 * second writes its files: "正在写入：52%（12 张表，共 200000 行）", the
 * share of the rows written over every format, the tables and rows of one. */
typedef struct progress_line {
    pthread_mutex_t lock;
    struct timespec start, last;
    bool shown;
} progress_line;

static double seconds_between(const struct timespec *a, const struct timespec *b)
{
    return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

static void show_progress(void *data, const bx_progress *p)
{
    progress_line *line = data;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    pthread_mutex_lock(&line->lock);
    if (seconds_between(&line->start, &now) >= 1.0 &&
        (!line->shown || seconds_between(&line->last, &now) >= 0.2)) {
        int formats = p->formats > 0 ? p->formats : 1;
        long long share = p->rows > 0     ? p->rows_done * 100 / p->rows
                          : p->tables > 0 ? (long long)p->tables_done * 100 / p->tables
                                          : 0;
        fprintf(stderr, "\r正在写入：%lld%%（%d 张表，共 %lld 行）\033[K", share,
                p->tables / formats, p->rows / formats);
        line->shown = true;
        line->last = now;
    }
    pthread_mutex_unlock(&line->lock);
}

static void end_progress(progress_line *line)
{
    if (line->shown)
        fputs("\r\033[K", stderr);
    pthread_mutex_destroy(&line->lock);
}

/* A dataset folder (its CSVs read in --encoding), or a workbook read back. */
static bx_dataset *load_any(const bx_cli *c, const char *path, bx_error *err)
{
    bx_workbook_hints hints = {c->set, c->unit, c->year};
    bool book = bx_is_workbook(path);
    bx_dataset *ds =
        book ? bx_workbook_load_as(path, c->layout_dirs, &hints, err) : bx_dataset_load(path, err);
    if (ds && !book && c->encoding && bx_dataset_set_encoding(ds, c->encoding, err) != BX_OK) {
        bx_dataset_free(ds);
        return NULL;
    }
    if (ds && bx_dataset_notice(ds) && !c->quiet)
        fprintf(stderr, "budgetx: %s：%s\n", path, bx_dataset_notice(ds));
    return ds;
}

/* The consistency checks of a loaded dataset; *set receives its layout set
 * (caller frees). NULL with err set when it cannot be resolved. */
static bx_findings *check_loaded(const bx_cli *c, const bx_dataset *ds, int flags,
                                 bx_layout_set **set, bx_error *err)
{
    *set = bx_layout_set_find(bx_dataset_template(ds), c->layout_dirs, err);
    bx_model *model = *set ? bx_model_resolve(*set, ds, err) : NULL;
    bx_findings *findings = model ? bx_model_validate(model, *set, flags, err) : NULL;
    bx_findings_locate(findings, ds);
    bx_model_free(model);
    return findings;
}

/* --diff: every cell of the workbook that differs from the original. */
static int print_diff(const bx_cli *c, const bx_dataset *now)
{
    bx_error err;
    bx_error_clear(&err);
    bx_dataset *before = load_any(c, c->diff, &err);
    char *text = before ? bx_dataset_diff(before, now, c->layout_dirs, &err) : NULL;
    bx_dataset_free(before);
    if (!text)
        return report(&err);
    size_t lines = 0;
    for (const char *p = text; *p; p++)
        lines += *p == '\n';
    if (lines)
        printf("与 %s 相比，改动了 %zu 处：\n%s", c->diff, lines, text);
    else
        printf("与 %s 相比没有改动。\n", c->diff);
    fflush(stdout); /* before what the render prints to stderr */
    free(text);
    return 0;
}

static int run_check(const bx_cli *c)
{
    bx_error err;
    bx_error_clear(&err);
    bx_dataset *ds = load_any(c, c->dataset, &err);
    bool json = c->format && strcmp(c->format, "json") == 0;
    bx_layout_set *set = NULL;
    bx_findings *findings =
        ds ? check_loaded(c, ds, json ? BX_VALIDATE_FIGURES : 0, &set, &err) : NULL;
    if (findings) {
        if (c->verbose)
            fprintf(stderr, "budgetx: %s：布局模板 %s\n", c->dataset, bx_layout_set_dir(set));
        if (!json && !c->quiet)
            printf("%s（布局 %s）\n", c->dataset, bx_layout_set_dir(set));
        print_findings(findings, json ? "json" : "text", c->quiet && !json, stdout);
    }
    if (!findings && err.status == BX_OK) /* never silent: a check that made nothing failed */
    {
        err.status = BX_ERR_BACKEND;
        snprintf(err.message, sizeof err.message, "检查没有完成");
    }
    int rc = err.status != BX_OK ? report(&err) : bx_findings_errors(findings) ? EXIT_DATA : 0;
    bx_findings_free(findings);
    bx_layout_set_free(set);
    bx_dataset_free(ds);
    return rc;
}

/* Many datasets: the command line's and the list file's. */
static int run_batch(const bx_cli *c, const bx_render_options *opts)
{
    char **listed = NULL;
    int nlisted = 0, cap = 0, rc = EXIT_DATA;
    if (!c->list || bx_batch_read_list(c->list, &listed, &nlisted, &cap)) {
        const char **all = calloc((size_t)(c->ndatasets + nlisted + 1), sizeof *all);
        if (all) {
            memcpy(all, c->datasets, (size_t)c->ndatasets * sizeof *all);
            for (int i = 0; i < nlisted; i++)
                all[c->ndatasets + i] = listed[i];
            bx_batch batch = {.datasets = all,
                              .n = c->ndatasets + nlisted,
                              .out_dir = c->out_dir,
                              .jobs = c->jobs,
                              .quiet = c->quiet,
                              .verbose = c->verbose,
                              /* -v prints a line per dataset instead */
                              .progress = isatty(STDERR_FILENO) && !c->quiet && !c->verbose};
            rc = batch.n ? bx_batch_run(&batch, opts) : bx_cli_usage(c, "数据集列表是空的");
            free(all);
        } else {
            fprintf(stderr, "budgetx: 内存不足\n");
        }
    }
    for (int i = 0; i < nlisted; i++)
        free(listed[i]);
    free(listed);
    return rc;
}

static int run_render(const bx_cli *c)
{
    const char *formats[4] = {NULL};
    const char *f = c->format ? c->format : "both";
    if (strcmp(f, "both") == 0) {
        formats[0] = "xlsx";
        formats[1] = "pdf";
    } else {
        formats[0] = f;
    }
    for (int i = 0; formats[i]; i++)
        if (!bx_format_extension(formats[i]))
            return bx_cli_usage(c, "未知的格式“%s”（可用：xlsx、pdf、both）", formats[i]);
    bx_workbook_hints hints = {c->set, c->unit, c->year};
    bx_render_options opts = {.formats = formats,
                              .layout_dirs = c->layout_dirs,
                              .font = c->font,
                              .bold_font = c->bold_font,
                              .font_dirs = c->font_dirs,
                              .force = c->force,
                              .tables_only = c->tables_only,
                              .encoding = c->encoding,
                              .workbook = &hints,
                              /* one dataset: its formats side by side */
                              .parallel = sysconf(_SC_NPROCESSORS_ONLN) > 1};
    if (c->ndatasets > 1 || c->list) {
        opts.parallel = 0; /* the workers already keep every core busy */
        return run_batch(c, &opts);
    }
    bx_findings *findings = NULL;
    bx_render_report written = {0};
    progress_line line = {.lock = PTHREAD_MUTEX_INITIALIZER};
    clock_gettime(CLOCK_MONOTONIC, &line.start);
    opts.findings = &findings;
    opts.report = &written;
    if (isatty(STDERR_FILENO) && !c->quiet) {
        opts.progress = show_progress;
        opts.progress_data = &line;
    }
    bx_error err;
    bx_error_clear(&err);
    /* loaded once: for --diff, then rendered */
    bx_dataset *ds = load_any(c, c->dataset, &err);
    if (ds && c->verbose)
        say_layouts(c, c->dataset, bx_dataset_template(ds));
    int rc = !ds ? report(&err) : c->diff ? print_diff(c, ds) : 0;
    if (rc) {
        bx_dataset_free(ds);
        return rc;
    }
    bx_status st = bx_render_dataset(ds, c->out_dir, &opts, &err);
    end_progress(&line);
    bx_dataset_free(ds);
    if (findings)
        print_render_findings(c, findings);
    bx_findings_free(findings);
    if (st == BX_OK && !c->quiet)
        say_written(&written);
    return st != BX_OK ? report(&err) : 0;
}

static int run_check_command(const bx_cli *c)
{
    if (!c->dataset)
        return bx_cli_usage(c, "check 需要数据目录");
    if (c->ndatasets > 1)
        return bx_cli_usage(c, "check 一次检查一个数据集");
    if (c->format && strcmp(c->format, "text") != 0 && strcmp(c->format, "json") != 0)
        return bx_cli_usage(c, "check 的 --format 应为 text 或 json，而不是“%s”", c->format);
    return run_check(c);
}

/* import: the workbook's dataset into a folder, then the checks. */
static int run_import(const bx_cli *c)
{
    if (!c->dataset || c->ndatasets > 1 || !bx_is_workbook(c->dataset))
        return bx_cli_usage(c, "import 需要一个工作簿（.xlsx）");
    bx_error err;
    bx_error_clear(&err);
    bx_dataset *ds = load_any(c, c->dataset, &err);
    int rc = ds && c->diff ? print_diff(c, ds) : 0;
    if (ds && rc == 0 &&
        bx_dataset_save_with(ds, c->out_dir, c->force ? BX_SAVE_FORCE : 0, &err) == BX_OK &&
        !c->quiet)
        fprintf(stderr, "budgetx: 已写入数据集 %s\n", c->out_dir);
    bx_layout_set *set = NULL;
    bx_findings *findings = err.status == BX_OK && ds ? check_loaded(c, ds, 0, &set, &err) : NULL;
    if (set && c->verbose)
        fprintf(stderr, "budgetx: %s：布局模板 %s\n", c->dataset, bx_layout_set_dir(set));
    if (findings)
        print_render_findings(c, findings);
    if (!rc)
        rc = err.status != BX_OK ? report(&err) : bx_findings_errors(findings) ? EXIT_DATA : 0;
    bx_findings_free(findings);
    bx_layout_set_free(set);
    bx_dataset_free(ds);
    return rc;
}

/* template: a blank workbook to fill in. */
static int run_template(const bx_cli *c)
{
    if (c->dataset)
        return bx_cli_usage(c, "template 不接受参数“%s”（数据集用 --like 给出）", c->dataset);
    if (!c->like && (!c->unit || !c->year))
        return bx_cli_usage(c, "template 需要 --unit 单位名称和 --year 年度（或 --like 数据集）");
    size_t n = strlen(c->out_dir);
    if (n < 5 || strcasecmp(c->out_dir + n - 5, ".xlsx") != 0)
        return bx_cli_usage(
            c, "template 写出的是 .xlsx 工作簿：-o 的文件名应以 .xlsx 结尾（而不是“%s”）",
            c->out_dir);
    struct stat st;
    bool exists = stat(c->out_dir, &st) == 0;
    if (exists && S_ISDIR(st.st_mode))
        return bx_cli_usage(c, "%s 是一个目录：-o 应为要写出的 .xlsx 文件名", c->out_dir);
    if (exists && !c->force) {
        fprintf(stderr,
                "budgetx: %s: 文件已存在，未覆盖（其中可能有填好的数据）：换一个文件名，"
                "或用 --force 覆盖\n",
                c->out_dir);
        return EXIT_USAGE; /* as import's refusal of a folder: fixed on the command line */
    }
    if (c->verbose)
        say_layouts(c, c->set, c->set);
    bx_render_options opts = {.layout_dirs = c->layout_dirs};
    bx_error err;
    bx_error_clear(&err);
    int rows = c->rows ? c->rows : c->like ? 5 : 20;
    if (bx_write_template(c->set, c->unit, c->year, c->like, rows, c->out_dir, &opts, &err) !=
        BX_OK)
        return report(&err);
    if (!c->quiet)
        fprintf(stderr, "budgetx: 已写入空白工作簿 %s\n", c->out_dir);
    return 0;
}

/* Interrupted: take the half-written temporary files away (the outputs
 * in place stay as they were), then die of the same signal. */
static void on_signal(int sig)
{
    bx_abandon_outputs();
    signal(sig, SIG_DFL);
    raise(sig);
}

/* A render allocates and frees a few MB over and over (cell grids, page
 * streams, the workbook's buffers). By default glibc hands big blocks
 * back to the kernel at once and takes them again, and every page it
 * takes back costs a fault (tens of microseconds on a virtual machine):
 * a third of a small render. Keep freed memory for reuse instead; the
 * peak is unchanged. */
static void keep_freed_memory(void)
{
    mallopt(M_MMAP_THRESHOLD, 64 << 20);
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
    mallopt(M_TOP_PAD, 16 << 20);
}

/* --set, --unit and --year say how to read a workbook: for one dataset
 * folder (whose template its dataset.yaml names) they are a mistake. */
static bool hints_without_workbook(const bx_cli *c)
{
    return c->command != BX_CLI_TEMPLATE && (c->set || c->unit || c->year) && c->dataset &&
           c->ndatasets == 1 && !c->list && !bx_is_workbook(c->dataset);
}

static int run_command(bx_cli *c)
{
    char exe_layouts[PATH_MAX], exe_fonts[PATH_MAX];
    add_exe_dirs(c, exe_layouts, exe_fonts, sizeof exe_layouts);
    if (hints_without_workbook(c))
        return bx_cli_usage(c, "--set、--unit、--year 只用于读入不是 budgetx 生成的工作簿；"
                               "数据目录的模板、单位和年度写在它的 dataset.yaml 中");
    switch (c->command) {
    case BX_CLI_RENDER:
        if (!c->dataset && !c->list)
            return bx_cli_usage(c, "render 需要数据目录");
        return run_render(c);
    case BX_CLI_CHECK: return run_check_command(c);
    case BX_CLI_IMPORT: return run_import(c);
    case BX_CLI_TEMPLATE: return run_template(c);
    }
    return EXIT_USAGE;
}

int main(int argc, char **argv)
{
    static const int fatal[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
    keep_freed_memory();
    for (size_t i = 0; i < sizeof fatal / sizeof fatal[0]; i++)
        signal(fatal[i], on_signal);
    bx_cli c;
    int rc;
    if (bx_cli_parse(argc, argv, &c, &rc))
        rc = run_command(&c);
    bx_cli_free(&c);
    return rc;
}
