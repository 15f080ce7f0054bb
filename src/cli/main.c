/* The budgetx command: a thin layer over src/budgetx.h. Only this file
 * prints and picks the exit status: 0 ok, 1 data or validation error,
 * 2 usage error. */
#include "batch.h"
#include "budgetx.h"

#include <limits.h>
#include <malloc.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { EXIT_DATA = 1, EXIT_USAGE = 2, MAX_LAYOUT_DIRS = 8 };

static const char usage_text[] =
    "用法 (usage):\n"
    "  budgetx render DATASET_DIR... -o OUT_DIR [--format xlsx|pdf|both] [--layouts DIR]\n"
    "                 [--font FILE] [--bold-font FILE] [--force] [--encoding E]\n"
    "                 [--list FILE] [-j N]\n"
    "  budgetx render BOOK.xlsx -o OUT_DIR [--diff ORIGINAL] [其他 render 选项]\n"
    "  budgetx import BOOK.xlsx -o DATASET_DIR [--diff ORIGINAL] [--layouts DIR]\n"
    "  budgetx template --set NAME -o BLANK.xlsx [--unit UNIT --year YEAR] [--like DATASET]\n"
    "                   [--rows N] [--layouts DIR]\n"
    "  budgetx check DATASET_DIR|BOOK.xlsx [--format text|json] [--layouts DIR] [--encoding E]\n"
    "  budgetx --help | --version\n"
    "\n"
    "render  把数据集转换为部门预算公开表格：OUT_DIR 中写入一个 .xlsx（每表一个工作表）\n"
    "        和一个 .pdf（每表另起一页）。文件先写入临时文件，完成后才改名，\n"
    "        失败时不会留下不完整的文件，也不会覆盖原有文件。\n"
    "        写入前先做一致性检查：有错误时不写文件（--force 仍然输出），\n"
    "        尾数差异提示照常输出到标准错误。\n"
    "        给出多个数据集（或 --list）时在一个进程中用多个线程批量转换，\n"
    "        每个数据集写入 OUT_DIR/<数据集名>/；一个数据集出错不影响其他数据集，\n"
    "        结束时列出失败的数据集。\n"
    "        DATASET_DIR 也可以是 budgetx 生成、之后在 Excel/WPS 中修改过的工作簿：\n"
    "        按工作簿中现在的数字（及增删的行）重新生成 PDF 和干净的工作簿。\n"
    "import  把修改过的工作簿读回为数据集（dataset.yaml 和 CSV），写入 DATASET_DIR，\n"
    "        并做一致性检查。表头、标题和注释必须保持原样；改动的会指出单元格。\n"
    "template 生成用于填报的空白工作簿：各表的标题、表头与布局一致，表体留出 N 行\n"
    "        （默认 20）可填写的空行（金额列只能填数字），其余单元格保护（无密码）。\n"
    "        --like 给出去年的数据集时保留其行（名称、编码、层级），清空金额。\n"
    "        填好后用 budgetx render BLANK.xlsx -o OUT_DIR 生成 PDF。\n"
    "check   只读取数据集并做一致性检查（合计与明细、上下级科目、各表之间），\n"
    "        列出每个错误和尾数差异提示，不写文件；有错误时退出状态为 1。\n"
    "\n"
    "  -o, --output DIR   输出目录（不存在时创建）；template：输出的 .xlsx 文件\n"
    "  --format F         xlsx、pdf 或 both（默认 both）\n"
    "  --layouts DIR      另外查找布局模板的目录（可重复）\n"
    "  --font FILE        PDF 正文字体（TrueType .ttf/.ttc；默认 Noto Serif SC）\n"
    "  --bold-font FILE   PDF 标题字体（默认 Noto Serif SC Bold）\n"
    "  --force            一致性检查有错误时仍然输出\n"
    "  --encoding E       CSV 文件的编码：auto（默认，逐个识别）、utf-8 或 gb18030\n"
    "  --list FILE        从文件读取数据集目录（每行一个，# 开头的行忽略）\n"
    "  -j, --jobs N       批量转换的线程数（默认每个处理器核心一个）\n"
    "  --diff ORIGINAL    先列出工作簿与原数据集（目录或工作簿）相比改动的每个单元格\n"
    "  --set NAME         template：布局模板（shenzhen-2024、shenzhen-2022、hubei-county-2022）\n"
    "  --unit U, --year Y template：单位名称和年度（写入各表的标题栏）\n"
    "  --like DATASET     template：保留这个数据集的行，清空金额\n"
    "  --rows N           template：每个表体留出的空行数（默认 20；有 --like 时 5）\n"
    "\n"
    "退出状态：0 成功，1 数据或校验错误，2 用法错误。\n";

