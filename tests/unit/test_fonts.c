/* Which font files the PDF is set in (fonts.h): the default faces from the
 * first folder holding each file, in the documented order; files given
 * instead; a default face found nowhere is an error naming the file and
 * every folder searched, never a silent fallback. Folders are scratch
 * folders; the last of the search (Debian's, in the program) is one too. */
#include "test_util.h"

#include "fonts.h"
#include "places.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct folders {
    char *a, *b, *system;
} folders;

static int setup(void **state)
{
    folders *f = calloc(1, sizeof *f);
    assert_non_null(f);
    f->a = scratch_new();
    f->b = scratch_new();
    f->system = scratch_new();
    unsetenv("BUDGETX_FONTS");
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    folders *f = *state;
    scratch_free(f->a);
    scratch_free(f->b);
    scratch_free(f->system);
    free(f);
    unsetenv("BUDGETX_FONTS");
    return 0;
}

static char *joined(const char *dir, const char *name)
{
    static char path[2][1024];
    static int k;
    k = !k;
    snprintf(path[k], sizeof path[k], "%s/%s", dir, name);
    return path[k];
}

static void each_face_from_the_first_folder_that_holds_it(void **state)
{
    folders *f = *state;
    scratch_write(f->a, "NotoSerifCJK-Regular.ttc", "ttcf");
    scratch_write(f->b, "NotoSerifCJK-Regular.ttc", "ttcf");
    scratch_write(f->b, "NotoSerifCJK-Bold.ttc", "ttcf");
    scratch_write(f->system, "NotoSerifCJK-Bold.ttc", "ttcf");
    const char *dirs[] = {f->a, f->b, NULL};
    bx_font_choice c;
    bx_error err;
    bx_error_clear(&err);
    assert_true(bx_fonts_choose_in(NULL, NULL, dirs, f->system, &c, &err));
    assert_string_equal(c.path, joined(f->a, "NotoSerifCJK-Regular.ttc"));
    assert_string_equal(c.face, "NotoSerifCJKsc-Regular");
    assert_string_equal(c.bold_path, joined(f->b, "NotoSerifCJK-Bold.ttc"));
    assert_string_equal(c.bold_face, "NotoSerifCJKsc-Bold");
}

static void the_environment_after_the_callers_folders(void **state)
{
    folders *f = *state;
    scratch_write(f->a, "NotoSerifCJK-Bold.ttc", "ttcf");
    scratch_write(f->b, "NotoSerifCJK-Regular.ttc", "ttcf");
    scratch_write(f->b, "NotoSerifCJK-Bold.ttc", "ttcf");
    scratch_write(f->system, "NotoSerifCJK-Regular.ttc", "ttcf");
    assert_int_equal(setenv("BUDGETX_FONTS", f->b, 1), 0);
    const char *dirs[] = {f->a, NULL};
    bx_font_choice c;
    assert_true(bx_fonts_choose_in(NULL, NULL, dirs, f->system, &c, NULL));
    assert_string_equal(c.path, joined(f->b, "NotoSerifCJK-Regular.ttc"));
    assert_string_equal(c.bold_path, joined(f->a, "NotoSerifCJK-Bold.ttc"));
}

static void the_last_folder_last(void **state)
{
    folders *f = *state;
    scratch_write(f->system, "NotoSerifCJK-Regular.ttc", "ttcf");
    scratch_write(f->system, "NotoSerifCJK-Bold.ttc", "ttcf");
    bx_font_choice c;
    assert_true(bx_fonts_choose_in(NULL, NULL, NULL, f->system, &c, NULL));
    assert_string_equal(c.path, joined(f->system, "NotoSerifCJK-Regular.ttc"));
    assert_string_equal(c.bold_path, joined(f->system, "NotoSerifCJK-Bold.ttc"));
}

static void a_default_face_found_nowhere_is_an_error_naming_every_folder(void **state)
{
    folders *f = *state;
    scratch_write(f->system, "NotoSerifCJK-Regular.ttc", "ttcf"); /* no bold face anywhere */
    const char *dirs[] = {f->a, NULL};
    bx_font_choice c;
    bx_error err;
    bx_error_clear(&err);
    assert_false(bx_fonts_choose_in(NULL, NULL, dirs, f->system, &c, &err));
    assert_int_equal(err.status, BX_ERR_IO);
    char places[2048], want[4096];
    bx_places_text(bx_font_places, places, sizeof places);
    snprintf(
        want, sizeof want,
        "找不到默认字体 Noto Serif CJK SC Bold（文件 NotoSerifCJK-Bold.ttc，已查找 %s、%s、%s）。"
        "请安装 Debian 软件包 fonts-noto-cjk（./build.sh 会安装），或用 --font 指定字体文件，"
        "例如 --font /usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf"
        "（文鼎 PL 简报宋：只有 GB2312 的字符，没有粗体）",
        f->a, places, f->system);
    assert_text(err.message, want);
}

static void a_font_given_without_a_bold_one_is_emboldened(void **state)
{
    folders *f = *state;
    scratch_write(f->a, "mine.ttf", "true");
    bx_font_choice c;
    assert_true(bx_fonts_choose_in(joined(f->a, "mine.ttf"), NULL, NULL, f->system, &c, NULL));
    assert_string_equal(c.path, joined(f->a, "mine.ttf"));
    assert_string_equal(c.face, "");
    assert_string_equal(c.bold_path, "");
}

static void a_bold_font_given_with_the_default_regular_face(void **state)
{
    folders *f = *state;
    scratch_write(f->a, "bold.otf", "OTTO");
    scratch_write(f->system, "NotoSerifCJK-Regular.ttc", "ttcf");
    bx_font_choice c;
    assert_true(bx_fonts_choose_in(NULL, joined(f->a, "bold.otf"), NULL, f->system, &c, NULL));
    assert_string_equal(c.path, joined(f->system, "NotoSerifCJK-Regular.ttc"));
    assert_string_equal(c.bold_path, joined(f->a, "bold.otf"));
    assert_string_equal(c.bold_face, "");
}

static void a_file_given_that_is_no_font_is_refused(void **state)
{
    folders *f = *state;
    scratch_write(f->a, "book.ttf", "PK\3\4");
    bx_font_choice c;
    bx_error err;
    bx_error_clear(&err);
    assert_false(bx_fonts_choose_in(joined(f->a, "book.ttf"), NULL, NULL, f->system, &c, &err));
    assert_int_equal(err.status, BX_ERR_USAGE);
    assert_text(err.message, "不是 TrueType 或 OpenType 字体文件（.ttf、.otf、.ttc）");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(each_face_from_the_first_folder_that_holds_it, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(the_environment_after_the_callers_folders, setup, teardown),
        cmocka_unit_test_setup_teardown(the_last_folder_last, setup, teardown),
        cmocka_unit_test_setup_teardown(
            a_default_face_found_nowhere_is_an_error_naming_every_folder, setup, teardown),
        cmocka_unit_test_setup_teardown(a_font_given_without_a_bold_one_is_emboldened, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(a_bold_font_given_with_the_default_regular_face, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(a_file_given_that_is_no_font_is_refused, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
