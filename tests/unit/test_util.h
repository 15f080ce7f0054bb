/* Helpers shared by the cmocka unit tests: a string comparison that prints
 * a readable line diff, and scratch folders with files. */
#ifndef BX_TEST_UTIL_H
#define BX_TEST_UTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>

/* Fail the test with a line-by-line diff when the strings differ. */
void bx_assert_text(const char *actual, const char *expected, const char *file, int line);
#define assert_text(actual, expected) bx_assert_text((actual), (expected), __FILE__, __LINE__)

/* Assert that `haystack` contains `needle`. */
void bx_assert_contains(const char *haystack, const char *needle, const char *file, int line);
#define assert_contains(h, n) bx_assert_contains((h), (n), __FILE__, __LINE__)

/* A fresh scratch folder (removed by scratch_free). */
char *scratch_new(void);
void scratch_free(char *dir);
/* Write dir/name with the given contents (creating subfolders). */
void scratch_write(const char *dir, const char *name, const char *contents);
void scratch_write_n(const char *dir, const char *name, const char *data, size_t len);

#endif
