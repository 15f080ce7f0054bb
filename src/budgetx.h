/*
 * budgetx — Chinese department budget disclosure tables (部门预算公开表格)
 * from one dataset, as an XLSX workbook and a PDF.
 *
 * The pipeline: a layout set (one YAML file per official table) and a
 * dataset (dataset.yaml + CSV files) are resolved into a back-end neutral
 * model, which back ends (xlsx, pdf, dump) write out.  Every call that can
 * fail takes a bx_error to fill; the first failure is kept. The record may
 * be NULL: the failure then shows only in what the call returns.
 */
#ifndef BX_BUDGETX_H
#define BX_BUDGETX_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Opaque handles. Each has a _free that accepts NULL. */
typedef struct bx_layout_set bx_layout_set;
typedef struct bx_dataset bx_dataset;
typedef struct bx_model bx_model;

typedef enum bx_status {
    BX_OK = 0,
    BX_ERR_USAGE,       /* bad arguments to the library or the CLI */
    BX_ERR_IO,          /* a file could not be read or written */
    BX_ERR_SYNTAX,      /* YAML or CSV syntax */
    BX_ERR_ENCODING,    /* bytes that are neither UTF-8 nor GB18030 */
    BX_ERR_LAYOUT,      /* a layout file is wrong */
    BX_ERR_DATA,        /* a dataset value is wrong (amount, column, …) */
    BX_ERR_LIMIT,       /* a documented limit was exceeded */
    BX_ERR_VALIDATION,  /* the tables disagree with themselves */
    BX_ERR_BACKEND,     /* the output library reported an error */
    BX_ERR_UNSUPPORTED, /* asked for something not built in */
    BX_ERR_NOMEM
} bx_status;

/* A located error: where (file, 1-based line and column; 0 = unknown) and
 * a message ready for a finance user.  Filled by the library, printed by
 * the caller. */
typedef struct bx_error {
    bx_status status;
    char file[512];
    int line;
    int column;
    char message[1024];
} bx_error;

/* The library's version, e.g. "0.1.0". */
const char *bx_version(void);

/* A short description of a status, in Chinese ("格式错误"). Never NULL. */
const char *bx_strerror(bx_status status);

/* Why a file could not be opened or read, errno `errnum` in Chinese
 * ("文件不存在", "没有读取权限"). Never NULL. */
const char *bx_read_error_text(int errnum);

/* Clear an error record before use. */
void bx_error_clear(bx_error *err);

/* Format "FILE:LINE:COL: message" (parts that are unknown are left out)
 * into buf; returns buf. */
char *bx_error_format(const bx_error *err, char *buf, size_t size);

/* Load dataset.yaml from a dataset folder. CSV files are read when a model
 * is resolved. Caller frees with bx_dataset_free. */
bx_dataset *bx_dataset_load(const char *dir, bx_error *err);
void bx_dataset_free(bx_dataset *dataset);
/* Read every CSV of the dataset as "utf-8", "gb18030" (GBK, GB2312) or
 * "auto" (detect per file, the default), overriding dataset.yaml. */
bx_status bx_dataset_set_encoding(bx_dataset *dataset, const char *encoding, bx_error *err);
/* The template set the dataset asks for, e.g. "shenzhen-2024". */
const char *bx_dataset_template(const bx_dataset *dataset);

/* Load a layout set from its folder (holding set.yaml and the table
 * layouts). Caller frees with bx_layout_set_free. */
bx_layout_set *bx_layout_set_load(const char *set_dir, bx_error *err);
/* Find a layout set by name in a list of folders (NULL-terminated, may be
 * NULL); after them the built-in places are searched: $BUDGETX_LAYOUTS,
 * the install directory, and the source tree the library was built from. */
bx_layout_set *bx_layout_set_find(const char *name, const char *const *search_dirs, bx_error *err);
void bx_layout_set_free(bx_layout_set *set);
/* The folder a set was loaded from (owned by the set). */
const char *bx_layout_set_dir(const bx_layout_set *set);

/* Bind a dataset to a layout set: read the CSV files, convert amounts,
 * build every sheet. The model keeps copies of what it needs: the dataset
 * and the set may be freed before it (bx_model_validate is given the set
 * again). Caller frees with bx_model_free. */
bx_model *bx_model_resolve(const bx_layout_set *set, const bx_dataset *dataset, bx_error *err);
void bx_model_free(bx_model *model);

