#!/usr/bin/env python3
"""A department of 上海市普陀区 that no published document shows, for the
district's 2025 layout set: money from all three budgets (the 政府性基金 and
国有资本经营 tables not empty), 事业收入 and 其他收入 beside the appropriations,
more functional rows than a page holds, basic spending by economic class.
Consistent by construction (every identity of layouts/shanghai-putuo-2025),
deterministic for a seed.

  gen_putuo.py OUT_DIR [SEED] [PROJECTS]
"""
import os
import random
import sys

GP, FUND, SOE = "一般公共预算", "政府性基金预算", "国有资本经营预算"

# 类 → (name, [(款, name, [(项, name)])]); the budget that funds it
CLASSES = [
    ("201", "一般公共服务支出", GP, [
        ("03", "政府办公厅（室）及相关机构事务",
         [("01", "行政运行"), ("02", "一般行政管理事务"), ("50", "事业运行"),
          ("99", "其他政府办公厅（室）及相关机构事务支出")]),
        ("05", "统计信息事务", [("01", "行政运行"), ("07", "专项普查活动")]),
        ("29", "群众团体事务", [("01", "行政运行"), ("99", "其他群众团体事务支出")]),
    ]),
    ("207", "文化旅游体育与传媒支出", GP, [
        ("01", "文化和旅游", [("09", "群众文化"), ("99", "其他文化和旅游支出")]),
        ("03", "体育", [("07", "群众体育")]),
    ]),
    ("208", "社会保障和就业支出", GP, [
        ("02", "民政管理事务", [("08", "基层政权建设和社区治理")]),
        ("05", "行政事业单位养老支出",
         [("01", "行政单位离退休"), ("02", "事业单位离退休"),
          ("05", "机关事业单位基本养老保险缴费支出"), ("06", "机关事业单位职业年金缴费支出")]),
        ("10", "社会福利", [("02", "老年福利"), ("04", "养老服务")]),
        ("11", "残疾人事业", [("04", "残疾人康复"), ("07", "残疾人生活和护理补贴")]),
    ]),
    ("210", "卫生健康支出", GP, [
        ("04", "公共卫生", [("08", "基本公共卫生服务")]),
        ("11", "行政事业单位医疗", [("01", "行政单位医疗"), ("02", "事业单位医疗")]),
    ]),
    ("212", "城乡社区支出", GP, [
        ("01", "城乡社区管理事务",
         [("01", "行政运行"), ("02", "一般行政管理事务"), ("04", "城管执法"),
          ("99", "其他城乡社区管理事务支出")]),
        ("05", "城乡社区环境卫生", [("01", "城乡社区环境卫生")]),
    ]),
    ("212", "城乡社区支出", FUND, [
        ("08", "国有土地使用权出让收入安排的支出",
         [("01", "征地和拆迁补偿支出"), ("04", "城市建设支出")]),
    ]),
    ("221", "住房保障支出", GP, [
        ("02", "住房改革支出", [("01", "住房公积金"), ("03", "购房补贴")]),
    ]),
    ("223", "国有资本经营预算支出", SOE, [
        ("01", "解决历史遗留问题及改革成本支出", [("99", "其他解决历史遗留问题及改革成本支出")]),
    ]),
]

ECONOMIC = [
    ("301", "工资福利支出", "人员经费",
     [("01", "基本工资"), ("02", "津贴补贴"), ("07", "绩效工资"),
      ("08", "机关事业单位基本养老保险缴费"), ("13", "住房公积金")]),
    ("302", "商品和服务支出", "公用经费",
     [("01", "办公费"), ("07", "邮电费"), ("11", "差旅费"), ("17", "公务接待费"), ("28", "工会经费")]),
    ("303", "对个人和家庭的补助", "人员经费", [("01", "离休费"), ("02", "退休费")]),
]


def money(v):
    return "%d.%02d" % divmod(v, 100)


