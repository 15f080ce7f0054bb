#include "fonts.h"

#include "places.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* A default face: its file (as Debian names it) and its face in that
 * collection (PostScript name, checked when the file is opened). */
typedef struct default_face {
    const char *file, *face, *what, *package;
} default_face;

static const default_face default_regular = {"NotoSerifCJK-Regular.ttc", "NotoSerifCJKsc-Regular",
                                             "Noto Serif CJK SC Regular", "fonts-noto-cjk"};
static const default_face default_bold = {"NotoSerifCJK-Bold.ttc", "NotoSerifCJKsc-Bold",
                                          "Noto Serif CJK SC Bold", "fonts-noto-cjk"};
static const default_face default_hei = {"NotoSansCJK-Regular.ttc", "NotoSansCJKsc-Regular",
                                         "Noto Sans CJK SC Regular（黑体）", "fonts-noto-cjk"};
static const default_face default_kai = {"LXGWWenKai-Regular.ttf", "LXGWWenKai-Regular",
                                         "LXGW WenKai Regular（霞鹜文楷，楷体）",
                                         "fonts-lxgw-wenkai"};
/* what the error suggests when the default fonts are not installed */
static const char *const debian_fallback = "/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf";

static bool is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

bool bx_font_check_file(const char *path, bx_error *err)
{
    bx_loc loc = {path, 0, 0};
    FILE *f = fopen(path, "rb");
    if (!f) {
        bx_fail(err, &loc, BX_ERR_USAGE, "无法打开字体文件");
        return false;
    }
    unsigned char magic[4] = {0};
    size_t n = fread(magic, 1, 4, f);
    fclose(f);
    bool font = n == 4 && (memcmp(magic, "\0\1\0\0", 4) == 0 || memcmp(magic, "true", 4) == 0 ||
                           memcmp(magic, "OTTO", 4) == 0 || memcmp(magic, "ttcf", 4) == 0);
    if (!font) {
        bx_fail(err, &loc, BX_ERR_USAGE, "不是 TrueType 或 OpenType 字体文件（.ttf、.otf、.ttc）");
        return false;
    }
    return true;
}

static bool set_path(char *dst, size_t size, const char *dir, const char *name)
{
    int n = snprintf(dst, size, "%s/%s", dir, name);
    return n > 0 && (size_t)n < size;
}

/* The folders searched for the default faces, in order (NULL-ended). */
typedef struct search {
    const char *dirs[40];
    int n;
} search;

static void add_dir(search *s, const char *dir)
{
    if (dir && *dir && s->n + 1 < (int)(sizeof s->dirs / sizeof s->dirs[0]))
        s->dirs[s->n++] = dir;
    s->dirs[s->n] = NULL;
}

static void search_init(search *s, const char *const *dirs, const char *system_dir)
{
    s->n = 0;
    s->dirs[0] = NULL;
    for (const char *const *d = dirs; d && *d; d++)
        add_dir(s, *d);
    add_dir(s, getenv("BUDGETX_FONTS"));
    for (const char *const *d = bx_font_places; *d; d++)
        add_dir(s, *d);
    add_dir(s, system_dir);
}

/* The first folder holding a heading face's file. */
static bool find_heading(const search *s, const default_face *def, char *path, size_t size,
                         char *face, size_t face_size, bx_error *err)
{
    for (int i = 0; i < s->n; i++)
        if (set_path(path, size, s->dirs[i], def->file) && is_file(path)) {
            snprintf(face, face_size, "%s", def->face);
            return true;
        }
    char places[4096];
    bx_fail(err, NULL, BX_ERR_IO,
            "找不到文字部分标题的字体 %s（文件 %s，已查找 %s）。请安装 Debian 软件包 %s"
            "（./build.sh 会安装），或用 --font 指定字体（标题也用它）",
            def->what, def->file, bx_places_text(s->dirs, places, sizeof places), def->package);
    return false;
}

bool bx_fonts_choose_headings(const char *const *dirs, bx_heading_fonts *out, bx_error *err)
{
    memset(out, 0, sizeof *out);
    search s;
    search_init(&s, dirs, BX_FONTS_SYSTEM_DIR);
    add_dir(&s, BX_FONTS_KAI_DIR);
    return find_heading(&s, &default_hei, out->hei_path, sizeof out->hei_path, out->hei_face,
                        sizeof out->hei_face, err) &&
           find_heading(&s, &default_kai, out->kai_path, sizeof out->kai_path, out->kai_face,
                        sizeof out->kai_face, err);
}

/* The first folder holding the default face's file. */
static bool find_default(const search *s, const default_face *def, char *path, size_t size,
                         bx_error *err)
{
    for (int i = 0; i < s->n; i++)
        if (set_path(path, size, s->dirs[i], def->file) && is_file(path))
            return true;
    char places[4096];
    bx_fail(err, NULL, BX_ERR_IO,
            "找不到默认字体 %s（文件 %s，已查找 %s）。请安装 Debian 软件包 fonts-noto-cjk"
            "（./build.sh 会安装），或用 --font 指定字体文件，例如 --font %s"
            "（文鼎 PL 简报宋：只有 GB2312 的字符，没有粗体）",
            def->what, def->file, bx_places_text(s->dirs, places, sizeof places), debian_fallback);
    return false;
}

static bool given(const char *file, char *path, size_t size, bx_error *err)
{
    if (!bx_font_check_file(file, err))
        return false;
    snprintf(path, size, "%s", file);
    return true;
}

bool bx_fonts_choose_in(const char *font, const char *bold_font, const char *const *dirs,
                        const char *system_dir, bx_font_choice *out, bx_error *err)
{
    memset(out, 0, sizeof *out);
    search s;
    search_init(&s, dirs, system_dir);
    if (font) {
        if (!given(font, out->path, sizeof out->path, err))
            return false;
    } else if (find_default(&s, &default_regular, out->path, sizeof out->path, err)) {
        snprintf(out->face, sizeof out->face, "%s", default_regular.face);
    } else {
        return false;
    }
    if (bold_font)
        return given(bold_font, out->bold_path, sizeof out->bold_path, err);
    if (font)
        return true; /* an explicit regular face and no bold one: embolden it */
    if (!find_default(&s, &default_bold, out->bold_path, sizeof out->bold_path, err))
        return false;
    snprintf(out->bold_face, sizeof out->bold_face, "%s", default_bold.face);
    return true;
}

bool bx_fonts_choose(const char *font, const char *bold_font, const char *const *dirs,
                     bx_font_choice *out, bx_error *err)
{
    return bx_fonts_choose_in(font, bold_font, dirs, BX_FONTS_SYSTEM_DIR, out, err);
}
