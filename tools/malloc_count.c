/* Counts malloc calls of a process (LD_PRELOAD) and prints the total at exit, so that
 * `make alloc-check` can show that allocations do not grow with the number of events. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

static atomic_ulong calls;
static void *(*next_malloc)(size_t);

void *malloc(size_t size) {
    if (!next_malloc) next_malloc = (void *(*)(size_t))dlsym(RTLD_NEXT, "malloc");
    atomic_fetch_add(&calls, 1);
    return next_malloc(size);
}

__attribute__((destructor)) static void report(void) {
    fprintf(stderr, "malloc_calls=%lu\n", (unsigned long)atomic_load(&calls));
}
