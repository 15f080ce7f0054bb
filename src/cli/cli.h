/* What the command line asks for: the command and every option's value,
 * filled by bx_cli_parse (cli_options.h) from the tables of commands.c. */
#ifndef BX_CLI_H
#define BX_CLI_H

#include <stdbool.h>

enum { BX_CLI_MAX_LAYOUT_DIRS = 8 };

typedef enum bx_cli_command_id {
    BX_CLI_RENDER,
    BX_CLI_IMPORT,
    BX_CLI_TEMPLATE,
    BX_CLI_CHECK
} bx_cli_command_id;

/* What the command line asks for. An option the command does not take is
 * refused while parsing, so its field stays zero. */
typedef struct bx_cli {
    bx_cli_command_id command;
    const char *command_name; /* "render", … */
    const char **datasets;    /* the operands, in order */
    int ndatasets;
    const char *dataset; /* the first operand, or NULL */
    const char *list;    /* --list FILE */
    int jobs;            /* -j N; 0 = not given */
    const char *out_dir;
    const char *format;
    /* --layouts DIR…, then the folders main.c adds; NULL-ended */
    const char *layout_dirs[BX_CLI_MAX_LAYOUT_DIRS + 2];
    int nlayout_dirs;
    const char *font_dirs[2]; /* not an option: set by main.c; NULL-ended */
    const char *font, *bold_font;
    const char *encoding;
    const char *diff; /* --diff ORIGINAL */
    /* template */
    const char *set, *unit, *like;
    int year, rows; /* 0 = not given */
    bool force;
    bool tables_only; /* render: the tables without the document's text */
    bool quiet;       /* -q: errors only */
    bool verbose;     /* -v: also the layout set and every file written */
} bx_cli;

#endif /* BX_CLI_H */