typedef struct cli {
    const char *command;
    const char *dataset;   /* the first */
    const char **datasets; /* all given on the command line */
    int ndatasets;
    const char *list; /* --list FILE */
    int jobs;
    const char *out_dir;
    const char *format;
    const char *layout_dirs[MAX_LAYOUT_DIRS + 2];
    int nlayout_dirs;
    const char *font, *bold_font;
    const char *encoding;
    const char *font_dirs[2];
    const char *diff; /* --diff ORIGINAL */
    /* template */
    const char *set, *unit, *like;
    int year, rows;
    bool force;
} cli;

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "budgetx: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n请运行 budgetx --help 查看用法。\n");
    return EXIT_USAGE;
}

/* "--name VALUE" or "--name=VALUE"; advances *i past what it used. */
static const char *option_value(int argc, char **argv, int *i, const char *name)
{
    size_t n = strlen(name);
    const char *a = argv[*i];
    if (strncmp(a, name, n) == 0 && a[n] == '=')
        return a + n + 1;
    if (strcmp(a, name) == 0 && *i + 1 < argc)
        return argv[++*i];
    return NULL;
}

static bool is_option(const char *a, const char *name)
{
    size_t n = strlen(name);
    return strcmp(a, name) == 0 || (strncmp(a, name, n) == 0 && a[n] == '=');
}

