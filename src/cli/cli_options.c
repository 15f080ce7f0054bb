/* The budgetx command line on glibc's getopt_long. Each command has one
 * const table of its options; the common ones (-q, -v, -h) follow every
 * command's. Everything else is made from the tables: getopt_long's option
 * array and optstring, the values stored into bx_cli, the usage errors
 * (an option of another command, a misspelt option or command with the
 * nearest one, an ambiguous abbreviation), `budgetx CMD --help`,
 * `budgetx --help` and the man page's SYNOPSIS (`budgetx --synopsis`). */
#include "cli_options.h"

#include "budgetx.h"
#include "commands.h"

#include <getopt.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    EXIT_DATA = 1,
    EXIT_USAGE = 2,
    MAX_OPTIONS = 32,  /* in one command's table and the common ones */
    LONG_ONLY = 256,   /* getopt val of the option at index i without a letter: 256 + i */
    WIDTH = 90,        /* of the synopsis in --help */
    MAX_DISTANCE = 2,  /* of a suggestion from what was typed */
    MAX_SUGGESTED = 64 /* longer names get no suggestion */
};

/* ---- a command's options ---------------------------------------------------- */

/* The options in force: a command's own and the common ones, or those
 * before the command (cmd NULL). */
typedef struct optlist {
    const command_def *cmd;
    const option_def *opt[MAX_OPTIONS];
    int n;
} optlist;

static void optlist_add(optlist *l, const option_def *const *defs)
{
    for (; *defs; defs++) {
        if (l->n == MAX_OPTIONS)
            abort(); /* a table outgrew MAX_OPTIONS: every test fails */
        l->opt[l->n++] = *defs;
    }
}

static optlist options_of(const command_def *cmd)
{
    optlist l = {.cmd = cmd, .n = 0};
    optlist_add(&l, cmd ? cmd->options : bx_cli_top_options);
    if (cmd)
        optlist_add(&l, bx_cli_common_options);
    return l;
}

static bool takes_value(const option_def *o)
{
    return o->kind == OPT_STRING || o->kind == OPT_NUMBER || o->kind == OPT_DIRS;
}

/* getopt_long's val for the option at index i. */
static int val_of(const optlist *l, int i)
{
    return l->opt[i]->letter ? l->opt[i]->letter : LONG_ONLY + i;
}

static const option_def *by_val(const optlist *l, int val)
{
    for (int i = 0; i < l->n; i++)
        if (val_of(l, i) == val)
            return l->opt[i];
    return NULL;
}

/* getopt_long's option array and optstring. The optstring starts with
 * "+" before the command (stop at the command, the first operand) and
 * with "-" after it: operands come back in order as option 1, so datasets
 * may stand before, between and after the options as they always could,
 * argv is not permuted, "--" ends the options, and POSIXLY_CORRECT cannot
 * change how a command line reads. Then ":" to tell a missing value (':')
 * from an unknown option ('?'). */
static void getopt_args(const optlist *l, struct option *longopts, char *optstring)
{
    char *s = optstring;
    *s++ = l->cmd ? '-' : '+';
    *s++ = ':';
    for (int i = 0; i < l->n; i++) {
        const option_def *o = l->opt[i];
        longopts[i] = (struct option){.name = o->name,
                                      .has_arg = takes_value(o) ? required_argument : no_argument,
                                      .flag = NULL,
                                      .val = val_of(l, i)};
        if (o->letter) {
            *s++ = o->letter;
            if (takes_value(o))
                *s++ = ':';
        }
    }
    longopts[l->n] = (struct option){0};
    *s = '\0';
}

/* ---- usage errors --------------------------------------------------------- */

static int vusage(const char *command, const char *fmt, va_list ap)
{
    fputs("budgetx: ", stderr);
    vfprintf(stderr, fmt, ap);
    if (command)
        fprintf(stderr, "\n请运行 budgetx %s --help 查看用法。\n", command);
    else
        fputs("\n请运行 budgetx --help 查看用法。\n", stderr);
    return EXIT_USAGE;
}

int bx_cli_usage(const bx_cli *cli, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vusage(cli ? cli->command_name : NULL, fmt, ap);
    va_end(ap);
    return EXIT_USAGE;
}

