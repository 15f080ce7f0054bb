/* Reading a CFF program, for pdf_cff.c and the subsetter
 * (pdf_cff_subset.h): every read checked against the program's length;
 * the first thing found wrong is kept in the reader (what), and the
 * functions return false from then on. After Adobe's Technical Note
 * #5176, "The Compact Font Format Specification". */
#ifndef BX_PDF_CFF_READ_H
#define BX_PDF_CFF_READ_H

#include "common.h"

/* DICT operators: 0–21, or 1200 + the second byte of an escaped 12 x. */
enum {
    BX_CFF_OP_UNIQUEID = 13,
    BX_CFF_OP_XUID = 14,
    BX_CFF_OP_CHARSET = 15,
    BX_CFF_OP_ENCODING = 16,
    BX_CFF_OP_CHARSTRINGS = 17,
    BX_CFF_OP_PRIVATE = 18,
    BX_CFF_OP_SUBRS = 19,
    BX_CFF_OP_ROS = 1230,
    BX_CFF_OP_UIDBASE = 1235,
    BX_CFF_OP_FDARRAY = 1236,
    BX_CFF_OP_FDSELECT = 1237,
    BX_CFF_MAX_FDS = 256 /* FDSelect names a Font DICT in one byte */
};

typedef struct bx_cff_reader {
    const unsigned char *p;
    size_t len;
    const char *what; /* the first thing found wrong */
} bx_cff_reader;

/* Keep what (if it is the first thing found wrong); false. */
bool bx_cff_bad(bx_cff_reader *r, const char *what);
/* A big-endian number of n bytes (1–4) at off. */
bool bx_cff_card(bx_cff_reader *r, size_t off, int n, uint32_t *v);

/* An INDEX at off: its count, where item i is, and where it ends. */
typedef struct bx_cff_index {
    uint32_t count;
    size_t offsets; /* the offset array */
    int off_size;
    size_t data; /* the byte before the first item: offsets count from it */
    size_t end;
} bx_cff_index;

bool bx_cff_index_at(bx_cff_reader *r, size_t off, bx_cff_index *ix);
bool bx_cff_index_item(bx_cff_reader *r, const bx_cff_index *ix, uint32_t i, size_t *start,
                       size_t *end);

/* One entry of a DICT: its operands and operator, bytes start … end. */
typedef struct bx_cff_entry {
    size_t start, end;
    int op;
    long args[48]; /* the integers; reals read as 0 */
    int nargs;
} bx_cff_entry;

/* The entry at *pos (< end), *pos moved past it. */
bool bx_cff_next_entry(bx_cff_reader *r, size_t *pos, size_t end, bx_cff_entry *e);

/* What the Top DICT says (offsets 0: not given). */
typedef struct bx_cff_top {
    long charset, charstrings, fdarray, fdselect;
    long ros[3]; /* registry SID, ordering SID, supplement */
    bool has_ros, has_charstrings;
} bx_cff_top;

/* What every reader of a program reads first: the header, the INDEXes up
 * to the Global Subrs, the Top DICT and the CharStrings INDEX. */
typedef struct bx_cff_program {
    size_t hdr_size;
    bx_cff_index names, tops, strings, gsubrs, charstrings;
    size_t top_start, top_end;
    bx_cff_top top;
} bx_cff_program;

bool bx_cff_read_program(bx_cff_reader *r, bx_cff_program *pg);
/* The text of a SID, if it is one of the program's own strings and a
 * plain name ([A-Za-z0-9_.-]); else "". */
void bx_cff_string(bx_cff_reader *r, const bx_cff_index *strings, long sid, char *out, size_t size);

/* A Font DICT of the FDArray, its Private DICT and local subroutines. */
typedef struct bx_cff_font_dict {
    size_t start, end;
    size_t priv, priv_end; /* priv == priv_end: none */
    bx_cff_index subrs;    /* count 0: none */
} bx_cff_font_dict;

/* The Font DICTs of a CID-keyed program (fds: BX_CFF_MAX_FDS of them). */
bool bx_cff_read_font_dicts(bx_cff_reader *r, const bx_cff_program *pg, bx_cff_font_dict *fds,
                            unsigned *nfds);
/* For the glyphs of a program of nglyphs — every one (gids NULL: out[g]
 * for glyph g) or gids[0 … n) (ascending, each below nglyphs: out[i]) —
 * its Font DICT (FDSelect at off, formats 0 and 3) or its CID (charset at
 * off, formats 0–2; glyph 0 is CID 0). */
bool bx_cff_read_fdselect(bx_cff_reader *r, size_t off, unsigned nglyphs, unsigned nfds,
                          const uint16_t *gids, size_t n, uint8_t *fds);
bool bx_cff_read_charset(bx_cff_reader *r, size_t off, unsigned nglyphs, const uint16_t *gids,
                         size_t n, uint16_t *cids);

#endif /* BX_PDF_CFF_READ_H */
