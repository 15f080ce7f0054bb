/* The commands of budgetx and their options: the one place that lists
 * them (commands.h). */
#include "commands.h"

/* ---- the tables ----------------------------------------------------------- */

/* Each option once; a command's table lists those it takes, in the order
 * of its synopsis and help. */

static const option_def opt_output_dir = {.name = "output",
                                          .letter = 'o',
                                          .kind = OPT_STRING,
                                          .value = "OUT_DIR",
                                          .field = offsetof(bx_cli, out_dir),
                                          .required = true,
                                          .expects = "输出目录",
                                          .help = "输出目录（不存在时创建）"};
static const option_def opt_output_format = {.name = "format",
                                             .kind = OPT_STRING,
                                             .value = "xlsx|pdf|both",
                                             .field = offsetof(bx_cli, format),
                                             .expects = "格式（xlsx、pdf 或 both）",
                                             .help = "写入的格式（默认 both）"};
static const option_def opt_layouts = {.name = "layouts",
                                       .kind = OPT_DIRS,
                                       .value = "DIR",
                                       .expects = "目录",
                                       .help = "另外查找布局模板的目录（可重复，最多 8 次）"};
static const option_def opt_font = {.name = "font",
                                    .kind = OPT_STRING,
                                    .value = "FILE",
                                    .field = offsetof(bx_cli, font),
                                    .expects = "字体文件",
                                    .help =
                                        "PDF 正文字体（.ttf/.otf/.ttc；默认 Noto Serif CJK SC）"};
static const option_def opt_bold_font = {.name = "bold-font",
                                         .kind = OPT_STRING,
                                         .value = "FILE",
                                         .field = offsetof(bx_cli, bold_font),
                                         .expects = "字体文件",
                                         .help = "PDF 标题字体（默认 Noto Serif CJK SC Bold）"};
static const option_def opt_force = {.name = "force",
                                     .kind = OPT_FLAG,
                                     .field = offsetof(bx_cli, force),
                                     .help = "一致性检查有错误时仍然输出"};
static const option_def opt_tables_only = {.name = "tables-only",
                                           .kind = OPT_FLAG,
                                           .field = offsetof(bx_cli, tables_only),
                                           .help = "PDF 只含表格（不含封面、文字部分）"};
static const option_def opt_import_force = {
    .name = "force",
    .kind = OPT_FLAG,
    .field = offsetof(bx_cli, force),
    .help = "DATASET_DIR 中还有其他文件时仍然写入：只替换数据集的文件，其他文件保留"};
static const option_def opt_template_force = {.name = "force",
                                              .kind = OPT_FLAG,
                                              .field = offsetof(bx_cli, force),
                                              .help = "BLANK.xlsx 已存在时覆盖它"};
static const option_def opt_encoding = {
    .name = "encoding",
    .kind = OPT_STRING,
    .value = "E",
    .field = offsetof(bx_cli, encoding),
    .expects = "编码（auto、utf-8 或 gb18030）",
    .help = "CSV 文件的编码：auto（默认，逐个识别）、utf-8 或 gb18030"};
static const option_def opt_list = {.name = "list",
                                    .kind = OPT_STRING,
                                    .value = "FILE",
                                    .field = offsetof(bx_cli, list),
                                    .expects = "数据集列表文件",
                                    .help = "从文件读取数据集目录（每行一个，# 开头的行忽略）"};
static const option_def opt_jobs = {.name = "jobs",
                                    .letter = 'j',
                                    .kind = OPT_NUMBER,
                                    .value = "N",
                                    .field = offsetof(bx_cli, jobs),
                                    .min = 1,
                                    .max = 64,
                                    .expects = "1 到 64 之间的线程数",
                                    .help = "批量转换的线程数（默认每个处理器核心一个）"};
static const option_def opt_diff = {
    .name = "diff",
    .kind = OPT_STRING,
    .value = "ORIGINAL",
    .field = offsetof(bx_cli, diff),
    .expects = "原来的数据目录或工作簿",
    .help = "先列出工作簿与原数据集（目录或工作簿）相比改动的每个单元格"};
static const option_def opt_import_dir = {.name = "output",
                                          .letter = 'o',
                                          .kind = OPT_STRING,
                                          .value = "DATASET_DIR",
                                          .field = offsetof(bx_cli, out_dir),
                                          .required = true,
                                          .expects = "数据目录",
                                          .help = "写入数据集的目录（不存在时创建）"};
