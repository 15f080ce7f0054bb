#define _GNU_SOURCE
#include "thread.h"

#include <sched.h>
#include <stdlib.h>

typedef struct start {
    void *(*fn)(void *);
    void *arg;
    cpu_set_t allowed; /* what the thread may use once it runs */
} start;

static void *begin(void *p)
{
    start s = *(start *)p;
    free(p);
    pthread_setaffinity_np(pthread_self(), sizeof s.allowed, &s.allowed);
    return s.fn(s.arg);
}

int bx_thread_start(pthread_t *thread, void *(*fn)(void *), void *arg)
{
    start *s = malloc(sizeof *s);
    if (!s)
        return pthread_create(thread, NULL, fn, arg);
    *s = (start){fn, arg, {{0}}};
    int cpu = sched_getcpu();
    pthread_attr_t attr;
    bool hinted = false;
    if (cpu >= 0 && sched_getaffinity(0, sizeof s->allowed, &s->allowed) == 0 &&
        CPU_COUNT(&s->allowed) > 1 && CPU_ISSET(cpu, &s->allowed) &&
        pthread_attr_init(&attr) == 0) {
        cpu_set_t elsewhere = s->allowed;
        CPU_CLR(cpu, &elsewhere);
        hinted = pthread_attr_setaffinity_np(&attr, sizeof elsewhere, &elsewhere) == 0;
        if (!hinted)
            pthread_attr_destroy(&attr);
    }
    if (!hinted) {
        free(s);
        return pthread_create(thread, NULL, fn, arg);
    }
    int rc = pthread_create(thread, &attr, begin, s);
    pthread_attr_destroy(&attr);
    if (rc != 0)
        free(s);
    return rc;
}
