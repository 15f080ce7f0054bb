/* The xlsx libraries' error codes in Chinese: libzip's, expat's and
 * libxlsxwriter's English never reaches a message. */
#ifndef BX_LIB_TEXT_H
#define BX_LIB_TEXT_H

/* A libzip error code (ZIP_ER_*), e.g. "压缩包不完整" (ZIP_ER_EOF). */
const char *bx_zip_text(int code);
/* An expat error code (enum XML_Error), e.g. "开始标记与结束标记不匹配". */
const char *bx_xml_text(int code);
/* A libxlsxwriter error (lxw_error). */
const char *bx_lxw_text(int code);

/* The last code of each, for the test that every code is said. */
enum { BX_ZIP_LAST = 32, BX_XML_LAST = 43, BX_LXW_LAST = 26 };

#endif /* BX_LIB_TEXT_H */