static const option_def opt_set = {.name = "set",
                                   .kind = OPT_STRING,
                                   .value = "NAME",
                                   .field = offsetof(bx_cli, set),
                                   .required = true,
                                   .expects = "模板名称（例如 shenzhen-2024）",
                                   .help = "布局模板（见下）"};
static const option_def opt_blank_book = {.name = "output",
                                          .letter = 'o',
                                          .kind = OPT_STRING,
                                          .value = "BLANK.xlsx",
                                          .field = offsetof(bx_cli, out_dir),
                                          .required = true,
                                          .expects = "输出文件",
                                          .help = "输出的 .xlsx 文件"};
/* --unit and --year: the same option, said for a blank workbook's title
 * blocks (template) or for a workbook whose titles do not say them */
#define UNIT_OPTION(what)                                                                          \
    {                                                                                              \
        .name = "unit", .kind = OPT_STRING, .value = "UNIT", .field = offsetof(bx_cli, unit),      \
        .expects = "单位名称", .help = what                                                        \
    }
#define YEAR_OPTION(what)                                                                          \
    {                                                                                              \
        .name = "year", .kind = OPT_NUMBER, .value = "YEAR", .field = offsetof(bx_cli, year),      \
        .min = 1980, .max = 2999, .expects = "年度（1980 到 2999）", .help = what                  \
    }
static const option_def opt_unit = UNIT_OPTION("单位名称（写入各表的标题栏）");
static const option_def opt_year = YEAR_OPTION("年度（写入各表的标题栏）");
static const option_def opt_like = {.name = "like",
                                    .kind = OPT_STRING,
                                    .value = "DATASET",
                                    .field = offsetof(bx_cli, like),
                                    .expects = "数据目录或工作簿",
                                    .help = "保留这个数据集的行（名称、编码、层级），清空金额"};
static const option_def opt_rows = {.name = "rows",
                                    .kind = OPT_NUMBER,
                                    .value = "N",
                                    .field = offsetof(bx_cli, rows),
                                    .min = 1,
                                    .max = 10000,
                                    .expects = "1 到 10000 之间的行数",
                                    .help = "每个表体留出的空行数（默认 20；有 --like 时 5）"};
/* a workbook budgetx did not write: what it is read as */
static const option_def opt_book_set = {
    .name = "set",
    .kind = OPT_STRING,
    .value = "NAME",
    .field = offsetof(bx_cli, set),
    .expects = "模板名称（例如 shenzhen-2024）",
    .help =
        "工作簿不是 budgetx 生成的（没有隐藏的数据记录）时，按这个模板的表读入：按标题认出各表，"
        "按表头读各栏"};
static const option_def opt_book_unit =
    UNIT_OPTION("（同 --set）标题栏中没有单位名称时，用这个名称");
static const option_def opt_book_year =
    YEAR_OPTION("（同 --set）标题和表头中没有年度时，用这个年度");
static const option_def opt_report_format = {
    .name = "format",
    .kind = OPT_STRING,
    .value = "text|json",
    .field = offsetof(bx_cli, format),
    .expects = "格式（text 或 json）",
    .help = "text（默认）或 json（另列出每个数字及是否有检查覆盖它）"};
/* every command's, after its own */
static const option_def opt_quiet = {.name = "quiet",
                                     .letter = 'q',
                                     .kind = OPT_FLAG,
                                     .field = offsetof(bx_cli, quiet),
                                     .help = "只输出错误：没有尾数差异提示、进度和“已写入”"};
static const option_def opt_verbose = {.name = "verbose",
                                       .letter = 'v',
                                       .kind = OPT_FLAG,
                                       .field = offsetof(bx_cli, verbose),
                                       .help = "另外说明用到的布局模板目录和写入的每个文件"};
static const option_def opt_command_help = {
    .name = "help", .letter = 'h', .kind = OPT_HELP, .help = "显示本命令的用法"};
/* before the command */
static const option_def opt_help = {
    .name = "help", .letter = 'h', .kind = OPT_HELP, .help = "显示用法"};
static const option_def opt_version = {.name = "version", .kind = OPT_VERSION, .help = "显示版本"};
static const option_def opt_synopsis = {.name = "synopsis",
                                        .kind = OPT_SYNOPSIS}; /* for the test */

static const option_def *const render_options[] = {
    &opt_output_dir,  &opt_output_format, &opt_layouts,   &opt_font,      &opt_bold_font,
    &opt_force,       &opt_encoding,      &opt_list,      &opt_jobs,      &opt_diff,
    &opt_tables_only, &opt_book_set,      &opt_book_unit, &opt_book_year, NULL};
