/* What a workbook carries, made from a model's read-back record: its
 * dataset.yaml rows (the dataset schema) and CSV texts, for the dataset
 * sheet (dataset_sheet.h). */
#ifndef BX_CARRY_H
#define BX_CARRY_H

#include "dataset_sheet.h"
#include "readback.h"

/* out describes rb (and is valid as long as rb). */
void bx_carry_of(const bx_readback *rb, bx_carried *out);

#endif /* BX_CARRY_H */