static bool usage(const optlist *l, int *status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Print a usage error for the options in force; false, to stop parsing. */
static bool usage(const optlist *l, int *status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    *status = vusage(l->cmd ? l->cmd->name : NULL, fmt, ap);
    va_end(ap);
    return false;
}

/* The optimal string alignment distance (Damerau–Levenshtein where a
 * transposed pair is not edited again) of a[0..n) and b, which are at most
 * MAX_SUGGESTED bytes long. */
static int distance(const char *a, size_t n, const char *b)
{
    size_t m = strlen(b);
    int d[MAX_SUGGESTED + 1][MAX_SUGGESTED + 1];
    for (size_t i = 0; i <= n; i++)
        d[i][0] = (int)i;
    for (size_t j = 0; j <= m; j++)
        d[0][j] = (int)j;
    for (size_t i = 1; i <= n; i++)
        for (size_t j = 1; j <= m; j++) {
            int cost = a[i - 1] != b[j - 1];
            int best = d[i - 1][j - 1] + cost;
            if (d[i - 1][j] + 1 < best)
                best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    return d[n][m];
}

/* Whether b is near enough to what was typed (a[0..n)) to be suggested:
 * at most MAX_DISTANCE edits, and fewer than a's length. */
static int nearness(const char *a, size_t n, const char *b)
{
    if (n > MAX_SUGGESTED || strlen(b) > MAX_SUGGESTED)
        return -1;
    int d = distance(a, n, b);
    return d <= MAX_DISTANCE && (size_t)d < n ? d : -1;
}

/* "a、b 或 c" */
static void put_alternatives(char *buf, size_t size, const char *const *names, int n,
                             const char *prefix)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 0; i < n && used < size; i++) {
        const char *sep = i == 0 ? "" : i == n - 1 ? " 或 " : "、";
        int k = snprintf(buf + used, size - used, "%s%s%s", sep, prefix, names[i]);
        if (k < 0)
            break;
        used += (size_t)k;
    }
}

/* The option of another command (or before the command: *top) that
 * name[0..n) is, exactly or as an unambiguous abbreviation; NULL if none.
 * Called when none of l's own options starts so. */
static const option_def *elsewhere(const optlist *l, const char *name, size_t n, bool *top)
{
    const option_def *exact = NULL, *prefixed = NULL;
    bool ambiguous = false, exact_top = false, prefixed_top = false;
    for (int c = -1; c < BX_CLI_NCOMMANDS; c++) {
        const command_def *cmd = c < 0 ? NULL : &bx_cli_commands[c];
        optlist other = options_of(cmd);
        for (int i = 0; cmd != l->cmd && i < other.n; i++) {
            const option_def *o = other.opt[i];
            if (!o->help || strncmp(o->name, name, n) != 0)
                continue;
            if (o->name[n] == '\0') {
                exact = o;
                exact_top = !cmd;
            } else if (prefixed && strcmp(prefixed->name, o->name) != 0) {
                ambiguous = true;
            } else {
                prefixed = o;
                prefixed_top = !cmd;
            }
        }
    }
    *top = exact ? exact_top : prefixed_top;
    return exact ? exact : ambiguous ? NULL : prefixed;
}

/* Whether another command (or the place before the command) has the short
 * option -letter. */
static bool letter_elsewhere(const optlist *l, int letter)
{
    for (int c = -1; c < BX_CLI_NCOMMANDS; c++) {
        const command_def *cmd = c < 0 ? NULL : &bx_cli_commands[c];
        optlist other = options_of(cmd);
        for (int i = 0; cmd != l->cmd && i < other.n; i++)
            if (other.opt[i]->letter == letter)
                return true;
    }
    return false;
}

/* Someone wrote an option the command does not take. */
static bool not_taken(const optlist *l, int *status, const char *spelled)
{
    if (l->cmd)
        return usage(l, status, "%s 不接受选项 %s", l->cmd->name, spelled);
    return usage(l, status, "选项 %s 要写在命令（render、import、template、check）之后", spelled);
}

