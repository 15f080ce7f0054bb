/* The budgetx command line: per command, one const table of its options
 * (cli_options.c), from which come getopt_long's option array and
 * optstring, `budgetx CMD --help`, the top-level `budgetx --help` and the
 * man page's synopsis (`budgetx --synopsis`, compared with docs/budgetx.1
 * by tests/cli/test_options.sh). Part of the CLI: prints usage errors, never
 * exits. */
#ifndef BX_CLI_OPTIONS_H
#define BX_CLI_OPTIONS_H

#include "cli.h"

/* Parse argv (`budgetx CMD [OPTIONS] [OPERANDS]`) into *cli. Returns true
 * when the command is to be run; false when parsing ended the run, with
 * *status set: 0 after printing --help, --version or --synopsis to stdout,
 * 2 after printing a usage error to stderr. getopt_long's state is reset
 * first, so it may be called more than once. argv must outlive *cli
 * (its strings are not copied); free *cli with bx_cli_free either way. */
bool bx_cli_parse(int argc, char **argv, bx_cli *cli, int *status);
void bx_cli_free(bx_cli *cli);

/* Print a usage error ("budgetx: " fmt) and the hint to run `budgetx CMD
 * --help` (or `budgetx --help` before a command is known) to stderr.
 * Returns the usage error's exit status, 2. */
int bx_cli_usage(const bx_cli *cli, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif /* BX_CLI_OPTIONS_H */
