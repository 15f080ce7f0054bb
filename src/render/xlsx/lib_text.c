/* libzip, expat and libxlsxwriter error codes in Chinese (lib_text.h).
 * Each table is indexed by the library's code; a code a later version
 * adds is said as "未知错误" with its number by the caller's context. */
#include "lib_text.h"

#include <expat.h>
#include <stddef.h>
#include <xlsxwriter.h>
#include <zip.h>

static const char *const zip_texts[] = {
    [ZIP_ER_OK] = "没有错误",
    [ZIP_ER_MULTIDISK] = "不支持分卷压缩包",
    [ZIP_ER_RENAME] = "临时文件改名失败",
    [ZIP_ER_CLOSE] = "关闭压缩包失败",
    [ZIP_ER_SEEK] = "文件定位失败",
    [ZIP_ER_READ] = "读取文件失败",
    [ZIP_ER_WRITE] = "写入文件失败",
    [ZIP_ER_CRC] = "校验和不符，文件已损坏",
    [ZIP_ER_ZIPCLOSED] = "压缩包已关闭",
    [ZIP_ER_NOENT] = "文件不存在",
    [ZIP_ER_EXISTS] = "文件已存在",
    [ZIP_ER_OPEN] = "无法打开文件",
    [ZIP_ER_TMPOPEN] = "无法创建临时文件",
    [ZIP_ER_ZLIB] = "解压出错，数据已损坏",
    [ZIP_ER_MEMORY] = "内存不足",
    [ZIP_ER_CHANGED] = "压缩包中的文件已被改动",
    [ZIP_ER_COMPNOTSUPP] = "不支持的压缩方式",
    [ZIP_ER_EOF] = "压缩包不完整（文件提前结束）",
    [ZIP_ER_INVAL] = "参数无效",
    [ZIP_ER_NOZIP] = "不是压缩包",
    [ZIP_ER_INTERNAL] = "压缩库内部错误",
    [ZIP_ER_INCONS] = "压缩包结构不一致，文件已损坏",
    [ZIP_ER_REMOVE] = "无法删除文件",
    [ZIP_ER_DELETED] = "压缩包中的文件已被删除",
    [ZIP_ER_ENCRNOTSUPP] = "不支持的加密方式",
    [ZIP_ER_RDONLY] = "压缩包只读",
    [ZIP_ER_NOPASSWD] = "工作簿设了密码",
    [ZIP_ER_WRONGPASSWD] = "密码不正确",
    [ZIP_ER_OPNOTSUPP] = "不支持这个操作",
    [ZIP_ER_INUSE] = "资源仍在使用中",
    [ZIP_ER_TELL] = "无法取得文件位置",
    [ZIP_ER_COMPRESSED_DATA] = "压缩数据无效，文件已损坏",
    [ZIP_ER_CANCELLED] = "操作已取消",
};

static const char *const xml_texts[] = {
    [XML_ERROR_NONE] = "没有错误",
    [XML_ERROR_NO_MEMORY] = "内存不足",
    [XML_ERROR_SYNTAX] = "语法错误",
    [XML_ERROR_NO_ELEMENTS] = "内容不完整或为空",
    [XML_ERROR_INVALID_TOKEN] = "格式不正确",
    [XML_ERROR_UNCLOSED_TOKEN] = "标记没有结束",
    [XML_ERROR_PARTIAL_CHAR] = "字符不完整",
    [XML_ERROR_TAG_MISMATCH] = "开始标记与结束标记不匹配",
    [XML_ERROR_DUPLICATE_ATTRIBUTE] = "属性重复",
    [XML_ERROR_JUNK_AFTER_DOC_ELEMENT] = "根元素之后有多余的内容",
    [XML_ERROR_PARAM_ENTITY_REF] = "不允许参数实体引用",
    [XML_ERROR_UNDEFINED_ENTITY] = "未定义的实体",
    [XML_ERROR_RECURSIVE_ENTITY_REF] = "实体递归引用",
    [XML_ERROR_ASYNC_ENTITY] = "实体不完整",
    [XML_ERROR_BAD_CHAR_REF] = "字符引用无效",
    [XML_ERROR_BINARY_ENTITY_REF] = "引用了二进制实体",
    [XML_ERROR_ATTRIBUTE_EXTERNAL_ENTITY_REF] = "属性中引用了外部实体",
    [XML_ERROR_MISPLACED_XML_PI] = "XML 声明不在开头",
    [XML_ERROR_UNKNOWN_ENCODING] = "不支持的字符编码",
    [XML_ERROR_INCORRECT_ENCODING] = "字符编码与声明不符",
    [XML_ERROR_UNCLOSED_CDATA_SECTION] = "CDATA 段没有结束",
    [XML_ERROR_EXTERNAL_ENTITY_HANDLING] = "外部实体无法处理",
    [XML_ERROR_NOT_STANDALONE] = "文档不是独立的",
    [XML_ERROR_UNEXPECTED_STATE] = "解析器状态异常",
    [XML_ERROR_ENTITY_DECLARED_IN_PE] = "实体声明在参数实体中",
    [XML_ERROR_FEATURE_REQUIRES_XML_DTD] = "需要 DTD 支持",
    [XML_ERROR_CANT_CHANGE_FEATURE_ONCE_PARSING] = "解析开始后不能更改设置",
    [XML_ERROR_UNBOUND_PREFIX] = "未声明的命名空间前缀",
    [XML_ERROR_UNDECLARING_PREFIX] = "不能取消声明命名空间前缀",
    [XML_ERROR_INCOMPLETE_PE] = "参数实体不完整",
    [XML_ERROR_XML_DECL] = "XML 声明格式不正确",
    [XML_ERROR_TEXT_DECL] = "文本声明格式不正确",
    [XML_ERROR_PUBLICID] = "公共标识符中有非法字符",
    [XML_ERROR_SUSPENDED] = "解析已暂停",
    [XML_ERROR_NOT_SUSPENDED] = "解析没有暂停",
    [XML_ERROR_ABORTED] = "解析已中止",
    [XML_ERROR_FINISHED] = "解析已结束",
    [XML_ERROR_SUSPEND_PE] = "不能在参数实体中暂停",
    [XML_ERROR_RESERVED_PREFIX_XML] = "保留的前缀 xml 用法不正确",
    [XML_ERROR_RESERVED_PREFIX_XMLNS] = "保留的前缀 xmlns 不能声明",
    [XML_ERROR_RESERVED_NAMESPACE_URI] = "保留的命名空间不能用于其他前缀",
    [XML_ERROR_INVALID_ARGUMENT] = "参数无效",
    [XML_ERROR_NO_BUFFER] = "缓冲区无效",
    [XML_ERROR_AMPLIFICATION_LIMIT_BREACH] = "实体展开过多（可能是恶意文件）",
};