/* Names of the output formats built in ("xlsx", "dump", …), NULL-ended. */
const char *const *bx_formats(void);
/* The file name extension of a format ("xlsx"), or NULL if unknown. */
const char *bx_format_extension(const char *format);

/* ---- consistency checks ---- */

/* One finding of the consistency checks. Strings live as long as the
 * findings. */
typedef struct bx_finding {
    int error;            /* 1: an error; 0: a rounding notice (尾数差异) */
    const char *table;    /* the sheet, e.g. "表3 支出总表" */
    const char *row;      /* e.g. "2101501 行政运行", "收入总计" */
    const char *column;   /* the figure's column, "" for a structural problem */
    const char *rule;     /* the check as the layout writes it */
    const char *expected; /* as the figures are given (e.g. "8,347.27") */
    const char *actual;
    const char *difference; /* actual − expected, or what is wrong */
    const char *file;       /* where the figure is */
    int line, column_number;
} bx_finding;

typedef struct bx_findings bx_findings;

/* Flags of bx_model_validate. */
enum {
    /* Also keep every figure with its place and whether a check holds it,
     * for the "json" report (memory in proportion to the figures). */
    BX_VALIDATE_FIGURES = 1
};

/* Run the checks the layout set declares on a resolved model; `set` is the
 * one the model was resolved with, or the same set loaded again (another
 * is BX_ERR_USAGE). The model is only read: any number of threads may
 * validate one model at once. Figures given in 元 must add up exactly;
 * figures given already rounded (万元) may differ by half a unit per
 * rounded figure involved: a rounding notice; anything more is an error,
 * and so is a sum or difference of figures beyond what a figure can hold
 * (±9,223,372,036,854.775807 of the unit they are given in): "超出可处理
 * 的范围", with an empty expected and actual. Caller frees with
 * bx_findings_free. */
bx_findings *bx_model_validate(const bx_model *model, const bx_layout_set *set, int flags,
                               bx_error *err);
void bx_findings_free(bx_findings *findings);
size_t bx_findings_count(const bx_findings *findings);
size_t bx_findings_errors(const bx_findings *findings);
const bx_finding *bx_findings_at(const bx_findings *findings, size_t i);
/* The findings as "text" (one line each, in Chinese; also for a NULL
 * format) or "json" (with every figure, whether a check looked at it, and
 * its place, when validated with BX_VALIDATE_FIGURES; else an empty list).
 * NULL findings or another format: BX_ERR_USAGE. Caller frees. */
char *bx_findings_report(const bx_findings *findings, const char *format, bx_error *err);

/* Remove the temporary files of every output being written. For a signal
 * handler (SIGINT, SIGTERM): async-signal-safe; the files already in
 * place are not touched, and a set of outputs being renamed into place is
 * let finish first. Temporary files a killed process left (SIGKILL) are
 * removed by a later run writing into the same folder, once they are five
 * minutes old. */
void bx_abandon_outputs(void);

/* Options of bx_render and bx_model_write. Zero-initialise, then set what
 * you need. */
/* What a workbook that budgetx did not write is read as: the layout set
 * its tables are of (each worksheet is recognised by its title and read by
 * its headings, docs/workbooks.md), and the unit's name and the year where
 * its title blocks do not say them (NULL, 0: from the titles). */
typedef struct bx_workbook_hints {
    const char *set;
    const char *unit;
    int year;
} bx_workbook_hints;

/* How far a render is, for a progress line: of `tables` tables of `rows`
 * rows in all, counted over every format written (a render of both
 * formats counts each row twice: `formats` is 2), `tables_done` and
 * `rows_done` are written. */
typedef struct bx_progress {
    long long rows_done, rows;
    int tables_done, tables;
    int formats;
} bx_progress;
/* Called now and then while the outputs are written, from the threads
 * writing them: perhaps from two at once. */
typedef void (*bx_progress_fn)(void *data, const bx_progress *progress);

/* One file a render wrote. */
typedef struct bx_written_file {
    char path[1024];    /* OUT_DIR/<name>.<ext> */
    const char *format; /* "xlsx", "pdf", "dump" */
    int tables;         /* the tables in it (a workbook's worksheets) */
    int pages;          /* a PDF's pages (cover and 文字部分 included); 0 for the others */
} bx_written_file;

