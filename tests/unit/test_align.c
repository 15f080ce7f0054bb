/* Pairing rows by their keys (bx_align_keys), as a diff and a workbook read
 * back see it: every test states the whole pairing, one line per row in
 * the order of both sequences:
 *   "a2=b2 2080501"            row 2 of a is row 2 of b, same key
 *   "a2=b2 2080501 > 2080599"  paired although the key changed
 *   "()=b3 2080505"            b's row 3 is new
 *   "a3=() 210"                a's row 3 is gone */
#include "test_util.h"

#include "align.h"

#include <stdio.h>
#include <string.h>

enum { MAX_ROWS = 2100 };

/* One line per row: b's rows in order, each of a's unpaired rows just
 * before the first b row paired with a later row of a (or at the end). */
static const char *render(const char *const *a, int na, const char *const *b, int nb,
                          const int *match)
{
    static char out[MAX_ROWS * 48];
    static bool paired[MAX_ROWS];
    size_t len = 0;
    out[0] = '\0';
    memset(paired, 0, sizeof paired);
    for (int j = 0; j < nb; j++)
        if (match[j] >= 0)
            paired[match[j]] = true;
#define KEY(s) ((s) ? (s) : "")
#define LINE(...) len += (size_t)snprintf(out + len, sizeof out - len, __VA_ARGS__)
    int next = 0; /* a's rows before it are shown */
    for (int j = 0; j < nb; j++) {
        int i = match[j];
        for (; next < i; next++)
            if (!paired[next])
                LINE("a%d=() %s\n", next, KEY(a[next]));
        if (i < 0)
            LINE("()=b%d %s\n", j, KEY(b[j]));
        else if (strcmp(KEY(a[i]), KEY(b[j])) == 0)
            LINE("a%d=b%d %s\n", i, j, KEY(b[j]));
        else
            LINE("a%d=b%d %s > %s\n", i, j, KEY(a[i]), KEY(b[j]));
        if (i >= next)
            next = i + 1;
    }
    for (; next < na; next++)
        if (!paired[next])
            LINE("a%d=() %s\n", next, KEY(a[next]));
#undef LINE
#undef KEY
    assert_true(len < sizeof out);
    return out;
}

static const char *pairing(const char *const *a, int na, const char *const *b, int nb)
{
    static int match[MAX_ROWS];
    assert_true(na <= MAX_ROWS && nb <= MAX_ROWS);
    for (int j = 0; j < MAX_ROWS; j++)
        match[j] = -99; /* every entry must be set */
    bx_error err;
    bx_error_clear(&err);
    assert_true(bx_align_keys(a, na, b, nb, match, &err));
    for (int j = 0; j < nb; j++)
        assert_true(match[j] >= -1 && match[j] < na);
    return render(a, na, b, nb, match);
}

#define N(x) ((int)(sizeof(x) / sizeof(x)[0]))

static const char *const codes[] = {"208", "20805", "2080501", "210", "221"};

static void the_same_rows_pair_one_to_one(void **state)
{
    (void)state;
    const char *const same[] = {"208", "20805", "2080501", "210", "221"};
    assert_text(pairing(codes, N(codes), same, N(same)), "a0=b0 208\n"
                                                         "a1=b1 20805\n"
                                                         "a2=b2 2080501\n"
                                                         "a3=b3 210\n"
                                                         "a4=b4 221\n");
}

static void a_key_changed_between_a_common_head_and_tail_keeps_its_partner(void **state)
{
    (void)state;
    const char *const edited[] = {"208", "20805", "2080599", "210", "221"};
    assert_text(pairing(codes, N(codes), edited, N(edited)), "a0=b0 208\n"
                                                             "a1=b1 20805\n"
                                                             "a2=b2 2080501 > 2080599\n"
                                                             "a3=b3 210\n"
                                                             "a4=b4 221\n");
    /* the first and the last row changed: no common head or tail */
    const char *const ends[] = {"207", "20805", "2080501", "210", "222"};
    assert_text(pairing(codes, N(codes), ends, N(ends)), "a0=b0 208 > 207\n"
                                                         "a1=b1 20805\n"
                                                         "a2=b2 2080501\n"
                                                         "a3=b3 210\n"
                                                         "a4=b4 221 > 222\n");
    /* two rows became one: the first of them keeps its partner */
    const char *const merged[] = {"208", "20805", "20805xx", "221"};
    assert_text(pairing(codes, N(codes), merged, N(merged)), "a0=b0 208\n"
                                                             "a1=b1 20805\n"
                                                             "a2=b2 2080501 > 20805xx\n"
                                                             "a3=() 210\n"
                                                             "a4=b3 221\n");
}