static const char *const lxw_texts[] = {
    [LXW_NO_ERROR] = "没有错误",
    [LXW_ERROR_MEMORY_MALLOC_FAILED] = "内存不足",
    [LXW_ERROR_CREATING_XLSX_FILE] = "无法创建 XLSX 文件",
    [LXW_ERROR_CREATING_TMPFILE] = "无法创建临时文件",
    [LXW_ERROR_READING_TMPFILE] = "无法读取临时文件",
    [LXW_ERROR_ZIP_FILE_OPERATION] = "压缩文件读写出错",
    [LXW_ERROR_ZIP_PARAMETER_ERROR] = "压缩参数无效",
    [LXW_ERROR_ZIP_BAD_ZIP_FILE] = "压缩文件无效",
    [LXW_ERROR_ZIP_INTERNAL_ERROR] = "压缩库内部错误",
    [LXW_ERROR_ZIP_FILE_ADD] = "无法向压缩包添加文件",
    [LXW_ERROR_ZIP_CLOSE] = "关闭压缩包失败",
    [LXW_ERROR_FEATURE_NOT_SUPPORTED] = "不支持这个功能",
    [LXW_ERROR_NULL_PARAMETER_IGNORED] = "参数为空",
    [LXW_ERROR_PARAMETER_VALIDATION] = "参数无效",
    [LXW_ERROR_SHEETNAME_LENGTH_EXCEEDED] = "工作表名称超过 31 个字符",
    [LXW_ERROR_INVALID_SHEETNAME_CHARACTER] = "工作表名称中有不允许的字符",
    [LXW_ERROR_SHEETNAME_START_END_APOSTROPHE] = "工作表名称不能以单引号开头或结尾",
    [LXW_ERROR_SHEETNAME_ALREADY_USED] = "工作表名称重复",
    [LXW_ERROR_32_STRING_LENGTH_EXCEEDED] = "文字超过 32 个字符",
    [LXW_ERROR_128_STRING_LENGTH_EXCEEDED] = "文字超过 128 个字符",
    [LXW_ERROR_255_STRING_LENGTH_EXCEEDED] = "文字超过 255 个字符",
    [LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED] = "文字超过单元格允许的长度",
    [LXW_ERROR_SHARED_STRING_INDEX_NOT_FOUND] = "共享文字的序号不存在",
    [LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE] = "单元格超出工作表范围",
    [LXW_ERROR_WORKSHEET_MAX_URL_LENGTH_EXCEEDED] = "链接过长",
    [LXW_ERROR_WORKSHEET_MAX_NUMBER_URLS_EXCEEDED] = "链接过多",
    [LXW_ERROR_IMAGE_DIMENSIONS] = "图片尺寸无效",
};

_Static_assert(sizeof zip_texts / sizeof zip_texts[0] == BX_ZIP_LAST + 1, "BX_ZIP_LAST");
_Static_assert(sizeof xml_texts / sizeof xml_texts[0] == BX_XML_LAST + 1, "BX_XML_LAST");
_Static_assert(sizeof lxw_texts / sizeof lxw_texts[0] == BX_LXW_LAST + 1, "BX_LXW_LAST");

static const char *said(const char *const *texts, size_t n, int code)
{
    return code >= 0 && (size_t)code < n && texts[code] ? texts[code] : "未知错误";
}

const char *bx_zip_text(int code)
{
    return said(zip_texts, sizeof zip_texts / sizeof zip_texts[0], code);
}

const char *bx_xml_text(int code)
{
    return said(xml_texts, sizeof xml_texts / sizeof xml_texts[0], code);
}

const char *bx_lxw_text(int code)
{
    return said(lxw_texts, sizeof lxw_texts / sizeof lxw_texts[0], code);
}
