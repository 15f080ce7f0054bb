#include "align.h"

#include <stdlib.h>
#include <string.h>

enum { LCS_MAX_CELLS = 4000000 };

static bool same(const char *x, const char *y)
{
    return strcmp(x ? x : "", y ? y : "") == 0;
}

/* The longest common subsequence of a[0..n) and b[0..m) by dynamic
 * programming from the end, then read forwards. */
static bool lcs(const char *const *a, int n, const char *const *b, int m, int *match, int off_a,
                bx_error *err)
{
    int *len = bx_calloc((size_t)(n + 1) * (size_t)(m + 1), sizeof(int), err);
    if (!len)
        return false;
#define LEN(i, j) len[(size_t)(i) * (size_t)(m + 1) + (size_t)(j)]
    for (int i = n - 1; i >= 0; i--)
        for (int j = m - 1; j >= 0; j--)
            LEN(i, j) = same(a[i], b[j])                ? LEN(i + 1, j + 1) + 1
                        : LEN(i + 1, j) > LEN(i, j + 1) ? LEN(i + 1, j)
                                                        : LEN(i, j + 1);
    for (int i = 0, j = 0; i < n && j < m;) {
        if (same(a[i], b[j]))
            match[j++] = off_a + i++;
        else if (LEN(i + 1, j) >= LEN(i, j + 1))
            i++;
        else
            j++;
    }
#undef LEN
    free(len);
    return true;
}

/* Rows left unpaired between two paired ones pair in order: a row whose
 * label was edited keeps its partner. */
static void pair_gaps(int na, int nb, int *match)
{
    int j = 0, prev_a = -1;
    while (j < nb) {
        if (match[j] >= 0) {
            prev_a = match[j++];
            continue;
        }
        int end = j;
        while (end < nb && match[end] < 0)
            end++;
        int next_a = end < nb ? match[end] : na;
        for (int k = j, a = prev_a + 1; k < end && a < next_a; k++, a++)
            match[k] = a;
        j = end;
    }
}

bool bx_align_keys(const char *const *a, int na, const char *const *b, int nb, int *match,
                   bx_error *err)
{
    for (int j = 0; j < nb; j++)
        match[j] = -1;
    int head = 0, tail = 0;
    while (head < na && head < nb && same(a[head], b[head])) {
        match[head] = head;
        head++;
    }
    while (tail < na - head && tail < nb - head && same(a[na - 1 - tail], b[nb - 1 - tail])) {
        match[nb - 1 - tail] = na - 1 - tail;
        tail++;
    }
    int n = na - head - tail, m = nb - head - tail;
    if (n > 0 && m > 0 && (size_t)(n + 1) * (size_t)(m + 1) <= LCS_MAX_CELLS &&
        !lcs(a + head, n, b + head, m, match + head, head, err))
        return false;
    pair_gaps(na, nb, match);
    return true;
}