/* What a render wrote, in the order of the formats. */
typedef struct bx_render_report {
    int nfiles;
    bx_written_file files[8];
} bx_render_report;

typedef struct bx_render_options {
    const char *const *formats;        /* NULL-ended list; NULL = {"xlsx"} */
    const char *const *layout_dirs;    /* extra folders holding layout sets */
    const char *font;                  /* PDF: regular face (.ttf/.otf/.ttc); NULL = default */
    const char *bold_font;             /* PDF: bold face; NULL = default */
    const char *const *font_dirs;      /* PDF: extra folders holding the default fonts */
    int force;                         /* bx_render: write even when checks find errors */
    const char *encoding;              /* bx_render: CSV encoding, as bx_dataset_set_encoding */
    bx_findings **findings;            /* bx_render: if set, receives the checks' findings
                                          (caller frees; NULL when the run stopped before) */
    int parallel;                      /* bx_render: write the formats at the same time, one
                                          thread each (for one dataset on a multi-core machine) */
    int tables_only;                   /* bx_render: the tables alone, even where the layout
                                          set has the whole document's outline */
    const bx_workbook_hints *workbook; /* bx_render: how to read a workbook budgetx
                                          did not write (NULL: refused) */
    bx_render_report *report;          /* bx_render, bx_render_dataset: if set, receives
                                          the files written (nfiles 0 when none) */
    bx_progress_fn progress;           /* bx_render, bx_render_dataset: if set, told how
                                          far the writing is */
    void *progress_data;               /* given to progress */
} bx_render_options;

/* Write a model in one format to path (options may be NULL). The file is
 * written to a temporary file next to path and renamed into place only
 * when complete, so a failure never leaves a partial file nor clobbers an
 * existing one; a failed write's message names path and says why
 * ("磁盘空间不足"). */
bx_status bx_model_write(const bx_model *model, const char *format, const char *path,
                         const bx_render_options *options, bx_error *err);

/* What `budgetx render DATASET -o OUT` does: load the dataset, find its
 * layout set, resolve, run the checks (stopping with BX_ERR_VALIDATION when
 * they find errors, unless options->force), and write OUT/<name>.<ext> for
 * every format, where
 * <name> is the dataset's output name (default: the dataset folder name).
 * Creates OUT if needed. Every format is written to a temporary file first
 * and all are renamed into place together: after a failure every previous
 * file is as it was, and renders into one folder at the same time leave
 * one render's set of files. */
bx_status bx_render(const char *dataset_dir, const char *out_dir, const bx_render_options *options,
                    bx_error *err);

/* ---- workbooks read back ---- */

/* Read a workbook budgetx wrote — perhaps corrected since in Excel, WPS or
 * LibreOffice — back into a dataset: the dataset the workbook carries (in
 * its hidden sheet "budgetx") with every value of the tables as the
 * workbook now shows it, and rows added or removed where a table's rows
 * vary (科目 rows, 项目 rows, indicators). Titles, headings, labels and
 * notes must be unchanged: a changed one is an error naming the sheet and
 * cell ("表3 支出总表!D5"). Amounts may be numbers or texts ("1,234.50")
 * with no more decimals than the dataset's; a formula needs its computed
 * value. layout_dirs as for bx_layout_set_find. Caller frees with
 * bx_dataset_free. bx_render and bx_renderer_render accept a workbook's
 * path in place of a dataset folder and do this first. */
bx_dataset *bx_workbook_load(const char *xlsx_path, const char *const *layout_dirs, bx_error *err);
/* bx_workbook_load, also for a workbook made elsewhere (hints may be NULL:
 * then only ours are read). */
bx_dataset *bx_workbook_load_as(const char *xlsx_path, const char *const *layout_dirs,
                                const bx_workbook_hints *hints, bx_error *err);
/* Findings of a dataset read from a workbook, located at the workbook's
 * cells ("book.xlsx: 表3 支出总表!D6", no line and column) rather than at
 * the CSV it became; others are left as they are. */
void bx_findings_locate(bx_findings *findings, const bx_dataset *ds);
/* Whether path names a workbook (*.xlsx, or *.xls read with FreeXL) rather
 * than a dataset folder. */