/* getopt_long said '?' for argv element `arg`: an unknown short option
 * (optopt its letter), a known one given a value it does not take (optopt
 * its val), or an unknown or ambiguous long option (optopt 0). */
static bool refuse(const optlist *l, const char *arg, int *status)
{
    const option_def *known = optopt ? by_val(l, optopt) : NULL;
    if (known)
        return usage(l, status, "选项 --%s 不带值：“%s”", known->name, arg);
    if (optopt) {
        char spelled[3] = {'-', (char)optopt, '\0'};
        bool ascii = optopt > ' ' && optopt < 0x7f;
        if (ascii && letter_elsewhere(l, optopt))
            return not_taken(l, status, spelled);
        if (ascii && strlen(arg) > 2) /* "-q=1": -q, then -= */
            return usage(l, status, "未知选项 %s（在“%s”中）", spelled, arg);
        return usage(l, status, "未知选项 %s", ascii ? spelled : arg);
    }
    const char *name = arg + 2;
    size_t n = strcspn(name, "=");
    const char *matches[MAX_OPTIONS];
    int nmatches = 0;
    for (int i = 0; i < l->n; i++)
        if (l->opt[i]->help && strncmp(l->opt[i]->name, name, n) == 0)
            matches[nmatches++] = l->opt[i]->name;
    if (nmatches > 1) {
        char list[512];
        put_alternatives(list, sizeof list, matches, nmatches, "--");
        return usage(l, status, "选项 --%.*s 有歧义，可以是 %s", (int)n, name, list);
    }
    bool top;
    const option_def *other = elsewhere(l, name, n, &top);
    if (other && top)
        return usage(l, status, "选项 --%s 要写在命令之前：budgetx --%s", other->name, other->name);
    if (other) {
        char spelled[80];
        snprintf(spelled, sizeof spelled, "--%s", other->name);
        return not_taken(l, status, spelled);
    }
    const char *nearest = NULL;
    int best = MAX_DISTANCE + 1;
    for (int i = 0; i < l->n; i++) {
        int d = l->opt[i]->help ? nearness(name, n, l->opt[i]->name) : -1;
        if (d >= 0 && d < best) {
            best = d;
            nearest = l->opt[i]->name;
        }
    }
    if (nearest)
        return usage(l, status, "未知选项 --%.*s，是否想用 --%s？", (int)n, name, nearest);
    return usage(l, status, "未知选项 --%.*s", (int)n, name);
}

/* ---- help ----------------------------------------------------------------- */

/* "-o" or "--format" */
static void spell(const option_def *o, bool as_short, char *buf, size_t size)
{
    if (as_short && o->letter)
        snprintf(buf, size, "-%c", o->letter);
    else
        snprintf(buf, size, "--%s", o->name);
}

/* The option in a synopsis: "-o OUT_DIR", "[--format xlsx|pdf|both]", "[-q]". */
static void synopsis_item(const option_def *o, char *buf, size_t size)
{
    char name[64];
    spell(o, true, name, sizeof name);
    const char *sp = o->value ? " " : "", *value = o->value ? o->value : "";
    if (o->required)
        snprintf(buf, size, "%s%s%s", name, sp, value);
    else
        snprintf(buf, size, "[%s%s%s]", name, sp, value);
}

/* The synopsis' options in order: the required ones, then the others. */
static int synopsis_order(const optlist *l, const option_def **out)
{
    int n = 0;
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < l->n; i++)
            if (l->opt[i]->help && l->opt[i]->required == (pass == 0))
                out[n++] = l->opt[i];
    return n;
}

static void put_word(const char *word, size_t len, size_t indent, size_t *col)
{
    if (*col + 1 + len > WIDTH && *col > indent) {
        printf("\n%*s", (int)indent, "");
        *col = indent;
    } else {
        putchar(' ');
        (*col)++;
    }
    printf("%.*s", (int)len, word);
    *col += len;
}

