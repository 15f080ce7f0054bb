/* Threads that start at once on another CPU. */
#ifndef BX_THREAD_H
#define BX_THREAD_H

#include "common.h"

#include <pthread.h>

/* pthread_create, but the new thread begins on a CPU other than the
 * caller's when the process may use more than one, then may run anywhere
 * the process may. Left to itself, the scheduler often queues a new
 * thread behind its creator for milliseconds (measured on a two-CPU
 * virtual machine: half the renders wrote their two formats one after the
 * other), which for work of a few milliseconds is all of it. */
int bx_thread_start(pthread_t *thread, void *(*fn)(void *), void *arg);

#endif /* BX_THREAD_H */
