#include "fonts.h"

#include "places.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *const noto_regular = "NotoSerifSC_400Regular.ttf";
static const char *const noto_bold = "NotoSerifSC_700Bold.ttf";
static const char *const fallback = "/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf";

static bool is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

bool bx_font_check_file(const char *path, bool *collection, bx_error *err)
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
    if (n == 4 && memcmp(magic, "OTTO", 4) == 0) {
        bx_fail(err, &loc, BX_ERR_USAGE,
                "这是 CFF 轮廓的 OpenType 字体：PDF 只能嵌入 TrueType（glyf）字体，"
                "例如 Noto Serif SC 的 .ttf 文件");
        return false;
    }
    bool ttf = n == 4 && (memcmp(magic, "\0\1\0\0", 4) == 0 || memcmp(magic, "true", 4) == 0 ||
                          memcmp(magic, "ttcf", 4) == 0);
    if (!ttf) {
        bx_fail(err, &loc, BX_ERR_USAGE, "不是 TrueType 字体文件");
        return false;
    }
    if (collection)
        *collection = memcmp(magic, "ttcf", 4) == 0;
    return true;
}

static bool set_path(char *dst, size_t size, const char *dir, const char *name)
{
    int n = dir ? snprintf(dst, size, "%s/%s", dir, name) : snprintf(dst, size, "%s", name);
    return n > 0 && (size_t)n < size;
}

/* A folder holding the Noto files. */
static bool try_dir(const char *dir, bx_font_choice *out)
{
    if (!dir || !*dir)
        return false;
    char regular[1024], bold[1024];
    if (!set_path(regular, sizeof regular, dir, noto_regular) ||
        !set_path(bold, sizeof bold, dir, noto_bold) || !is_file(regular))
        return false;
    snprintf(out->path, sizeof out->path, "%s", regular);
    if (is_file(bold))
        snprintf(out->bold_path, sizeof out->bold_path, "%s", bold);
    return true;
}

bool bx_fonts_choose(const char *font, const char *bold_font, const char *const *dirs,
                     bx_font_choice *out, bx_error *err)
{
    memset(out, 0, sizeof *out);
    if (font) {
        if (!bx_font_check_file(font, NULL, err))
            return false;
        snprintf(out->path, sizeof out->path, "%s", font);
    } else {
        bool found = false;
        for (const char *const *d = dirs; d && *d && !found; d++)
            found = try_dir(*d, out);
        const char *env = getenv("BUDGETX_FONTS");
        if (!found && env)
            found = try_dir(env, out);
        for (const char *const *d = bx_font_places; *d && !found; d++)
            found = try_dir(*d, out);
        if (!found && is_file(fallback)) {
            snprintf(out->path, sizeof out->path, "%s", fallback);
            found = true;
        }
        if (!found) {
            char places[2048];
            bx_fail(err, NULL, BX_ERR_IO,
                    "找不到中文字体：没有 %s（已查找 $BUDGETX_FONTS、%s），也没有 %s。"
                    "请运行 ./build.sh 下载字体，或用 --font 指定 TrueType 字体文件",
                    noto_regular, bx_places_text(bx_font_places, places, sizeof places), fallback);
            return false;
        }
    }
    if (bold_font) {
        if (!bx_font_check_file(bold_font, NULL, err))
            return false;
        snprintf(out->bold_path, sizeof out->bold_path, "%s", bold_font);
    } else if (font) {
        out->bold_path[0] = '\0'; /* an explicit regular face: embolden it */
    }
    return true;
}
