#include "batch.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { EXIT_DATA = 1, EXIT_USAGE = 2, MAX_JOBS = 64 };

/* One dataset's outcome. */
typedef struct result {
    char *name; /* its folder under OUT */
    bx_status status;
    bx_error err;
    size_t notices;
} result;

typedef struct run {
    const bx_batch *batch;
    const bx_render_options *options;
    bx_renderer *renderer;
    result *results;
    atomic_int next;      /* the next dataset to take */
    pthread_mutex_t lock; /* guards done, failed and the progress line */
    int done, failed;
} run;

static void show_progress(run *r)
{
    if (!r->batch->progress)
        return;
    fprintf(stderr, "\rbudgetx: %d/%d 完成", r->done, r->batch->n);
    if (r->failed)
        fprintf(stderr, "，%d 个失败", r->failed);
    fflush(stderr);
}

static char *join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s", dir, name);
    return p;
}

/* -v: OUT/<name>/<name>.<ext> for every format. */
static void say_written(const run *r, const char *name)
{
    static const char *const xlsx[] = {"xlsx", NULL};
    const char *const *formats = r->options->formats ? r->options->formats : xlsx;
    for (int i = 0; formats[i]; i++)
        fprintf(stderr, "budgetx: 已写入 %s/%s/%s.%s\n", r->batch->out_dir, name, name,
                bx_format_extension(formats[i]));
}

static void render_one(run *r, int i)
{
    result *res = &r->results[i];
    bx_error_clear(&res->err);
    char *out = join(r->batch->out_dir, res->name ? res->name : "");
    bx_findings *findings = NULL;
    if (!out)
        res->status = BX_ERR_NOMEM;
    else
        res->status =
            bx_renderer_render(r->renderer, r->batch->datasets[i], out, &findings, &res->err);
    res->notices = bx_findings_count(findings) - bx_findings_errors(findings);
    bx_findings_free(findings);
    free(out);
    pthread_mutex_lock(&r->lock);
    r->done++;
    r->failed += res->status != BX_OK;
    if (r->batch->verbose && res->status == BX_OK)
        say_written(r, res->name);
    show_progress(r);
    pthread_mutex_unlock(&r->lock);
}

static void *worker(void *arg)
{
    run *r = arg;
    for (int i; (i = atomic_fetch_add(&r->next, 1)) < r->batch->n;)
        render_one(r, i);
    return NULL;
}

/* Each dataset's folder under OUT; two that would share one are refused
 * before anything is written. (A dataset whose dataset.yaml cannot be read
 * has none: its render fails with the reason before writing anything.) */
static bool name_outputs(const bx_batch *b, result *results)
{
    for (int i = 0; i < b->n; i++) {
        bx_error err;
        bx_error_clear(&err);
        results[i].name = bx_dataset_output_name(b->datasets[i], &err);
    }
    bool ok = true;
    for (int i = 0; i < b->n; i++)
        for (int j = 0; j < i && results[i].name; j++)
            if (results[j].name && strcmp(results[i].name, results[j].name) == 0) {
                fprintf(stderr,
                        "budgetx: %s 和 %s 的输出都会写入 %s/%s，请改用不同的目录名"
                        "（或在 dataset.yaml 中设置 output）\n",
                        b->datasets[j], b->datasets[i], b->out_dir, results[i].name);
                ok = false;
                break;
            }
    return ok;
}

static int summarize(const run *r)
{
    const bx_batch *b = r->batch;
    int worst = 0, with_notices = 0;
    if (b->progress)
        fputc('\n', stderr);
    for (int i = 0; i < b->n; i++) {
        const result *res = &r->results[i];
        with_notices += res->status == BX_OK && res->notices > 0;
        if (res->status == BX_OK)
            continue;
        char msg[2048];
        fprintf(stderr, "budgetx: %s: %s\n", b->datasets[i],
                bx_error_format(&res->err, msg, sizeof msg));
        int code = res->status == BX_ERR_USAGE ? EXIT_USAGE : EXIT_DATA;
        worst = code > worst ? code : worst;
    }
    if (b->quiet && r->failed == 0)
        return worst;
    fprintf(stderr, "budgetx: %d 个数据集，%d 个已写入 %s，%d 个失败", b->n, b->n - r->failed,
            b->out_dir, r->failed);
    if (with_notices && !b->quiet)
        fprintf(stderr, "；%d 个有尾数差异提示（用 budgetx check 查看）", with_notices);
    fputs("\n", stderr);
    return worst;
}

static int jobs_for(const bx_batch *b)
{
    long jobs = b->jobs > 0 ? b->jobs : sysconf(_SC_NPROCESSORS_ONLN);
    if (jobs < 1)
        jobs = 1;
    if (jobs > MAX_JOBS)
        jobs = MAX_JOBS;
    return (int)(jobs < b->n ? jobs : b->n);
}

int bx_batch_run(const bx_batch *b, const bx_render_options *options)
{
    run r = {.batch = b, .options = options};
    r.results = calloc((size_t)(b->n ? b->n : 1), sizeof *r.results);
    if (!r.results) {
        fprintf(stderr, "budgetx: 内存不足\n");
        return EXIT_DATA;
    }
    int status = EXIT_USAGE;
    bx_error err;
    bx_error_clear(&err);
    if (name_outputs(b, r.results) && (r.renderer = bx_renderer_new(options, &err)) != NULL) {
        pthread_mutex_init(&r.lock, NULL);
        pthread_t threads[MAX_JOBS];
        int started = 0, jobs = jobs_for(b);
        while (started < jobs && pthread_create(&threads[started], NULL, worker, &r) == 0)
            started++;
        if (started == 0) /* no thread: work here */
            worker(&r);
        for (int i = 0; i < started; i++)
            pthread_join(threads[i], NULL);
        status = summarize(&r);
        bx_renderer_free(r.renderer);
        pthread_mutex_destroy(&r.lock);
    } else if (err.status != BX_OK) {
        char msg[2048];
        fprintf(stderr, "budgetx: %s\n", bx_error_format(&err, msg, sizeof msg));
        status = err.status == BX_ERR_USAGE ? EXIT_USAGE : EXIT_DATA;
    }
    for (int i = 0; i < b->n; i++)
        free(r.results[i].name);
    free(r.results);
    return status;
}

bool bx_batch_read_list(const char *path, char ***list, int *n, int *cap)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "budgetx: %s: 无法打开数据集列表：%s\n", path, bx_read_error_text(errno));
        return false;
    }
    char *line = NULL;
    size_t size = 0;
    bool ok = true;
    for (ssize_t len; ok && (len = getline(&line, &size, f)) >= 0;) {
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r' || line[len - 1] == ' ' ||
                           line[len - 1] == '\t'))
            line[--len] = '\0';
        char *p = line;
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p || *p == '#')
            continue;
        if (*n == *cap) {
            int grown = *cap ? *cap * 2 : 64;
            char **l = realloc(*list, (size_t)grown * sizeof *l);
            ok = l != NULL;
            if (ok) {
                *list = l;
                *cap = grown;
            }
        }
        if (ok && ((*list)[*n] = strdup(p)) != NULL)
            (*n)++;
        else
            ok = false;
    }
    if (!ok)
        fprintf(stderr, "budgetx: 内存不足\n");
    free(line);
    fclose(f);
    return ok;
}
