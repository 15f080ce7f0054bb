/* The dataset a workbook carries: a hidden, protected worksheet written by
 * the XLSX back end and read by `budgetx import`/`render book.xlsx`. Each
 * row starts with a tag in column A:
 *
 *   budgetx  <format version>  <a note for whoever unhides the sheet>
 *   template <set name>            layout <digest of the set's files>
 *   unit <unit>   year <year>      amounts <unit name> <decimals>
 *   title / output / created <value>   (only when dataset.yaml gives them)
 *   tables <n> <n> …                   (only when dataset.yaml lists them)
 *   blank <n>                          (a template: blank rows per block)
 *   field <key> <value>                file <data name> <file name>
 *   csv <data name> <file name> <bytes>
 *   text <the CSV's text, RFC 4180>    (in pieces of BX_SOURCE_CHUNK bytes,
 *                                       one row each, to be joined)
 *
 * A text longer than BX_SOURCE_CHUNK bytes (a worksheet cell holds at most
 * 32,767 characters) continues in the same column of the following rows
 * tagged "+". Empty texts are empty cells. */
#ifndef BX_XLSX_SOURCE_H
#define BX_XLSX_SOURCE_H

#define BX_SOURCE_SHEET "budgetx"
#define BX_SOURCE_FORMAT "3"
#define BX_SOURCE_CONTINUE "+"
enum { BX_SOURCE_CHUNK = 30000 };

#endif /* BX_XLSX_SOURCE_H */