static const option_def *const import_options[] = {&opt_import_dir,   &opt_diff,     &opt_layouts,
                                                   &opt_import_force, &opt_book_set, &opt_book_unit,
                                                   &opt_book_year,    NULL};
static const option_def *const template_options[] = {&opt_set,     &opt_blank_book,     &opt_unit,
                                                     &opt_year,    &opt_like,           &opt_rows,
                                                     &opt_layouts, &opt_template_force, NULL};
static const option_def *const check_options[] = {
    &opt_report_format, &opt_layouts,   &opt_encoding, &opt_book_set,
    &opt_book_unit,     &opt_book_year, NULL};
const option_def *const bx_cli_common_options[] = {&opt_quiet, &opt_verbose, &opt_command_help,
                                                   NULL};
const option_def *const bx_cli_top_options[] = {&opt_help, &opt_version, &opt_synopsis, NULL};

const command_def bx_cli_commands[] = {
    {.id = BX_CLI_RENDER,
     .name = "render",
     .operands = "DATASET_DIR...",
     .options = render_options,
     .summary = "把数据集（或改过的工作簿）转换为部门预算公开表格：.xlsx 和 .pdf",
     .about = "把数据集转换为部门预算公开表格：OUT_DIR 中写入一个 .xlsx（每表一个工作表）\n"
              "和一个 .pdf（每表另起一页）。文件先写入临时文件，完成后才改名，\n"
              "失败时不会留下不完整的文件，也不会覆盖原有文件。\n"
              "写入前先做一致性检查：有错误时不写文件（--force 仍然输出），\n"
              "尾数差异提示照常输出到标准错误。\n"
              "给出多个数据集（或 --list）时在一个进程中用多个线程批量转换，\n"
              "每个数据集写入 OUT_DIR/<数据集名>/；一个数据集出错不影响其他数据集，\n"
              "结束时列出失败的数据集。\n"
              "DATASET_DIR 也可以是 budgetx 生成、之后在 Excel/WPS 中修改过的工作簿：\n"
              "按工作簿中现在的数字（及增删的行）重新生成 PDF 和干净的工作簿。\n"},
    {.id = BX_CLI_IMPORT,
     .name = "import",
     .operands = "BOOK.xlsx",
     .options = import_options,
     .summary = "把修改过的工作簿读回为数据集（dataset.yaml 和 CSV）",
     .about = "把修改过的工作簿读回为数据集（dataset.yaml 和 CSV），写入 DATASET_DIR，\n"
              "并做一致性检查。表头、标题和注释必须保持原样；改动的会指出单元格。\n"
              "数据集先完整写入 DATASET_DIR 旁边的新目录，再整体替换 DATASET_DIR：\n"
              "失败时原来的目录保持原样。DATASET_DIR 中只能有数据集的文件\n"
              "（dataset.yaml 和 .csv），否则不写入（--force 只替换数据集的文件）。\n"},
    {.id = BX_CLI_TEMPLATE,
     .name = "template",
     .operands = "",
     .options = template_options,
     .summary = "生成用于填报的空白工作簿",
     .about = "生成用于填报的空白工作簿：各表的标题、表头与布局一致，表体留出 N 行\n"
              "（默认 20）可填写的空行（金额列只能填数字），其余单元格保护（无密码）。\n"
              "需要 --unit 和 --year，或者 --like 给出去年的数据集：保留其行（名称、编码、\n"
              "层级），清空金额。填好后用 budgetx render BLANK.xlsx -o OUT_DIR 生成 PDF。\n"
              "\n"
              "布局模板（--set）：shenzhen-2024、shenzhen-2022、shenzhen-report-2023、\n"
              "shanghai-putuo-2025、shanghai-putuo-2025-unit、shanghai-putuo-2025-wanli、\n"
              "hubei-county-2022、selfeval（这两个的部分表按数据逐项生成，须用 --like），\n"
              "以及 --layouts 目录中的模板。\n"},
    {.id = BX_CLI_CHECK,
     .name = "check",
     .operands = "DATASET_DIR|BOOK.xlsx",
     .options = check_options,
     .summary = "只做一致性检查，列出错误和尾数差异提示，不写文件",
     .about = "只读取数据集并做一致性检查（合计与明细、上下级科目、各表之间），\n"
              "列出每个错误和尾数差异提示，不写文件；有错误时退出状态为 1。\n"},
};
_Static_assert(sizeof bx_cli_commands / sizeof bx_cli_commands[0] == BX_CLI_NCOMMANDS,
               "BX_CLI_NCOMMANDS counts the commands");

const char bx_cli_exit_status_text[] = "退出状态：0 成功，1 数据或校验错误，2 用法错误。\n";