/* "  budgetx render DATASET_DIR... -o OUT_DIR [--format …] …", wrapped. */
static void print_synopsis(const command_def *cmd)
{
    size_t col = (size_t)printf("  budgetx %s", cmd->name), indent = col + 1;
    for (const char *p = cmd->operands; *p;) {
        size_t len = strcspn(p, " ");
        if (len)
            put_word(p, len, indent, &col);
        p += len + (p[len] == ' ');
    }
    optlist l = options_of(cmd);
    const option_def *order[MAX_OPTIONS];
    int n = synopsis_order(&l, order);
    for (int i = 0; i < n; i++) {
        char item[128];
        synopsis_item(order[i], item, sizeof item);
        put_word(item, strlen(item), indent, &col);
    }
    putchar('\n');
}

/* "  budgetx --help | --version" */
static void print_top_synopsis(void)
{
    fputs("  budgetx", stdout);
    const char *sep = " ";
    for (const option_def *const *o = bx_cli_top_options; *o; o++)
        if ((*o)->help) {
            printf("%s--%s", sep, (*o)->name);
            sep = " | ";
        }
    putchar('\n');
}

static void print_option_list(const optlist *l)
{
    char left[MAX_OPTIONS][128];
    size_t width = 0;
    for (int i = 0; i < l->n; i++) {
        const option_def *o = l->opt[i];
        char letter[8] = "    ";
        if (o->letter)
            snprintf(letter, sizeof letter, "-%c, ", o->letter);
        snprintf(left[i], sizeof left[i], "  %s--%s%s%s", letter, o->name, o->value ? " " : "",
                 o->value ? o->value : "");
        if (o->help && strlen(left[i]) > width)
            width = strlen(left[i]);
    }
    for (int i = 0; i < l->n; i++)
        if (l->opt[i]->help)
            printf("%-*s  %s\n", (int)width, left[i], l->opt[i]->help);
}

static void print_command_help(const command_def *cmd)
{
    puts("用法 (usage):");
    print_synopsis(cmd);
    putchar('\n');
    for (const char *p = cmd->about; *p;) {
        size_t len = strcspn(p, "\n");
        printf("%s%.*s\n", len ? "  " : "", (int)len, p); /* a blank line stays blank */
        p += len + (p[len] == '\n');
    }
    puts("\n选项 (options):");
    optlist l = options_of(cmd);
    print_option_list(&l);
    printf("\n长选项可以缩写为不会混淆的开头部分；值写在选项之后，或用 = 连接（--选项=值），\n"
           "短选项的值也可以紧跟字母（-j4）；“--”之后的参数都不当作选项。\n%s",
           bx_cli_exit_status_text);
}

static void print_top_help(void)
{
    puts("用法 (usage):");
    for (int c = 0; c < BX_CLI_NCOMMANDS; c++)
        print_synopsis(&bx_cli_commands[c]);
    print_top_synopsis();
    puts("\n命令 (commands):");
    size_t width = 0;
    for (int c = 0; c < BX_CLI_NCOMMANDS; c++)
        if (strlen(bx_cli_commands[c].name) > width)
            width = strlen(bx_cli_commands[c].name);
    for (int c = 0; c < BX_CLI_NCOMMANDS; c++)
        printf("  %-*s  %s\n", (int)width, bx_cli_commands[c].name, bx_cli_commands[c].summary);
    printf("\n每个命令的说明和选项：budgetx 命令 --help（例如 budgetx render --help）。\n"
           "各命令都接受 -q（只输出错误）和 -v（另外说明用到的布局模板和写入的文件）。\n%s",
           bx_cli_exit_status_text);
}

/* roff text: '-' as "\-" (a minus, for options to copy and paste). */
static void put_roff(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] == '-')
            fputs("\\-", stdout);
        else if (s[i] == '\\')
            fputs("\\e", stdout);
        else
            putchar(s[i]);
}

/* An operand: italic, with "|" and a trailing "..." roman:
 * ".IR DATASET_DIR | BOOK.xlsx", ".IR DATASET_DIR ...", ".I BOOK.xlsx". */