def write(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(",".join(header) + "\n")
        for r in rows:
            f.write(",".join(money(c) if isinstance(c, int) else c for c in r) + "\n")


def split(rng, total, parts):
    """total (分) in `parts` positive pieces that add up exactly."""
    cuts = sorted(rng.sample(range(1, total), parts - 1)) if parts > 1 else []
    edges = [0] + cuts + [total]
    return [b - a for a, b in zip(edges, edges[1:])]


def main():
    out = sys.argv[1]
    rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
    os.makedirs(out, exist_ok=True)
    # one row per 项: its money by source, its basic and project spending
    items = []
    for cls, cname, budget, kuans in CLASSES:
        for kuan, kname, xiangs in kuans:
            for xiang, xname in xiangs:
                fiscal = rng.randrange(50_000_00, 9_000_000_00)
                shiye = rng.randrange(0, 800_000_00) if budget == GP and rng.random() < 0.3 else 0
                other = rng.randrange(0, 300_000_00) if budget == GP and rng.random() < 0.2 else 0
                basic_share = 0.7 if xname in ("行政运行", "事业运行") or kuan in ("05", "11") and cls in ("208", "210") else 0.0
                basic_gp = int(fiscal * basic_share) if budget == GP else 0
                items.append({"code": cls + kuan + xiang, "names": (cname, kname, xname),
                              "budget": budget, "fiscal": fiscal, "shiye": shiye, "other": other,
                              "basic_gp": basic_gp,
                              "basic": basic_gp + (shiye // 2 if basic_gp else 0)})

    def tree(select, fields):
        """Rows 类, 款, 项 in code order with the fields summed up the tree,
        then the 合计 row."""
        rows, seen = [], {}
        chosen = [i for i in items if select(i)]
        for i in chosen:
            for code, name in ((i["code"][:3], i["names"][0]), (i["code"][:5], i["names"][1]),
                               (i["code"], i["names"][2])):
                if code not in seen:
                    seen[code] = [code, name] + [0] * len(fields)
                    rows.append(seen[code])
                for k, f in enumerate(fields):
                    seen[code][2 + k] += f(i)
        rows.sort(key=lambda r: r[0])
        total = ["", "合计"] + [sum(f(i) for i in chosen) for f in fields]
        return [r for r in rows] + [total]

    total_all = lambda i: i["fiscal"] + i["shiye"] + i["other"]
    fiscal = lambda i: i["fiscal"]
    write(os.path.join(out, "02_收入预算总表.csv"),
          ["科目编码", "科目名称", "合计", "财政拨款收入", "事业收入", "事业单位经营收入", "其他收入"],
          tree(lambda i: True, [total_all, fiscal, lambda i: i["shiye"], lambda i: 0,
                                lambda i: i["other"]]))
    write(os.path.join(out, "03_支出预算总表.csv"), ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
          tree(lambda i: True, [total_all, lambda i: i["basic"],
                                lambda i: total_all(i) - i["basic"]]))
    for name, budget in (("05_一般公共预算支出功能分类预算表.csv", GP),
                         ("06_政府性基金预算支出功能分类预算表.csv", FUND),
                         ("07_国有资本经营预算支出功能分类预算表.csv", SOE)):
        write(os.path.join(out, name), ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
              tree(lambda i, b=budget: i["budget"] == b,
                   [fiscal, lambda i: i["basic_gp"], lambda i: i["fiscal"] - i["basic_gp"]]))

    by_budget = {b: sum(i["fiscal"] for i in items if i["budget"] == b) for b in (GP, FUND, SOE)}
    shiye, other = sum(i["shiye"] for i in items), sum(i["other"] for i in items)
    classes = []
    for i in items:
        c = i["code"][:3]
        if not classes or classes[-1][0] != c:
            classes.append([c, i["names"][0], 0, {GP: 0, FUND: 0, SOE: 0}])
        classes[-1][2] += total_all(i)
        classes[-1][3][i["budget"]] += i["fiscal"]
    merged = {}
    for c in classes:  # one 类 funded by two budgets is one row
        m = merged.setdefault(c[0], [c[0], c[1], 0, {GP: 0, FUND: 0, SOE: 0}])
        m[2] += c[2]
        for b in c[3]:
            m[3][b] += c[3][b]
    classes = [merged[k] for k in sorted(merged)]
    numerals = "一二三四五六七八九十"
    total = sum(by_budget.values()) + shiye + other
    ledger = [["收入", "", "0", "一、财政拨款收入", sum(by_budget.values())],
              ["收入", "", "1", "1. 一般公共预算资金", by_budget[GP]],
              ["收入", "", "1", "2. 政府性基金", by_budget[FUND]],
              ["收入", "", "1", "3. 国有资本经营预算", by_budget[SOE]],
              ["收入", "", "0", "二、事业收入", shiye],
              ["收入", "", "0", "三、事业单位经营收入", 0],
              ["收入", "", "0", "四、其他收入", other]]
    ledger += [["支出", "", "0", "%s、%s" % (numerals[k], c[1]), c[2]] for k, c in enumerate(classes)]
    ledger += [["收入", "合计", "0", "收入总计", total], ["支出", "合计", "0", "支出总计", total]]
    write(os.path.join(out, "01_财务收支预算总表.csv"), ["栏目", "类型", "层级", "项目", "金额"], ledger)
    fiscal_rows = [c for c in classes if sum(c[3].values())]
    ledger4 = [["收入", "", "0", "一、一般公共预算资金", by_budget[GP], "", "", "", ""],
               ["收入", "", "0", "二、政府性基金", by_budget[FUND], "", "", "", ""],
               ["收入", "", "0", "三、国有资本经营预算", by_budget[SOE], "", "", "", ""]]
    ledger4 += [["支出", "", "0", "%s、%s" % (numerals[k], c[1]), "", sum(c[3].values()), c[3][GP],
                 c[3][FUND], c[3][SOE]] for k, c in enumerate(fiscal_rows)]
    f_total = sum(by_budget.values())
    ledger4 += [["收入", "合计", "0", "收入总计", f_total, "", "", "", ""],
                ["支出", "合计", "0", "支出总计", "", f_total, by_budget[GP], by_budget[FUND],
                 by_budget[SOE]]]
    write(os.path.join(out, "04_财政拨款收支预算总表.csv"),
          ["栏目", "类型", "层级", "项目", "金额", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"],
          ledger4)

    # 一般公共预算 basic spending by economic class: 表5's 基本支出
    basic = sum(i["basic_gp"] for i in items)
    shares = split(rng, basic, sum(len(e[3]) for e in ECONOMIC))
    rows, k, staff, public = [], 0, 0, 0
    for cls, name, kind, kuans in ECONOMIC:
        parts = shares[k:k + len(kuans)]
        k += len(kuans)
        s = sum(parts)
        people = kind == "人员经费"
        rows.append([cls, name, s, s if people else 0, 0 if people else s])
        for (kuan, kname), v in zip(kuans, parts):
            rows.append([cls + kuan, kname, v, v if people else 0, 0 if people else v])
        staff += s if people else 0
        public += 0 if people else s
    rows.append(["", "合计", basic, staff, public])
    write(os.path.join(out, "08_一般公共预算基本支出经济分类预算表.csv"),
          ["科目编码", "科目名称", "合计", "人员经费", "公用经费"], rows)
    abroad, hosting, buy, run = (rng.randrange(0, 50_000_00) for _ in range(4))
    write(os.path.join(out, "09_三公经费和机关运行经费预算表.csv"),
          ["合计", "因公出国（境）费", "公务接待费", "公务用车小计", "公务用车购置费", "公务用车运行费",
           "机关运行经费"],
          [[abroad + hosting + buy + run, abroad, hosting, buy + run, buy, run, public]])
    with open(os.path.join(out, "dataset.yaml"), "w", encoding="utf-8") as f:
        f.write("# generated by tests/tools/gen_putuo.py: a department no published document shows\n"
                "template: shanghai-putuo-2025\nunit: 上海市普陀区某某街道办事处\nyear: 2025\n"
                "document: tables\n"
                "amounts: {unit: 元, decimals: 2}\ndisplay: {decimals: 2, zero: blank}\n"
                "fields: {范围: 部门, 表名: 部门, 编制: 编制部门}\n")
    print("%d functional rows (项), %d 元 in all" % (len(items), total // 100))


if __name__ == "__main__":
    main()
