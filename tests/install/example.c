/* A program using the installed library: what `budgetx render` does. */
#include <budgetx.h>
#include <stdio.h>

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: example DATASET_DIR OUT_DIR\n");
        return 2;
    }
    const char *formats[] = {"xlsx", NULL};
    bx_render_options opts = {.formats = formats};
    bx_error err;
    bx_error_clear(&err);
    if (bx_render(argv[1], argv[2], &opts, &err) != BX_OK) {
        char msg[2048];
        fprintf(stderr, "%s\n", bx_error_format(&err, msg, sizeof msg));
        return 1;
    }
    printf("budgetx %s: ok\n", bx_version());
    return 0;
}