static void put_roff_operand(const char *word, size_t len)
{
    const char *parts[8];
    size_t lens[8];
    int n = 0;
    for (size_t i = 0; i < len && n < 7;) {
        size_t roman = word[i] == '|' ? 1 : strncmp(word + i, "...", 3) == 0 ? 3 : 0;
        size_t k = i;
        if (!roman)
            while (k < len && word[k] != '|' && strncmp(word + k, "...", 3) != 0)
                k++;
        parts[n] = word + i;
        lens[n++] = roman ? roman : k - i;
        i = roman ? i + roman : k;
    }
    fputs(n == 1 ? ".I" : ".IR", stdout);
    for (int i = 0; i < n; i++) {
        putchar(' ');
        put_roff(parts[i], lens[i]);
    }
    if (len && word[len - 1] == '.')
        fputs("\\&", stdout); /* "..." does not end a sentence */
    putchar('\n');
}

/* The man page's SYNOPSIS (docs/budgetx.1 holds it verbatim; the test
 * cli_options compares them). */
static void print_man_synopsis(void)
{
    for (int c = 0; c < BX_CLI_NCOMMANDS; c++) {
        const command_def *cmd = &bx_cli_commands[c];
        printf(".SY \"budgetx %s\"\n", cmd->name);
        for (const char *p = cmd->operands; *p;) {
            size_t len = strcspn(p, " ");
            if (len)
                put_roff_operand(p, len);
            p += len + (p[len] == ' ');
        }
        optlist l = options_of(cmd);
        const option_def *order[MAX_OPTIONS];
        int n = synopsis_order(&l, order);
        for (int i = 0; i < n; i++) {
            const option_def *o = order[i];
            char name[64];
            spell(o, true, name, sizeof name);
            fputs(o->required ? ".B " : ".OP ", stdout);
            put_roff(name, strlen(name));
            if (o->value && o->required)
                fputs("\n.I ", stdout);
            else if (o->value)
                putchar(' ');
            if (o->value)
                put_roff(o->value, strlen(o->value));
            putchar('\n');
        }
    }
    puts(".SY budgetx");
    const char *sep = "";
    for (const option_def *const *o = bx_cli_top_options; *o; o++)
        if ((*o)->help) {
            printf("%s.B \\-\\-", sep);
            put_roff((*o)->name, strlen((*o)->name));
            putchar('\n');
            sep = "|\n";
        }
    puts(".YS");
}

/* ---- parsing -------------------------------------------------------------- */

/* Store what option o says; false (with *status) when parsing stops. */
static bool apply(const optlist *l, const option_def *o, const char *value, bool as_short,
                  bx_cli *cli, int *status)
{
    char *base = (char *)cli, spelled[64];
    spell(o, as_short, spelled, sizeof spelled);
    const char *sp = o->expects && (unsigned char)o->expects[0] < 0x80 ? " " : "";
    switch (o->kind) {
    case OPT_FLAG: *(bool *)(base + o->field) = true; return true;
    case OPT_STRING: *(const char **)(base + o->field) = value; return true;
    case OPT_NUMBER: {
        char *end = NULL;
        long n = strtol(value, &end, 10);
        if (end == value || *end || n < o->min || n > o->max)
            return usage(l, status, "%s 后面应有%s%s", spelled, sp, o->expects);
        *(int *)(base + o->field) = (int)n;
        return true;
    }
    case OPT_DIRS:
        if (cli->nlayout_dirs == BX_CLI_MAX_LAYOUT_DIRS)
            return usage(l, status, "%s 最多可给出 %d 次", spelled, BX_CLI_MAX_LAYOUT_DIRS);
        cli->layout_dirs[cli->nlayout_dirs++] = value;
        return true;
    case OPT_HELP:
        if (l->cmd)
            print_command_help(l->cmd);
        else
            print_top_help();
        break;
    case OPT_VERSION: printf("budgetx %s\n", bx_version()); break;
    case OPT_SYNOPSIS: print_man_synopsis(); break;
    }
    *status = 0;
    return false;
}

/* getopt_long over argv[1..argc) with the options l. After the command
 * (l->cmd), operands go to cli->datasets; before it, parsing stops at the
 * first operand, whose index goes to *stop. glibc's getopt_long starts
 * afresh when optind is 0. */
