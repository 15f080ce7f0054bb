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
}

void bx_content_number(bx_strbuf *b, double v)
{
    long long hundredths = llround(v * 100);
    char buf[32];
    size_t n = sizeof buf;
    buf[--n] = '\0';
    unsigned long long mag =
        hundredths < 0 ? 0ull - (unsigned long long)hundredths : (unsigned long long)hundredths;
    unsigned frac = (unsigned)(mag % 100);
    mag /= 100;
    if (frac) {
        if (frac % 10) {
            buf[--n] = (char)('0' + frac % 10);
            buf[--n] = (char)('0' + frac / 10);
        } else {
            buf[--n] = (char)('0' + frac / 10);
        }
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

static void numbers(bx_strbuf *b, const double *v, int n)
{
    for (int i = 0; i < n; i++) {
        bx_content_number(b, v[i]);
        bx_strbuf_putc(b, ' ');
    }
}

void bx_content_rect(bx_content *c, double x, double y, double w, double h)
{
    const double v[] = {x, y, w, h};
    numbers(&c->lines, v, 4);
    bx_strbuf_puts(&c->lines, "re\n");
}

/* The dense codes as a hex string: two bytes per character (Identity-H). */
static void hex_codes(bx_strbuf *b, const bx_charset *cs, const char *s, size_t n)
{
    static const char digits[] = "0123456789ABCDEF";
    bx_strbuf_putc(b, '<');
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = bx_utf8_decode(s + i, n - i, &cp);
        if (k == 0) {
            i++;
            continue;
        }
        i += k;
        uint32_t code = bx_charset_code(cs, cp);
        if (!code)
            continue; /* control characters are not drawn */
        char h[4] = {digits[code >> 12 & 15], digits[code >> 8 & 15], digits[code >> 4 & 15],
                     digits[code & 15]};
        bx_strbuf_append(b, h, 4);
    }
    bx_strbuf_putc(b, '>');
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
    const double m[] = {1, 0, 0, 1, x, y};
    numbers(b, m, 6);
    bx_strbuf_puts(b, "Tm ");
    hex_codes(b, cs, s, n);
    bx_strbuf_puts(b, " Tj\n");
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
}

void bx_content_clip_end(bx_content *c)
{
    bx_strbuf_puts(&c->clipped, "ET Q\n");
    c->into = &c->text;
    c->font = NULL;
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
