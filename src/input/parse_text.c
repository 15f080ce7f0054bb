/* libcsv's and libyaml's messages in Chinese (parse_text.h). The YAML
 * problems are every one libyaml 0.2.5 reports (its reader, scanner and
 * parser; the emitter's are never seen here). */
#include "parse_text.h"

#include <csv.h>
#include <string.h>

const char *bx_csv_text(int code)
{
    switch (code) {
    case CSV_SUCCESS: return "没有错误";
    case CSV_EPARSE: return "引号不配对或引号后有多余字符";
    case CSV_ENOMEM: return "内存不足";
    case CSV_ETOOBIG: return "单元格过大";
    case CSV_EINVALID: return "参数无效";
    default: return "无法解析";
    }
}

static const struct {
    const char *english, *chinese;
} yaml_texts[] = {
    /* reader */
    {"input error", "读取出错"},
    {"invalid leading UTF-8 octet", "不是有效的 UTF-8 字符（开头字节无效）"},
    {"invalid trailing UTF-8 octet", "不是有效的 UTF-8 字符（后续字节无效）"},
    {"incomplete UTF-8 octet sequence", "UTF-8 字符不完整"},
    {"invalid length of a UTF-8 sequence", "UTF-8 字符长度无效"},
    {"invalid Unicode character", "无效的 Unicode 字符"},
    {"control characters are not allowed", "不允许控制字符"},
    {"incomplete UTF-16 character", "UTF-16 字符不完整"},
    {"incomplete UTF-16 surrogate pair", "UTF-16 代理对不完整"},
    {"unexpected low surrogate area", "UTF-16 代理对无效"},
    {"expected high surrogate area", "UTF-16 代理对无效"},
    {"input is too long", "文件过长"},
    /* scanner */
    {"did not find expected <stream-start>", "缺少文件开头"},
    {"found character that cannot start any token",
     "这个字符不能出现在这里（值中含有 : # 等字符时请加引号）"},
    {"could not find expected ':'", "缺少冒号“:”"},
    {"found unexpected end of stream", "文件意外结束（引号或括号没有闭合）"},
    {"mapping keys are not allowed in this context", "这里不能写“键:”"},
    {"block sequence entries are not allowed in this context", "这里不能写“- ”列表项"},
    {"mapping values are not allowed in this context",
     "这里不能有冒号“:”（值中含有冒号时请加引号）"},
    {"found a tab character that violates indentation", "缩进中有制表符（请用空格缩进）"},
    {"found a tab character where an indentation space is expected",
     "缩进中有制表符（请用空格缩进）"},
    {"found unexpected ':'", "多余的冒号“:”"},
    {"found unknown directive name", "未知的指令"},
    {"found extremely long version number", "版本号过长"},
    {"found duplicate %YAML directive", "%YAML 指令重复"},
    {"found incompatible YAML document", "不兼容的 YAML 版本"},
    {"found duplicate %TAG directive", "%TAG 指令重复"},
    {"found undefined tag handle", "未定义的标签"},
    {"found undefined alias", "引用了未定义的锚点"},
    {"found duplicate anchor; first occurrence", "锚点重复（第一次出现）"},
    {"second occurrence", "第二次出现"},
    {"found unexpected non-alphabetical character", "这里应为字母"},
    {"found an indentation indicator equal to 0", "缩进指示不能为 0"},
    {"found unknown escape character", "未知的转义字符"},
    {"found invalid Unicode character escape code", "无效的 Unicode 转义"},
    {"found unexpected document indicator", "引号中出现了文档分隔符"},
    {"found an incorrect leading UTF-8 octet", "URI 中的 UTF-8 字符无效"},
    {"found an incorrect trailing UTF-8 octet", "URI 中的 UTF-8 字符无效"},
    {"did not find expected comment or line break", "这里应为注释或换行"},
    {"did not find expected whitespace or line break", "这里应为空格或换行"},
    {"did not find expected whitespace", "这里应为空格"},
    {"did not find expected directive name", "缺少指令名称"},
    {"could not find expected directive name", "缺少指令名称"},
    {"did not find expected alphabetic or numeric character", "这里应为字母或数字"},
    {"did not find expected digit or '.' character", "这里应为数字或“.”"},
    {"did not find expected version number", "缺少版本号"},
    {"did not find expected '!'", "缺少“!”"},
    {"did not find the expected '>'", "缺少“>”"},
    {"did not find expected tag URI", "缺少标签 URI"},
    {"did not find URI escaped octet", "URI 转义无效"},
    {"did not find expected hexdecimal number", "这里应为十六进制数字"},
    {"did not find expected key", "缩进不一致或缺少“键:”（同一层的各行应对齐）"},
    {"did not find expected '-' indicator", "缩进不一致：列表项应以“- ”开头"},
    {"did not find expected node content", "缺少值"},
    {"did not find expected ',' or ']'", "缺少“,”或“]”"},
    {"did not find expected ',' or '}'", "缺少“,”或“}”"},
    {"did not find expected <document start>", "缺少文档开头“---”"},
    {"block sequence entries are not allowed here", "这里不能写“- ”列表项"},
    /* parser */
    {"duplicate %TAG directive", "%TAG 指令重复"},
    {"incompatible %YAML directive", "不兼容的 YAML 版本"},
    {"found duplicate anchor", "锚点重复"},
    /* contexts */
    {"while parsing a %TAG directive", "在 %TAG 指令中"},
    {"while parsing a block collection", "在一个块列表中"},
    {"while parsing a block mapping", "在一个块映射（键: 值）中"},
    {"while parsing a block node", "在一个块中"},
    {"while parsing a flow mapping", "在 { } 中"},
    {"while parsing a flow node", "在一个行内值中"},
    {"while parsing a flow sequence", "在 [ ] 中"},
    {"while parsing a node", "在一个值中"},
    {"while parsing a quoted scalar", "在一个带引号的值中"},
    {"while parsing a tag", "在一个标签中"},
    {"while parsing a tag directive", "在一个标签指令中"},
    {"while scanning a %TAG directive", "在 %TAG 指令中"},
    {"while scanning a %YAML directive", "在 %YAML 指令中"},
    {"while scanning a block scalar", "在一个多行文字中"},
    {"while scanning a directive", "在一个指令中"},
    {"while scanning a plain scalar", "在一个不带引号的值中"},
    {"while scanning a quoted scalar", "在一个带引号的值中"},
    {"while scanning a simple key", "在一个键中"},
    {"while scanning a tag", "在一个标签中"},
    {"while scanning a tag directive", "在一个标签指令中"},
    {"while scanning an alias", "在一个锚点引用中"},
    {"while scanning an anchor", "在一个锚点中"},
    {"while scanning for the next token", "在查找下一项时"},
};

const char *bx_yaml_said(const char *english)
{
    for (size_t i = 0; english && i < sizeof yaml_texts / sizeof yaml_texts[0]; i++)
        if (strcmp(yaml_texts[i].english, english) == 0)
            return yaml_texts[i].chinese;
    return NULL;
}

size_t bx_yaml_texts_count(void)
{
    return sizeof yaml_texts / sizeof yaml_texts[0];
}

void bx_yaml_texts_at(size_t i, const char **english, const char **chinese)
{
    *english = yaml_texts[i].english;
    *chinese = yaml_texts[i].chinese;
}