int bx_is_workbook(const char *path);
/* Write a dataset read from a workbook as the folder dir (its parents
 * created if needed): dataset.yaml and its CSV files (UTF-8), all or
 * nothing. The files' names are checked first — each CSV one file name
 * ending in .csv, without control characters, no two alike ignoring case —
 * and the dataset is written into a new folder beside dir that then takes
 * its place (the folder that was there, holding only a dataset, is
 * removed). A dir that is a symbolic link or holds other files is refused
 * (BX_ERR_USAGE). */
bx_status bx_dataset_save(const bx_dataset *dataset, const char *dir, bx_error *err);
/* Flags of bx_dataset_save_with. */
enum {
    /* dir may hold other files: the dataset's files are replaced in it,
     * together, and the others stay */
    BX_SAVE_FORCE = 1
};
/* bx_dataset_save with flags. */
bx_status bx_dataset_save_with(const bx_dataset *dataset, const char *dir, int flags,
                               bx_error *err);
/* A remark on reading a workbook back (e.g. it was written with another
 * version of the layouts), or NULL. */
const char *bx_dataset_notice(const bx_dataset *dataset);
/* What differs between two datasets' tables — title blocks, headings,
 * bodies and notes — cell by cell, one line each, named by the cell in
 * `after`'s workbook: "表3 支出总表!F11  2101501 行政运行 · 项目支出：200.00
 * → 210.50", "表3 支出总表!A3  标题栏：部门名称：甲 → 部门名称：乙", a level
 * changed as "表4 基本支出总表!A8  基本工资 · 支出项目类别：层级 2 → 1"; a
 * row added as "表3 支出总表!A12  （新增行） …"; a row removed — named by
 * its row in `before`'s workbook, listed before the next row both have — as
 * "表3 支出总表  （删除行，原第 11 行） …"; a note added or removed as
 * "…!A20  （新增注释）…", "…  （删除注释，原第 20 行）…". Texts are compared
 * whole; a line shows at most 60 characters of each, from 10 before where
 * they first differ, cut between characters with "…". "" when nothing
 * differs. Both are resolved with the layout set `after` names. Caller
 * frees. */
char *bx_dataset_diff(const bx_dataset *before, const bx_dataset *after,
                      const char *const *layout_dirs, bx_error *err);

/* A blank workbook for data entry: the set's tables with their title
 * blocks and headers, `blank_rows` blank rows in every table body and
 * repeating section (unlocked, amounts validated as numbers; the rest of
 * each sheet protected without a password, rows may be inserted), ready to
 * be filled in Excel or WPS and given to bx_render. The unit and year go
 * into the title blocks. With `like` (a dataset folder or workbook of the
 * same set), its rows keep their names, codes and levels and lose their
 * figures; unit and year default to its. Layout dirs and fonts come from
 * options (may be NULL). */
bx_status bx_write_template(const char *set_name, const char *unit, int year, const char *like,
                            int blank_rows, const char *path, const bx_render_options *options,
                            bx_error *err);

/* bx_render of a dataset already loaded (a folder, or a workbook read
 * back); its outputs are named after its folder or workbook file. */
bx_status bx_render_dataset(const bx_dataset *dataset, const char *out_dir,
                            const bx_render_options *options, bx_error *err);

/* ---- many datasets ---- */

/* A renderer holds what the renders of a batch share — the layout sets
 * and the PDF fonts, each loaded once, on first use — so that another
 * dataset costs only its own work. Any number of threads may render
 * through one renderer at the same time. All its renders carry the same
 * creation time (the renderer's), so a batch is reproducible as a whole. */
typedef struct bx_renderer bx_renderer;

/* The options are copied, the strings and lists they point to are not:
 * keep them alive as long as the renderer. options->findings is ignored
 * (see bx_renderer_render). */
bx_renderer *bx_renderer_new(const bx_render_options *options, bx_error *err);
void bx_renderer_free(bx_renderer *renderer);

/* bx_render through the renderer; findings (may be NULL) receives the
 * checks' findings as options->findings does for bx_render. */
bx_status bx_renderer_render(bx_renderer *renderer, const char *dataset_dir, const char *out_dir,
                             bx_findings **findings, bx_error *err);

/* The folder name bx_render gives a dataset's outputs (its `output:` or
 * its folder's name, made safe for a file name): for a batch to put each
 * dataset in OUT/<name>/ and to find two that would collide. Caller
 * frees. */
char *bx_dataset_output_name(const char *dataset_dir, bx_error *err);

#ifdef __cplusplus
}
#endif

#endif /* BX_BUDGETX_H */
