/* The commands and their options, as tables (commands.c): everything the
 * command line knows of them is made from these by cli_options.c. */
#ifndef BX_CLI_COMMANDS_H
#define BX_CLI_COMMANDS_H

#include "cli.h"

#include <stddef.h>

/* What an option does. */
typedef enum opt_kind {
    OPT_FLAG,    /* no value: sets a bool */
    OPT_STRING,  /* a value: sets a const char * (the last one given wins) */
    OPT_NUMBER,  /* a whole number in [min, max]: sets an int */
    OPT_DIRS,    /* a folder added to layout_dirs (at most BX_CLI_MAX_LAYOUT_DIRS) */
    OPT_HELP,    /* no value: print the help, stop */
    OPT_VERSION, /* no value: print the version, stop */
    OPT_SYNOPSIS /* no value: print the man page's SYNOPSIS, stop */
} opt_kind;

typedef struct option_def {
    const char *name; /* the long name, without "--" */
    char letter;      /* the short name; 0 for none */
    opt_kind kind;
    const char *value; /* the value's placeholder ("DIR"); NULL when it takes none */
    const char *help;  /* its line in --help; NULL: hidden (not in help nor synopsis) */
    const char *expects; /* what the value is: "-o 后面应有输出目录", "render 需要 -o 输出目录" */
    size_t field;  /* offsetof(bx_cli, …) of what it sets (OPT_FLAG, _STRING, _NUMBER) */
    int min, max;  /* OPT_NUMBER: the range */
    bool required; /* the command needs it: unbracketed in the synopsis, checked here */
} option_def;

typedef struct command_def {
    bx_cli_command_id id;
    const char *name;
    const char *operands; /* in the synopsis: "DATASET_DIR...", "A|B"; "" for none */
    const char *summary;  /* its line in `budgetx --help` */
    const char *about;    /* what `budgetx CMD --help` says of it (lines, each ending in \n) */
    const option_def *const *options; /* NULL-ended; the common options follow */
} command_def;

enum { BX_CLI_NCOMMANDS = 4 };
extern const command_def bx_cli_commands[BX_CLI_NCOMMANDS];
/* Every command's options end with these (-q, -v, -h); NULL-ended. */
extern const option_def *const bx_cli_common_options[];
/* What may come before a command (--help, --version, --synopsis). */
extern const option_def *const bx_cli_top_options[];
extern const char bx_cli_exit_status_text[];

#endif /* BX_CLI_COMMANDS_H */
