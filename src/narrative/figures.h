/* The figures of the 文字部分: a value as its table cell shows it and as it
 * is exactly, the arithmetic the sentences do on them (differences, growth
 * rates, shares), each rounded once, half-up, and the formats the
 * published narratives print them in. No floating point anywhere: a figure
 * in a sentence is the same number as its cell. */
#ifndef BX_FIGURES_H
#define BX_FIGURES_H

#include "common.h"

/* Exact values are held at 10^-BX_NFIG_EXACT of the figure's unit (万元 in
 * a set shown in 万元), so that a dataset given in 元 converts without loss. */
enum { BX_NFIG_EXACT = 12, BX_NFIG_MAX_DECIMALS = 6 };

typedef struct bx_nfig {
    int64_t shown;  /* as the cell shows it: units of 10^-decimals */
    int decimals;   /* 0..BX_NFIG_MAX_DECIMALS */
    __int128 exact; /* before rounding: units of 10^-BX_NFIG_EXACT */
    /* where the source found it (its own numbering of files; 0: nowhere) */
    uint32_t file, line, column;
} bx_nfig;

/* A figure whose shown and exact values are one and the same (a count, a
 * value given at the decimals it is shown with). */
bx_nfig bx_nfig_of(int64_t shown, int decimals);

/* How amounts print in sentences: 002 (2024) "1,236.12", "874.6", "354";
 * 000 (2022) whole 万元 "16,910"; 003 (赤壁) without separators "1679.88". */
typedef struct bx_nformat {
    bool grouping; /* thousands separators */
    bool trim;     /* trailing zeros of the decimals dropped */
    bool whole;    /* the decimals dropped when all are zeros (上海: "4,614", "867.50") */
} bx_nformat;

/* v (units of 10^-decimals) in format f, into buf; its length. */
size_t bx_nfig_format(int64_t v, int decimals, bx_nformat f, char *buf, size_t size);

/* f's exact value in plain decimals, at least f->decimals of them, no
 * trailing zeros beyond (for the provenance report: "874.601234"). */
size_t bx_nfig_exact_text(const bx_nfig *f, char *buf, size_t size);

/* a and b at the same decimals (the larger of the two): the exact sum or
 * difference of two shown values. False on overflow. */
bool bx_nfig_align(bx_nfig *a, bx_nfig *b);

/* round(num / den × 100 × 10^decimals), half away from zero: a percentage
 * in units of 10^-decimals. False when den is 0 or the result does not fit. */
bool bx_percent_of(__int128 num, __int128 den, int decimals, int64_t *out);

/* round(exact) at `decimals`, half away from zero. */
int64_t bx_nfig_round_exact(__int128 exact, int decimals);

#endif /* BX_FIGURES_H */