static void a_row_inserted(void **state)
{
    (void)state;
    const char *const added[] = {"208", "20805", "2080501", "2080505", "210", "221"};
    assert_text(pairing(codes, N(codes), added, N(added)), "a0=b0 208\n"
                                                           "a1=b1 20805\n"
                                                           "a2=b2 2080501\n"
                                                           "()=b3 2080505\n"
                                                           "a3=b4 210\n"
                                                           "a4=b5 221\n");
    const char *const first[] = {"201", "208", "20805", "2080501", "210", "221"};
    assert_text(pairing(codes, N(codes), first, N(first)), "()=b0 201\n"
                                                           "a0=b1 208\n"
                                                           "a1=b2 20805\n"
                                                           "a2=b3 2080501\n"
                                                           "a3=b4 210\n"
                                                           "a4=b5 221\n");
    const char *const last[] = {"208", "20805", "2080501", "210", "221", "229"};
    assert_text(pairing(codes, N(codes), last, N(last)), "a0=b0 208\n"
                                                         "a1=b1 20805\n"
                                                         "a2=b2 2080501\n"
                                                         "a3=b3 210\n"
                                                         "a4=b4 221\n"
                                                         "()=b5 229\n");
}

static void a_row_deleted(void **state)
{
    (void)state;
    const char *const removed[] = {"208", "2080501", "210", "221"};
    assert_text(pairing(codes, N(codes), removed, N(removed)), "a0=b0 208\n"
                                                               "a1=() 20805\n"
                                                               "a2=b1 2080501\n"
                                                               "a3=b2 210\n"
                                                               "a4=b3 221\n");
    const char *const no_last[] = {"208", "20805", "2080501", "210"};
    assert_text(pairing(codes, N(codes), no_last, N(no_last)), "a0=b0 208\n"
                                                               "a1=b1 20805\n"
                                                               "a2=b2 2080501\n"
                                                               "a3=b3 210\n"
                                                               "a4=() 221\n");
}

static void one_row_removed_and_another_added_elsewhere(void **state)
{
    (void)state;
    /* the same count, still paired by key: nothing lies between 210 and
     * 221 in a for 215 to pair with */
    const char *const moved[] = {"208", "20805", "210", "215", "221"};
    assert_text(pairing(codes, N(codes), moved, N(moved)), "a0=b0 208\n"
                                                           "a1=b1 20805\n"
                                                           "a2=() 2080501\n"
                                                           "a3=b2 210\n"
                                                           "()=b3 215\n"
                                                           "a4=b4 221\n");
}

static void a_moved_row_is_removed_and_added(void **state)
{
    (void)state;
    const char *const a[] = {"基本支出", "项目支出", "事业单位经营支出", "上缴上级支出"};
    const char *const b[] = {"项目支出", "事业单位经营支出", "基本支出", "上缴上级支出"};
    assert_text(pairing(a, N(a), b, N(b)), "a0=() 基本支出\n"
                                           "a1=b0 项目支出\n"
                                           "a2=b1 事业单位经营支出\n"
                                           "()=b2 基本支出\n"
                                           "a3=b3 上缴上级支出\n");
    /* two neighbours swapped: one of them pairs (the later one of a), the
     * other is removed and added */
    const char *const c[] = {"p", "x", "y", "q"};
    const char *const d[] = {"p", "y", "x", "q"};
    assert_text(pairing(c, N(c), d, N(d)), "a0=b0 p\n"
                                           "a1=() x\n"
                                           "a2=b1 y\n"
                                           "()=b2 x\n"
                                           "a3=b3 q\n");
}