static int parse_args(int argc, char **argv, cli *c)
{
    memset(c, 0, sizeof *c);
    c->datasets = calloc((size_t)argc, sizeof *c->datasets);
    if (!c->datasets) {
        fprintf(stderr, "budgetx: 内存不足\n");
        return EXIT_DATA;
    }
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v;
        if (strcmp(a, "-o") == 0 || is_option(a, "--output")) {
            v = strcmp(a, "-o") == 0 ? (i + 1 < argc ? argv[++i] : NULL)
                                     : option_value(argc, argv, &i, "--output");
            if (!v)
                return usage_error("%s 后面应有输出目录", a);
            c->out_dir = v;
        } else if (is_option(a, "--format")) {
            if (!(v = option_value(argc, argv, &i, "--format")))
                return usage_error("%s 后面应有格式（xlsx、pdf 或 both）", a);
            c->format = v;
        } else if (is_option(a, "--layouts")) {
            if (!(v = option_value(argc, argv, &i, "--layouts")))
                return usage_error("%s 后面应有目录", a);
            if (c->nlayout_dirs == MAX_LAYOUT_DIRS)
                return usage_error("%s 最多可给出 8 次", a);
            c->layout_dirs[c->nlayout_dirs++] = v;
        } else if (is_option(a, "--encoding")) {
            if (!(v = option_value(argc, argv, &i, "--encoding")))
                return usage_error("%s 后面应有编码（auto、utf-8 或 gb18030）", a);
            c->encoding = v;
        } else if (strcmp(a, "--force") == 0) {
            c->force = true;
        } else if (is_option(a, "--font")) {
            if (!(v = option_value(argc, argv, &i, "--font")))
                return usage_error("%s 后面应有字体文件", a);
            c->font = v;
        } else if (is_option(a, "--bold-font")) {
            if (!(v = option_value(argc, argv, &i, "--bold-font")))
                return usage_error("%s 后面应有字体文件", a);
            c->bold_font = v;
        } else if (is_option(a, "--set")) {
            if (!(v = option_value(argc, argv, &i, "--set")))
                return usage_error("%s 后面应有模板名称，例如 shenzhen-2024", a);
            c->set = v;
        } else if (is_option(a, "--unit")) {
            if (!(v = option_value(argc, argv, &i, "--unit")))
                return usage_error("%s 后面应有单位名称", a);
            c->unit = v;
        } else if (is_option(a, "--like")) {
            if (!(v = option_value(argc, argv, &i, "--like")))
                return usage_error("%s 后面应有数据目录或工作簿", a);
            c->like = v;
        } else if (is_option(a, "--year") || is_option(a, "--rows")) {
            bool year = is_option(a, "--year");
            v = option_value(argc, argv, &i, year ? "--year" : "--rows");
            char *end = NULL;
            long n = v ? strtol(v, &end, 10) : 0;
            if (!v || *end || (year ? n < 1980 || n > 2999 : n < 1 || n > 10000))
                return usage_error(year ? "%s 后面应有年度（1980 到 2999）"
                                        : "%s 后面应有 1 到 10000 之间的行数",
                                   a);
            *(year ? &c->year : &c->rows) = (int)n;
        } else if (is_option(a, "--diff")) {
            if (!(v = option_value(argc, argv, &i, "--diff")))
                return usage_error("%s 后面应有原来的数据目录或工作簿", a);
            c->diff = v;
        } else if (is_option(a, "--list")) {
            if (!(v = option_value(argc, argv, &i, "--list")))
                return usage_error("%s 后面应有数据集列表文件", a);
            c->list = v;
        } else if (strcmp(a, "-j") == 0 || is_option(a, "--jobs")) {
            v = strcmp(a, "-j") == 0 ? (i + 1 < argc ? argv[++i] : NULL)
                                     : option_value(argc, argv, &i, "--jobs");
            char *end = NULL;
            long n = v ? strtol(v, &end, 10) : 0;
            if (!v || *end || n < 1 || n > 64)
                return usage_error("%s 后面应有 1 到 64 之间的线程数", a);
            c->jobs = (int)n;
        } else if (a[0] == '-' && a[1] != '\0') {
            return usage_error("未知的选项 %s", a);
        } else if (!c->command) {
            c->command = a;
        } else {
            c->datasets[c->ndatasets++] = a;
            if (!c->dataset)
                c->dataset = a;
        }
    }
    return 0;
}

/* Folders the CLI adds to the library's search: the layouts and fonts
 * installed beside this executable (<prefix>/share/budgetx/…). */
static void add_exe_dirs(cli *c, char *layouts, char *fonts, size_t size)
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

/* Print the checks' findings: all of them for `check`, to stdout; for
 * `render`, to stderr. */
static void print_findings(const bx_findings *f, const char *format, FILE *to)
{
    bx_error err;
    bx_error_clear(&err);
    char *text = bx_findings_report(f, format, &err);
    if (text)
        fputs(text, to);
    free(text);
}

/* A dataset folder (its CSVs read in --encoding), or a workbook read back. */
static bx_dataset *load_any(const cli *c, const char *path, bx_error *err)
{
    bool book = bx_is_workbook(path);
    bx_dataset *ds =
        book ? bx_workbook_load(path, c->layout_dirs, err) : bx_dataset_load(path, err);
    if (ds && !book && c->encoding && bx_dataset_set_encoding(ds, c->encoding, err) != BX_OK) {
        bx_dataset_free(ds);
        return NULL;
    }
    if (ds && bx_dataset_notice(ds))
        fprintf(stderr, "budgetx: %s：%s\n", path, bx_dataset_notice(ds));
    return ds;
}

