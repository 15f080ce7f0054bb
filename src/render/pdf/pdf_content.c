#include "pdf_content.h"
#include "text.h"

#include <math.h>
#include <string.h>

void bx_content_init(bx_content *c)
{
    memset(c, 0, sizeof *c);
    bx_strbuf_init(&c->lines, 0);
    bx_strbuf_init(&c->text, 0);
    bx_strbuf_init(&c->clipped, 0);
    c->into = &c->text;
}

void bx_content_free(bx_content *c)
{
    bx_strbuf_free(&c->lines);
    bx_strbuf_free(&c->text);
    bx_strbuf_free(&c->clipped);
}

void bx_content_reset(bx_content *c)
{
    bx_strbuf_reset(&c->lines);
    bx_strbuf_reset(&c->text);
    bx_strbuf_reset(&c->clipped);
    c->into = &c->text;
    c->font = NULL;
    c->size = 0;
    c->spacing = 0;
    c->x = c->y = c->main_x = c->main_y = 0;
}

/* A number of hundredths as a decimal: "12.5", "-3", "0.07". */
static void put_hundredths(bx_strbuf *b, long long hundredths)
{
    char buf[32];
    size_t n = sizeof buf;
    buf[--n] = '\0';
    unsigned long long mag =
        hundredths < 0 ? 0ull - (unsigned long long)hundredths : (unsigned long long)hundredths;
    unsigned frac = (unsigned)(mag % 100);
    mag /= 100;
    if (frac) {
        if (frac % 10)
            buf[--n] = (char)('0' + frac % 10);
        buf[--n] = (char)('0' + frac / 10);
        buf[--n] = '.';
    }
    do {
        buf[--n] = (char)('0' + mag % 10);
        mag /= 10;
    } while (mag);
    if (hundredths < 0)
        buf[--n] = '-';
    bx_strbuf_append(b, buf + n, sizeof buf - 1 - n);
}

void bx_content_number(bx_strbuf *b, double v)
{
    put_hundredths(b, llround(v * 100));
}

static void numbers(bx_strbuf *b, const double *v, int n)
{
    for (int i = 0; i < n; i++) {
        bx_content_number(b, v[i]);
        bx_strbuf_putc(b, ' ');
    }
}

void bx_content_spacing(bx_content *c, double spacing)
{
    long long tc = llround(spacing * 100);
    if (tc == c->spacing)
        return;
    put_hundredths(c->into, tc);
    bx_strbuf_puts(c->into, " Tc\n");
    c->spacing = tc;
}

void bx_content_line(bx_content *c, double x1, double y1, double x2, double y2)
{
    const double from[] = {x1, y1}, to[] = {x2, y2};
    numbers(&c->lines, from, 2);
    bx_strbuf_puts(&c->lines, "m ");
    numbers(&c->lines, to, 2);
    bx_strbuf_puts(&c->lines, "l\n");
}

/* The codes (CIDs) as a literal string of two bytes per character
 * (Identity-H), half the size of hex; the delimiters, the escape and
 * CR (which a reader would turn into LF) are escaped. */
static void string_codes(bx_strbuf *b, const bx_charset *cs, const char *s, size_t n)
{
    bx_strbuf_putc(b, '(');
    uint32_t cp;
    for (size_t i = 0; bx_utf8_next(s, n, &i, &cp);) {
        unsigned code = bx_charset_code(cs, cp);
        if (!code)
            continue; /* control characters are not drawn */
        unsigned char bytes[2] = {(unsigned char)(code >> 8), (unsigned char)code};
        for (int j = 0; j < 2; j++) {
            unsigned char x = bytes[j];
            if (x == '(' || x == ')' || x == '\\')
                bx_strbuf_putc(b, '\\');
            if (x == '\r')
                bx_strbuf_puts(b, "\\r");
            else
                bx_strbuf_putc(b, (char)x);
        }
    }
    bx_strbuf_putc(b, ')');
}

void bx_content_text(bx_content *c, const char *font, double size, double x, double y,
                     const bx_charset *cs, const char *s, size_t n, double stroke)
{
    bx_strbuf *b = c->into;
    if (!c->font || strcmp(c->font, font) != 0 || c->size != size) {
        bx_strbuf_printf(b, "/%s ", font);
        bx_content_number(b, size);
        bx_strbuf_puts(b, " Tf\n");
        c->font = font;
        c->size = size;
    }
    if (stroke > 0) {
        bx_strbuf_puts(b, "2 Tr ");
        bx_content_number(b, stroke);
        bx_strbuf_puts(b, " w ");
    }
    /* Td moves from the start of the previous line: the shortest way to
     * an absolute position inside one text object. In whole hundredths,
     * so that rounding never accumulates. */
    long long hx = llround(x * 100), hy = llround(y * 100);
    put_hundredths(b, hx - c->x);
    bx_strbuf_putc(b, ' ');
    put_hundredths(b, hy - c->y);
    c->x = hx;
    c->y = hy;
    bx_strbuf_puts(b, " Td ");
    string_codes(b, cs, s, n);
    bx_strbuf_puts(b, "Tj\n");
    if (stroke > 0)
        bx_strbuf_puts(b, "0 Tr\n");
}

void bx_content_clip_begin(bx_content *c, double x, double y, double w, double h)
{
    bx_strbuf_puts(&c->clipped, "q ");
    const double v[] = {x, y, w, h};
    numbers(&c->clipped, v, 4);
    bx_strbuf_puts(&c->clipped, "re W n BT\n");
    c->into = &c->clipped;
    c->font = NULL; /* a new text object: set the font again */
    c->main_x = c->x;
    c->main_y = c->y;
    c->x = c->y = 0;
}

void bx_content_clip_end(bx_content *c)
{
    bx_strbuf_puts(&c->clipped, "ET Q\n");
    c->into = &c->text;
    c->font = NULL;
    c->x = c->main_x;
    c->y = c->main_y;
}

bool bx_content_finish(bx_content *c, double line_width, bx_strbuf *out)
{
    bx_strbuf_reset(out);
    bx_content_number(out, line_width);
    bx_strbuf_puts(out, " w\n");
    if (c->lines.len) {
        bx_strbuf_append(out, c->lines.data, c->lines.len);
        bx_strbuf_puts(out, "S\n");
    }
    if (c->text.len) {
        bx_strbuf_puts(out, "BT\n");
        bx_strbuf_append(out, c->text.data, c->text.len);
        bx_strbuf_puts(out, "ET\n");
    }
    if (c->clipped.len)
        bx_strbuf_append(out, c->clipped.data, c->clipped.len);
    return !(out->failed || c->lines.failed || c->text.failed || c->clipped.failed);
}