static void repeated_keys_pair_in_order(void **state)
{
    (void)state;
    /* a name that recurs ("其他") pairs with the nearest one in order */
    const char *const a[] = {"其他", "甲", "其他", "乙"};
    const char *const b[] = {"其他", "其他", "乙"};
    assert_text(pairing(a, N(a), b, N(b)), "a0=b0 其他\n"
                                           "a1=() 甲\n"
                                           "a2=b1 其他\n"
                                           "a3=b2 乙\n");
    /* one of two equal rows gone: the first one stays */
    const char *const two[] = {"合计", "合计"};
    const char *const one[] = {"合计"};
    assert_text(pairing(two, N(two), one, N(one)), "a0=b0 合计\n"
                                                   "a1=() 合计\n");
    assert_text(pairing(one, N(one), two, N(two)), "a0=b0 合计\n"
                                                   "()=b1 合计\n");
    /* a recurring key in the middle: the common head takes the first */
    const char *const c[] = {"p", "x", "q", "x", "r"};
    const char *const d[] = {"p", "x", "r"};
    assert_text(pairing(c, N(c), d, N(d)), "a0=b0 p\n"
                                           "a1=b1 x\n"
                                           "a2=() q\n"
                                           "a3=() x\n"
                                           "a4=b2 r\n");
    /* a missing key equals an empty one */
    const char *const e[] = {"p", NULL, "q"};
    const char *const f[] = {"p", "", "q"};
    assert_text(pairing(e, N(e), f, N(f)), "a0=b0 p\n"
                                           "a1=b1 \n"
                                           "a2=b2 q\n");
}

static void into_and_out_of_nothing(void **state)
{
    (void)state;
    const char *const two[] = {"208", "20805"};
    assert_text(pairing(codes, 0, two, N(two)), "()=b0 208\n"
                                                "()=b1 20805\n");
    assert_text(pairing(codes, N(codes), two, 0), "a0=() 208\n"
                                                  "a1=() 20805\n"
                                                  "a2=() 2080501\n"
                                                  "a3=() 210\n"
                                                  "a4=() 221\n");
    assert_text(pairing(codes, 0, two, 0), "");
}

/* The first lines and the last of a long pairing. */
static const char *ends_of(const char *text, int head, int tail)
{
    static char out[1024];
    const char *end = text;
    for (int i = 0; i < head; i++)
        end = strchr(end, '\n') + 1;
    const char *from = text + strlen(text);
    for (int i = 0; i <= tail; i++)
        while (from > text && *--from != '\n')
            ;
    snprintf(out, sizeof out, "%.*s…\n%s", (int)(end - text), text, from + 1);
    return out;
}

/* n keys k0 … k(n-1) in a, and in b the same with one new row in front
 * and the last one changed: nothing in common at either end. */
static void long_rows(int n, const char **a, const char **b)
{
    static char names[MAX_ROWS][16];
    for (int i = 0; i < n; i++) {
        snprintf(names[i], sizeof names[i], "k%d", i);
        a[i] = names[i];
    }
    b[0] = "new";
    for (int i = 0; i < n; i++)
        b[i + 1] = names[i];
    b[n] = "changed"; /* in place of k(n-1) */
}

static void beyond_the_lcs_limit_rows_pair_in_order(void **state)
{
    (void)state;
    static const char *a[MAX_ROWS], *b[MAX_ROWS + 1];
    /* 1998 × 1999 rows: (n+1)(m+1) = 3,998,000 pairs, within the limit */
    long_rows(1998, a, b);
    assert_text(ends_of(pairing(a, 1998, b, 1999), 3, 3), "()=b0 new\n"
                                                          "a0=b1 k0\n"
                                                          "a1=b2 k1\n"
                                                          "…\n"
                                                          "a1995=b1996 k1995\n"
                                                          "a1996=b1997 k1996\n"
                                                          "a1997=b1998 k1997 > changed\n");
    /* 2000 × 2001 rows: 4,006,002 pairs, beyond it: no longest common
     * subsequence, the rows between the ends pair in order */
    long_rows(2000, a, b);
    assert_text(ends_of(pairing(a, 2000, b, 2001), 3, 3), "a0=b0 k0 > new\n"
                                                          "a1=b1 k1 > k0\n"
                                                          "a2=b2 k2 > k1\n"
                                                          "…\n"
                                                          "a1998=b1998 k1998 > k1997\n"
                                                          "a1999=b1999 k1999 > k1998\n"
                                                          "()=b2000 changed\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_same_rows_pair_one_to_one),
        cmocka_unit_test(a_key_changed_between_a_common_head_and_tail_keeps_its_partner),
        cmocka_unit_test(a_row_inserted),
        cmocka_unit_test(a_row_deleted),
        cmocka_unit_test(one_row_removed_and_another_added_elsewhere),
        cmocka_unit_test(a_moved_row_is_removed_and_added),
        cmocka_unit_test(repeated_keys_pair_in_order),
        cmocka_unit_test(into_and_out_of_nothing),
        cmocka_unit_test(beyond_the_lcs_limit_rows_pair_in_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