/* The consistency checks of a loaded dataset; *set receives its layout set
 * (caller frees). NULL with err set when it cannot be resolved. */
static bx_findings *check_loaded(const cli *c, const bx_dataset *ds, int flags, bx_layout_set **set,
                                 bx_error *err)
{
    *set = bx_layout_set_find(bx_dataset_template(ds), c->layout_dirs, err);
    bx_model *model = *set ? bx_model_resolve(*set, ds, err) : NULL;
    bx_findings *findings = model ? bx_model_validate(model, *set, flags, err) : NULL;
    bx_model_free(model);
    return findings;
}

/* --diff: every cell of the workbook that differs from the original. */
static int print_diff(const cli *c, const bx_dataset *now)
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

static int run_check(const cli *c)
{
    bx_error err;
    bx_error_clear(&err);
    bx_dataset *ds = load_any(c, c->dataset, &err);
    bool json = c->format && strcmp(c->format, "json") == 0;
    bx_layout_set *set = NULL;
    bx_findings *findings =
        ds ? check_loaded(c, ds, json ? BX_VALIDATE_FIGURES : 0, &set, &err) : NULL;
    if (findings) {
        if (!json)
            printf("%s（布局 %s）\n", c->dataset, bx_layout_set_dir(set));
        print_findings(findings, json ? "json" : "text", stdout);
    }
    int rc = err.status != BX_OK ? report(&err) : bx_findings_errors(findings) ? EXIT_DATA : 0;
    bx_findings_free(findings);
    bx_layout_set_free(set);
    bx_dataset_free(ds);
    return rc;
}

/* Many datasets: the command line's and the list file's. */
static int run_batch(const cli *c, const bx_render_options *opts)
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
                              .progress = isatty(STDERR_FILENO)};
            rc = batch.n ? bx_batch_run(&batch, opts) : usage_error("%s", "数据集列表是空的");
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

static int run_render(const cli *c)
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
            return usage_error("未知的格式“%s”（可用：xlsx、pdf、both）", formats[i]);
    bx_render_options opts = {.formats = formats,
                              .layout_dirs = c->layout_dirs,
                              .font = c->font,
                              .bold_font = c->bold_font,
                              .font_dirs = c->font_dirs,
                              .force = c->force,
                              .encoding = c->encoding,
                              /* one dataset: its formats side by side */
                              .parallel = sysconf(_SC_NPROCESSORS_ONLN) > 1};
    if (c->ndatasets > 1 || c->list) {
        opts.parallel = 0; /* the workers already keep every core busy */
        return run_batch(c, &opts);
    }
    bx_findings *findings = NULL;
    opts.findings = &findings;
    bx_error err;
    bx_error_clear(&err);
    /* loaded once: for --diff, then rendered */
    bx_dataset *ds = load_any(c, c->dataset, &err);
    int rc = !ds ? report(&err) : c->diff ? print_diff(c, ds) : 0;
    if (rc) {
        bx_dataset_free(ds);
        return rc;
    }
    bx_status st = bx_render_dataset(ds, c->out_dir, &opts, &err);
    bx_dataset_free(ds);
    if (findings && bx_findings_count(findings))
        print_findings(findings, "text", stderr);
    bx_findings_free(findings);
    return st != BX_OK ? report(&err) : 0;
}

static int run_check_command(const cli *c)
{
    if (!c->dataset)
        return usage_error("%s", "check 需要数据目录");
    if (c->ndatasets > 1 || c->list || c->jobs)
        return usage_error("%s", "check 一次检查一个数据集");
    if (c->out_dir || c->font || c->bold_font || c->force)
        return usage_error("%s", "check 不写文件，不接受 -o、--force 或字体选项");
    if (c->format && strcmp(c->format, "text") != 0 && strcmp(c->format, "json") != 0)
        return usage_error("check 的 --format 应为 text 或 json，而不是“%s”", c->format);
    return run_check(c);
}