static bool parse_with(const optlist *l, int argc, char **argv, bx_cli *cli, int *status, int *stop)
{
    struct option longopts[MAX_OPTIONS + 1];
    char optstring[2 * MAX_OPTIONS + 3];
    getopt_args(l, longopts, optstring);
    optind = 0;
    opterr = 0;
    for (;;) {
        /* the element this call reads (still the same one inside "-qv") */
        int at = optind ? optind : 1, longindex = -1;
        int ch = getopt_long(argc, argv, optstring, longopts, &longindex);
        if (ch == -1)
            break;
        if (ch == 1) {
            cli->datasets[cli->ndatasets++] = optarg;
            continue;
        }
        if (ch == '?')
            return refuse(l, argv[at], status);
        const option_def *o = by_val(l, ch == ':' ? optopt : ch);
        if (!o) /* not in the tables: cannot happen */
            return usage(l, status, "未知选项 %s", argv[at]);
        bool as_short = ch == ':' ? strncmp(argv[at], "--", 2) != 0 : longindex < 0;
        if (ch == ':') {
            char spelled[64];
            spell(o, as_short, spelled, sizeof spelled);
            const char *sp = (unsigned char)o->expects[0] < 0x80 ? " " : "";
            return usage(l, status, "%s 后面应有%s%s", spelled, sp, o->expects);
        }
        if (!apply(l, o, optarg, as_short, cli, status))
            return false;
    }
    if (l->cmd)
        while (optind < argc)
            cli->datasets[cli->ndatasets++] = argv[optind++];
    else
        *stop = optind;
    return true;
}

static const command_def *find_command(const char *name, const char **nearest)
{
    int best = MAX_DISTANCE + 1;
    *nearest = NULL;
    for (int c = 0; c < BX_CLI_NCOMMANDS; c++) {
        if (strcmp(bx_cli_commands[c].name, name) == 0)
            return &bx_cli_commands[c];
        int d = nearness(name, strlen(name), bx_cli_commands[c].name);
        if (d >= 0 && d < best) {
            best = d;
            *nearest = bx_cli_commands[c].name;
        }
    }
    return NULL;
}

/* "render、import、template 或 check" */
static void command_names(char *buf, size_t size)
{
    const char *names[BX_CLI_NCOMMANDS];
    for (int c = 0; c < BX_CLI_NCOMMANDS; c++)
        names[c] = bx_cli_commands[c].name;
    put_alternatives(buf, size, names, BX_CLI_NCOMMANDS, "");
}

bool bx_cli_parse(int argc, char **argv, bx_cli *cli, int *status)
{
    memset(cli, 0, sizeof *cli);
    *status = 0;
    cli->datasets = calloc((size_t)(argc > 0 ? argc : 1), sizeof *cli->datasets);
    if (!cli->datasets) {
        fprintf(stderr, "budgetx: 内存不足\n");
        *status = EXIT_DATA;
        return false;
    }
    optlist top = options_of(NULL);
    int first = argc;
    if (!parse_with(&top, argc, argv, cli, status, &first))
        return false;
    char names[128];
    command_names(names, sizeof names);
    if (first >= argc)
        return usage(&top, status, "缺少命令（%s）", names);
    const char *nearest;
    const command_def *cmd = find_command(argv[first], &nearest);
    if (!cmd && nearest)
        return usage(&top, status, "未知命令 %s，是否想用 %s？", argv[first], nearest);
    if (!cmd)
        return usage(&top, status, "未知命令 %s（可用：%s）", argv[first], names);
    cli->command = cmd->id;
    cli->command_name = cmd->name;
    optlist l = options_of(cmd);
    if (!parse_with(&l, argc - first, argv + first, cli, status, NULL))
        return false;
    if (cli->ndatasets)
        cli->dataset = cli->datasets[0];
    for (int i = 0; i < l.n; i++) {
        const option_def *o = l.opt[i];
        if (o->required && !*(const char **)((const char *)cli + o->field)) {
            char spelled[64];
            spell(o, true, spelled, sizeof spelled);
            return usage(&l, status, "%s 需要 %s %s", cmd->name, spelled, o->expects);
        }
    }
    if (cli->quiet && cli->verbose)
        return usage(&l, status, "-q 和 -v 不能同时使用");
    return true;
}

void bx_cli_free(bx_cli *cli)
{
    free(cli->datasets);
    cli->datasets = NULL;
}