/* import: the workbook's dataset into a folder, then the checks. */
static int run_import(const cli *c)
{
    if (!c->dataset || c->ndatasets > 1 || !bx_is_workbook(c->dataset))
        return usage_error("%s", "import 需要一个工作簿（.xlsx）");
    if (!c->out_dir)
        return usage_error("%s", "import 需要 -o 数据目录");
    if (c->list || c->jobs || c->format || c->font || c->bold_font || c->force || c->encoding)
        return usage_error("%s", "import 只接受 -o、--diff 和 --layouts");
    bx_error err;
    bx_error_clear(&err);
    bx_dataset *ds = load_any(c, c->dataset, &err);
    int rc = ds && c->diff ? print_diff(c, ds) : 0;
    if (ds && rc == 0 && bx_dataset_save(ds, c->out_dir, &err) == BX_OK)
        fprintf(stderr, "budgetx: 已写入数据集 %s\n", c->out_dir);
    bx_layout_set *set = NULL;
    bx_findings *findings = err.status == BX_OK && ds ? check_loaded(c, ds, 0, &set, &err) : NULL;
    if (findings && bx_findings_count(findings))
        print_findings(findings, "text", stderr);
    if (!rc)
        rc = err.status != BX_OK ? report(&err) : bx_findings_errors(findings) ? EXIT_DATA : 0;
    bx_findings_free(findings);
    bx_layout_set_free(set);
    bx_dataset_free(ds);
    return rc;
}

/* template: a blank workbook to fill in. */
static int run_template(const cli *c)
{
    if (!c->set || !c->out_dir)
        return usage_error("%s", "template 需要 --set 模板名称和 -o 输出文件");
    if (c->dataset || c->list || c->jobs || c->format || c->diff || c->force || c->encoding)
        return usage_error(
            "%s", "template 只接受 --set、-o、--unit、--year、--like、--rows 和 --layouts");
    if (!c->like && (!c->unit || !c->year))
        return usage_error("%s", "template 需要 --unit 单位名称和 --year 年度（或 --like 数据集）");
    bx_render_options opts = {.layout_dirs = c->layout_dirs};
    bx_error err;
    bx_error_clear(&err);
    int rows = c->rows ? c->rows : c->like ? 5 : 20;
    if (bx_write_template(c->set, c->unit, c->year, c->like, rows, c->out_dir, &opts, &err) !=
        BX_OK)
        return report(&err);
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

static int run_command(cli *c)
{
    if (!c->command)
        return usage_error("%s", "缺少命令（render、import 或 check）");
    char exe_layouts[PATH_MAX], exe_fonts[PATH_MAX];
    add_exe_dirs(c, exe_layouts, exe_fonts, sizeof exe_layouts);
    if (strcmp(c->command, "render") == 0) {
        if (!c->dataset && !c->list)
            return usage_error("%s", "render 需要数据目录");
        if (!c->out_dir)
            return usage_error("%s", "render 需要 -o 输出目录");
        return run_render(c);
    }
    if (strcmp(c->command, "check") == 0)
        return run_check_command(c);
    if (strcmp(c->command, "import") == 0)
        return run_import(c);
    if (strcmp(c->command, "template") == 0)
        return run_template(c);
    return usage_error("未知的命令“%s”（可用：render、import、template、check）", c->command);
}

int main(int argc, char **argv)
{
    static const int fatal[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
    keep_freed_memory();
    for (size_t i = 0; i < sizeof fatal / sizeof fatal[0]; i++)
        signal(fatal[i], on_signal);
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(usage_text, stdout);
            return 0;
        }
        if (strcmp(argv[i], "--version") == 0) {
            printf("budgetx %s\n", bx_version());
            return 0;
        }
    }
    cli c;
    int rc = parse_args(argc, argv, &c);
    if (rc == 0)
        rc = run_command(&c);
    free(c.datasets);
    return rc;
}
