#!/usr/bin/python3
"""Deterministic generator of synthetic shenzhen-2024 budget datasets (benchmark input).

Usage
-----
    /usr/bin/python3 bench/gen_dataset.py --out DIR [--seed N] [--scale K] [--name UNIT] [--plain]
    /usr/bin/python3 bench/gen_dataset.py --out DIR [--seed N] --rows N --table 05
    /usr/bin/python3 bench/gen_dataset.py --out DIR [--seed N] --rows N --table 12

writes DIR/dataset.yaml and the 13 CSV files of the layout set `shenzhen-2024`
(01_收支总表.csv … 12_绩效指标.csv), same files, columns and structure as
samples/shenzhen-2024/.  Then `budgetx check DIR` reports 0 errors and 0 notices.

--seed N      which department: the unit name (深圳市XX局（本级）, 深圳市福田区XX局（本级）,
              深圳市XX服务中心 …), 主管部门, its 科目 codes, project names and every
              amount.  random.Random(seed) and a second stream for the department's
              features (see below) drive everything (no set iteration, no hash order),
              so the same arguments give byte-identical files.
--scale K     about K times the body rows of the sample in every table whose rows
              vary: 科目编码 rows (表1/表3/表6/表7 支出 side; 表10/表11, where the
              department has such money, grow slowly: about one 项 per 3 units of K,
              until the fund catalogue runs out; none below K ≈ 0.35), 经济分类 rows
              (表4/表8), projects (表5, 表12 tasks), performance indicators (表12).
              Fixed-shape tables stay fixed: 表2 (one row), the 收入 side of 表1/表6,
              表9 (三公).  K may be fractional (>= 0.1).
              Above K ≈ 300 the 经济分类 tables stop growing (every 3-digit class
              301–398 is in use); the other tables keep growing.
--name UNIT   overrides the unit name (主管部门 follows when UNIT ends in （本级）).
--rows N --table 05  (--scale is ignored with --rows)
              表5 项目支出总表 gets exactly N body rows (unit row + ~10 category rows +
              projects at level 2); everything else stays at scale 1.  表12's 年度主要任务
              lists the categories (same names and totals as 表5's level-1 rows), so the
              5↔12 `match` check stays cheap.
--rows N --table 12
              12_绩效指标.csv gets exactly N rows; everything else at scale 1.
              (Tables with 科目编码 cannot take 100,000 rows: their codes are limited to
              3/5/7 digits, and the same codes must appear in 表1/表6/表7.)

--plain       the old, simpler departments (the files of the generator before the
              features below, byte for byte except dataset.yaml's first comment).

What a department has
---------------------
Besides the seed's department itself, a second random stream (so --plain is
unchanged) decides which freedoms of a real budget it uses; over seeds 0–1199 at
scale 1 about: 31% 政府性基金 money, 10% 国有资本经营 money, 36% 基本支出 partly
from 事业收入/其他收入/上年非财政拨款结余, 32% 非财政拨款结余、结转, 63% 行政运行
(事业运行, 机关服务, 一般行政管理事务) under two or more 款, 30% projects that spend on
公务接待费/公务用车运行维护费.  -v prints the department's features.

How consistency is ensured
--------------------------
One internal model of the department is built and every CSV is derived from it;
all amounts are integers of 0.01 万元 (cents), so every sum is exact.

* Basic expenditure (基本支出) is a list of 经济分类 款 amounts (301/302/303 …).
  It is mapped to 功能分类 leaves: 30108→2080505, 30109→2080506, 30110→2101101 (02),
  30113→2210201, 30102→2210203, 30301/30302→2080501 (02), 30305→2080801, 30111→2101103,
  the rest spread over 行政运行/事业运行 (one or more 款) and a few other leaves.
  Some departments pay part of it from 事业收入, 其他收入 or last year's 非财政拨款
  balance: by 经济分类 (表4's columns; never the 三公 codes) and by 功能分类 (表3
  has all, 表7 the 一般公共预算 rest) independently, each at most 80% of a row, the
  same total.  The rest is 一般公共预算 of this year: 表2 基本支出拨款 = 表4
  一般公共预算拨款 = 表8/表7 基本支出.  (A basic expenditure paid from a 财政拨款
  carry-over cannot be shown: 表4 puts it under 上年结余、结转, 表8 under 基本支出,
  and the set pairs 表4 一般公共预算拨款 with 表8 基本支出 row by row.)
* Projects carry a 功能分类 leaf, a total and its funding split (履职类 / 专项 /
  政府投资 / 政府性基金 / 国有资本经营 / 财政专户 / 事业收入 / 上级补助 / 附属单位 /
  其他收入 / the carry-overs of 一般公共预算, 政府性基金, 国有资本经营 and
  非财政拨款).  The 一般公共预算 part (this year + its carry-over) feeds 表7/表8; the
  fund parts 表10/表11; all three 表6 and 表12 财政拨款; the rest is 表12 其他资金.
  Its 经济分类 split (表8 项目支出) uses 30217/30231 in some departments; 表9 is
  表8's 30212/30217/31013/30231 (basic + projects).
* 政府性基金 and 国有资本经营 money sits on leaves of their own 款 (21208 国有土地使用权
  出让收入安排的支出, 21214 污水处理费, 22960 彩票公益金, 223 国有资本经营预算支出 …,
  chosen by the department's field), each with one project of that fund (at most a
  third of the projects) and no basic expenditure.  A class may hold both kinds
  (212 城乡社区支出): 表6's row is then 表7's + 表10's.
* 表3 = per function leaf basic + all project money (+ 政府采购 parts ≤ their wholes);
  表7/表10/表11/表6 = the same leaves' money of that fund (leaves without any are
  left out); 表1/表6 支出 sides are the same trees as ledgers; parents are sums of
  children.
* 表2, 表1 收入, 表6 收入, 表5 unit row, 表12 totals are sums over the projects plus
  basic.  表1 上年结余 = 财政拨款结余 (表6's three carry-overs) + 非财政拨款结余.
* Names of the real 功能分类 are kept as they are, so 行政运行, 信息化建设, 征地和拆迁补偿
  支出 … recur under several 款 (the set's `match` pairs them by the rows above);
  synthetic 功能 names, 经济 names and projects are unique (a second "信息化建设"
  project becomes "信息化建设（二期）").
"""

import argparse
import bisect
import csv
import io
import math
import os
import random
import sys

# ---------------------------------------------------------------------------
# small helpers

DIG = "零一二三四五六七八九"


def cn(n):
    """Chinese numeral for 1 <= n < 100000 (一, 十二, 二十三, 一百零五, 三千二百 …)."""
    if n < 10:
        return DIG[n]
    if n < 20:
        return "十" + (DIG[n % 10] if n % 10 else "")
    out = []
    units = [(10000, "万"), (1000, "千"), (100, "百"), (10, "十"), (1, "")]
    zero = False
    started = False
    for value, name in units:
        d = (n // value) % 10
        if d == 0:
            if started:
                zero = True
            continue
        if zero:
            out.append("零")
            zero = False
        out.append(DIG[d] + name)
        started = True
    return "".join(out)


def money(c):
    """cents -> '1234.56'"""
    sign = "-" if c < 0 else ""
    c = abs(c)
    return f"{sign}{c // 100}.{c % 100:02d}"


def distribute(rng, total, caps):
    """total (cents) into parts with part i <= caps[i], random weights, exact sum"""
    assert 0 <= total <= sum(caps)
    w = [c * (0.3 + rng.random()) for c in caps]
    s = sum(w) or 1
    parts = [min(c, int(total * x / s)) for c, x in zip(caps, w)]
    rem = total - sum(parts)
    for i, c in enumerate(caps):
        if rem <= 0:
            break
        add = min(rem, c - parts[i])
        parts[i] += add
        rem -= add
    return parts


def split_amount(rng, total, n, floor=1):
    """total (cents) into n parts, each >= floor, random weights, exact sum."""
    if n <= 0:
        return []
    if total < n * floor:
        raise ValueError("amount too small to split")
    w = [rng.random() + 0.08 for _ in range(n)]
    s = sum(w)
    free = total - n * floor
    parts = [floor + int(free * x / s) for x in w]
    parts[0] += total - sum(parts)
    return parts


class Namer:
    """Unique names within one namespace; duplicates get （二）, （三） …"""

    def __init__(self, style="（{}）"):
        self.used = {}
        self.style = style

    def reserve(self, name):
        self.used[name] = 1

    def unique(self, base, alt=None):
        if base not in self.used:
            self.used[base] = 1
            return base
        if alt and alt not in self.used:
            self.used[alt] = 1
            return alt
        n = self.used[base] + 1
        while True:
            cand = base + self.style.format(cn(n))
            if cand not in self.used:
                self.used[base] = n
                self.used[cand] = 1
                return cand
            n += 1


# ---------------------------------------------------------------------------
# catalogues

# 功能分类: "类 name | domain", then " 款 name [*]: 项 code name; …" (* = an
# administrative 款 that takes 01 行政运行, 02 一般行政管理事务, 03 机关服务, 50 事业运行).
FUNC_TEXT = """
201 一般公共服务支出 | 政务
 20101 人大事务 *: 2010104 人大会议; 2010105 人大立法; 2010106 人大监督; 2010108 代表工作; 2010109 人大信访工作
 20103 政府办公厅（室）及相关机构事务 *: 2010305 专项业务活动; 2010306 政务公开审批; 2010308 信访事务; 2010309 参事事务
 20104 发展与改革事务 *: 2010404 战略规划与实施; 2010405 日常经济运行调节; 2010406 社会事业发展规划; 2010407 经济体制改革研究; 2010408 物价管理
 20105 统计信息事务 *: 2010504 信息事务; 2010505 专项统计业务; 2010506 统计管理; 2010507 专项普查活动; 2010508 统计抽样调查
 20106 财政事务 *: 2010604 预算改革业务; 2010605 财政国库业务; 2010606 财政监察; 2010607 信息化建设; 2010608 财政委托业务支出
 20107 税收事务 *: 2010709 信息化建设; 2010710 税收业务
 20108 审计事务 *: 2010804 审计业务; 2010805 审计管理; 2010806 信息化建设
 20111 纪检监察事务 *: 2011104 大案要案查处; 2011105 派驻派出机构; 2011106 巡视工作
 20113 商贸事务 *: 2011304 对外贸易管理; 2011305 国际经济合作; 2011306 外资管理; 2011308 招商引资
 20126 档案事务 *: 2012604 档案馆
 20129 群众团体事务 *: 2012904 工会事务; 2012906 共青团事务
 20132 组织事务 *: 2013205 公务员事务
 20133 宣传事务 *: 2013304 宣传管理
 20138 市场监督管理事务 *: 2013804 市场主体管理; 2013805 市场秩序执法; 2013808 信息化建设; 2013810 质量基础; 2013812 药品事务; 2013813 医疗器械事务; 2013814 化妆品事务; 2013815 质量安全监管; 2013816 食品安全监管
204 公共安全支出 | 公共安全
 20402 公安 *: 2040219 信息化建设; 2040220 执法办案; 2040221 特别业务; 2040222 特勤业务; 2040223 移民事务
 20404 检察 *: 2040410 检察监督
 20406 司法 *: 2040604 基层司法业务; 2040605 普法宣传; 2040606 律师管理; 2040607 公共法律服务; 2040610 社区矫正; 2040612 法治建设
205 教育支出 | 教育
 20501 教育管理事务 *:
 20502 普通教育: 2050201 学前教育; 2050202 小学教育; 2050203 初中教育; 2050204 高中教育; 2050205 高等教育
 20503 职业教育: 2050302 中等职业教育; 2050305 高等职业教育
 20507 特殊教育: 2050701 特殊学校教育
 20508 进修及培训: 2050801 教师进修; 2050802 干部教育; 2050803 培训支出
 20509 教育费附加安排的支出: 2050902 城市中小学校舍建设; 2050903 城市中小学教学设施
206 科学技术支出 | 科技创新
 20601 科学技术管理事务 *:
 20602 基础研究: 2060203 自然科学基金; 2060204 实验室及相关设施; 2060205 重大科学工程
 20603 应用研究: 2060302 社会公益研究; 2060303 高技术研究
 20604 技术研究与开发: 2060402 应用技术研究与开发; 2060403 产业技术研究与开发; 2060404 科技成果转化与扩散
 20605 科技条件与服务: 2060502 技术创新服务体系; 2060503 科技条件专项
 20607 科学技术普及: 2060702 科普活动; 2060703 青少年科技活动; 2060704 学术交流活动; 2060705 科技馆站
 20608 科技交流与合作: 2060801 国际交流与合作; 2060802 重大科技合作项目
207 文化旅游体育与传媒支出 | 文化旅游
 20701 文化和旅游 *: 2070104 图书馆; 2070107 艺术表演团体; 2070108 文化活动; 2070109 群众文化; 2070111 文化创作与保护; 2070112 文化和旅游市场管理; 2070113 旅游宣传; 2070114 文化和旅游管理事务
 20702 文物 *: 2070204 文物保护; 2070205 博物馆; 2070206 历史名城与古迹
 20703 体育 *: 2070304 运动项目管理; 2070307 体育场馆; 2070308 群众体育; 2070309 体育交流与合作
 20708 广播电视 *: 2070806 监测监管; 2070807 传输发射; 2070808 广播电视事务
208 社会保障和就业支出 | 社会保障
 20801 人力资源和社会保障管理事务 *: 2080104 综合业务管理; 2080105 劳动保障监察; 2080106 就业管理事务; 2080107 社会保险业务管理事务; 2080109 社会保险经办机构; 2080110 劳动关系和维权; 2080111 公共就业服务和职业技能鉴定机构; 2080112 劳动人事争议调解仲裁
 20802 民政管理事务 *: 2080208 基层政权建设和社区治理
 20807 就业补助: 2080701 就业创业服务补贴; 2080702 职业培训补贴; 2080704 社会保险补贴; 2080705 公益性岗位补贴; 2080711 就业见习补贴
 20809 退役安置: 2080901 退役士兵安置; 2080902 军队移交政府的离退休人员安置; 2080905 军队转业干部安置
 20810 社会福利: 2081001 儿童福利; 2081002 老年福利; 2081004 殡葬; 2081005 社会福利事业单位; 2081006 养老服务
 20811 残疾人事业: 2081104 残疾人康复; 2081105 残疾人就业; 2081106 残疾人体育; 2081107 残疾人生活和护理补贴
 20828 退役军人管理事务 *: 2082804 拥军优属; 2082805 军供保障
210 卫生健康支出 | 卫生健康
 21001 卫生健康管理事务 *:
 21002 公立医院: 2100201 综合医院; 2100202 中医（民族）医院; 2100203 传染病医院; 2100204 职业病防治医院; 2100205 精神病医院; 2100206 妇幼保健医院; 2100207 儿童医院
 21003 基层医疗卫生机构: 2100301 城市社区卫生机构
 21004 公共卫生: 2100401 疾病预防控制机构; 2100402 卫生监督机构; 2100403 妇幼保健机构; 2100405 应急救治机构; 2100406 采供血机构; 2100408 基本公共卫生服务; 2100409 重大公共卫生服务; 2100410 突发公共卫生事件应急处置
 21007 计划生育事务: 2100717 计划生育服务
 21013 医疗救助: 2101301 城乡医疗救助; 2101302 疾病应急救助
 21015 医疗保障管理事务 *: 2101504 信息化建设; 2101505 医疗保障政策管理; 2101506 医疗保障经办事务
 21016 老龄卫生健康事务: 2101601 老龄卫生健康事务
 21017 中医药事务: 2101704 中医（民族医）药专项
211 节能环保支出 | 生态环境
 21101 环境保护管理事务 *: 2110104 生态环境保护宣传; 2110105 环境保护法规、规划及标准; 2110106 生态环境国际合作及履约; 2110107 生态环境保护行政许可; 2110108 应对气候变化管理事务
 21103 污染防治: 2110301 大气; 2110302 水体; 2110303 噪声; 2110304 固体废弃物与化学品; 2110305 放射源和放射性废物监管; 2110306 辐射
 21104 自然生态保护: 2110401 生态保护; 2110402 农村环境保护; 2110404 生物及物种资源保护
 21111 污染减排: 2111101 生态环境监测与信息; 2111102 生态环境执法监察; 2111103 减排专项支出
 21113 循环经济: 2111301 循环经济
 21114 能源管理事务 *: 2111404 能源预测预警; 2111405 能源战略规划与实施; 2111406 能源科技装备; 2111407 能源行业管理
212 城乡社区支出 | 城乡社区
 21201 城乡社区管理事务 *: 2120104 城管执法; 2120105 工程建设标准规范编制与监管; 2120106 工程建设管理; 2120107 市政公用行业市场监管; 2120109 住宅建设与房地产市场监管; 2120110 执业资格注册、资质审查
 21202 城乡社区规划与管理: 2120201 城乡社区规划与管理
 21203 城乡社区公共设施: 2120303 小城镇基础设施建设
 21205 城乡社区环境卫生: 2120501 城乡社区环境卫生
 21206 建设市场管理与监督: 2120601 建设市场管理与监督
213 农林水支出 | 农林水利
 21301 农业农村 *: 2130106 科技转化与推广服务; 2130108 病虫害控制; 2130109 农产品质量安全; 2130110 执法监管; 2130111 统计监测与信息服务; 2130122 农业生产发展; 2130135 农业资源保护修复与利用
 21302 林业和草原 *: 2130205 森林资源培育; 2130207 森林资源管理; 2130209 森林生态效益补偿; 2130211 动植物保护; 2130212 湿地保护; 2130234 林业草原防灾减灾
 21303 水利 *: 2130305 水利工程建设; 2130306 水利工程运行与维护; 2130308 水利前期工作; 2130309 水利执法监督; 2130310 水土保持; 2130311 水资源节约管理与保护; 2130312 水质监测; 2130313 水文测报; 2130314 防汛; 2130315 抗旱; 2130316 农村水利
214 交通运输支出 | 交通运输
 21401 公路水路运输 *: 2140104 公路建设; 2140106 公路养护; 2140109 交通运输信息化建设; 2140110 公路和运输安全; 2140112 公路运输管理; 2140114 公路和运输技术标准化建设; 2140122 港口设施; 2140131 海事管理; 2140136 水路运输管理支出
 21402 铁路运输 *: 2140204 铁路路网建设; 2140206 铁路安全
 21403 民用航空运输 *: 2140304 机场建设; 2140306 民航安全
215 资源勘探工业信息等支出 | 工业信息
 21505 工业和信息产业监管 *: 2150507 专用通信; 2150508 无线电及信息通信监管; 2150510 工业和信息产业支持; 2150513 行业监管; 2150515 技术基础; 2150516 两化融合
 21508 支持中小企业发展和管理支出 *: 2150805 中小企业发展专项; 2150806 减免房租补贴
216 商业服务业等支出 | 商务
 21602 商业流通事务 *: 2160216 市场监测及信息管理; 2160217 民贸企业补贴
 21606 涉外发展服务支出 *: 2160602 外商投资环境建设补助资金
217 金融支出 | 金融
 21701 金融部门行政支出 *: 2170104 安全防卫
 21703 金融发展支出: 2170303 贴息; 2170304 补充小微企业融资担保风险补偿金
220 自然资源海洋气象等支出 | 自然资源
 22001 自然资源事务 *: 2200104 自然资源规划及管理; 2200106 自然资源利用与保护; 2200107 自然资源社会公益服务; 2200108 自然资源行业业务管理; 2200109 自然资源调查与确权登记; 2200112 土地资源储备支出; 2200113 地质矿产资源与环境调查; 2200114 地质勘查与矿产资源管理; 2200119 海域与海岛管理
 22005 气象事务 *: 2200504 气象事业机构; 2200506 气象探测; 2200507 气象信息传输及管理; 2200508 气象预报预测; 2200509 气象服务; 2200510 气象装备保障维护; 2200511 气象基础设施建设与维修; 2200513 气象法规与标准
221 住房保障支出 | 住房保障
 22101 保障性安居工程支出: 2210103 棚户区改造; 2210105 农村危房改造; 2210106 公共租赁住房; 2210107 保障性住房租金补贴; 2210108 老旧小区改造; 2210109 住房租赁市场发展; 2210110 保障性租赁住房
 22103 城乡社区住宅: 2210301 公有住房建设和维修改造支出; 2210302 住房公积金管理
222 粮油物资储备支出 | 物资储备
 22201 粮油物资事务 *: 2220106 粮食专项业务活动; 2220115 设施建设; 2220118 物资保管保养
 22204 粮油储备: 2220401 储备粮油补贴; 2220402 储备粮油差价补贴
 22205 重要商品储备: 2220509 医药储备; 2220510 食盐储备; 2220511 战略物资储备
224 灾害防治及应急管理支出 | 应急管理
 22401 应急管理事务 *: 2240104 灾害风险防治; 2240106 安全监管; 2240108 应急救援; 2240109 应急管理
 22402 消防救援事务 *: 2240204 消防应急救援
 22406 自然灾害防治: 2240601 地质灾害防治; 2240602 森林草原防灾减灾
 22407 自然灾害救灾及恢复重建支出: 2240703 自然灾害救灾补助; 2240704 自然灾害灾后重建补助
"""

# 政府性基金 功能分类 (表10), same format; a class that is also in FUNC keeps its name
FUND_TEXT = """
207 文化旅游体育与传媒支出 | 文化旅游
 20707 国家电影事业发展专项资金安排的支出: 2070701 资助国产影片放映; 2070702 资助城市影院; 2070799 其他国家电影事业发展专项资金支出
 20709 旅游发展基金支出: 2070901 宣传促销; 2070902 行业规划; 2070904 地方旅游开发项目补助
208 社会保障和就业支出 | 社会保障
 20822 大中型水库移民后期扶持基金支出: 2082201 移民补助; 2082202 基础设施建设和经济发展
211 节能环保支出 | 生态环境
 21160 可再生能源电价附加收入安排的支出: 2116001 风力发电补助; 2116002 太阳能发电补助; 2116003 生物质能发电补助
 21161 废弃电器电子产品处理基金支出: 2116101 回收处理费用补贴; 2116102 信息系统建设; 2116103 基金征管经费
212 城乡社区支出 | 城乡社区
 21208 国有土地使用权出让收入安排的支出: 2120801 征地和拆迁补偿支出; 2120802 土地开发支出; 2120803 城市建设支出; 2120804 农村基础设施建设支出; 2120805 补助被征地农民支出; 2120806 土地出让业务支出; 2120810 棚户区改造支出; 2120811 公共租赁住房支出; 2120814 农业生产发展支出; 2120816 农业农村生态环境支出; 2120899 其他国有土地使用权出让收入安排的支出
 21210 国有土地收益基金安排的支出: 2121001 征地和拆迁补偿支出; 2121002 土地开发支出; 2121099 其他国有土地收益基金支出
 21213 城市基础设施配套费安排的支出: 2121301 城市公共设施; 2121302 城市环境卫生; 2121303 公有房屋; 2121304 城市防洪; 2121399 其他城市基础设施配套费安排的支出
 21214 污水处理费安排的支出: 2121401 污水处理设施建设和运营; 2121402 代征手续费; 2121499 其他污水处理费安排的支出
 21215 土地储备专项债券收入安排的支出: 2121501 征地和拆迁补偿支出; 2121502 土地开发支出; 2121599 其他土地储备专项债券收入安排的支出
213 农林水支出 | 农林水利
 21366 大中型水库库区基金安排的支出: 2136601 基础设施建设和经济发展; 2136602 解决移民遗留问题; 2136603 库区防护工程维护
 21369 国家重大水利工程建设基金安排的支出: 2136901 南水北调工程建设; 2136902 三峡后续工作; 2136903 地方重大水利工程建设
214 交通运输支出 | 交通运输
 21460 车辆通行费安排的支出: 2146001 公路还贷; 2146002 政府还贷公路养护; 2146003 政府还贷公路管理; 2146099 其他车辆通行费安排的支出
 21462 民航发展基金支出: 2146201 民航机场建设; 2146202 空管系统建设; 2146203 民航安全; 2146208 航线和机场补贴
229 其他支出 | 其他
 22904 其他政府性基金及对应专项债务收入安排的支出: 2290401 其他政府性基金安排的支出; 2290402 其他地方自行试点项目收益专项债券收入安排的支出
 22908 彩票发行销售机构业务费安排的支出: 2290802 福利彩票发行机构的业务费支出; 2290803 体育彩票发行机构的业务费支出; 2290804 福利彩票销售机构的业务费支出; 2290805 体育彩票销售机构的业务费支出
 22960 彩票公益金安排的支出: 2296002 用于社会福利的彩票公益金支出; 2296003 用于体育事业的彩票公益金支出; 2296004 用于教育事业的彩票公益金支出; 2296006 用于残疾人事业的彩票公益金支出; 2296010 用于文化事业的彩票公益金支出; 2296012 用于法律援助的彩票公益金支出; 2296013 用于城乡医疗救助的彩票公益金支出; 2296099 用于其他社会公益事业的彩票公益金支出
"""

# 国有资本经营预算 功能分类 (表11)
SOE_TEXT = """
223 国有资本经营预算支出 | 国有资本
 22301 解决历史遗留问题及改革成本支出: 2230105 国有企业退休人员社会化管理补助支出; 2230106 国有企业棚户区改造支出; 2230199 其他解决历史遗留问题及改革成本支出
 22302 国有企业资本金注入: 2230201 国有经济结构调整支出; 2230202 公益性设施投资支出; 2230203 前瞻性战略性产业发展支出; 2230204 生态环境保护支出; 2230205 支持科技进步支出; 2230206 保障国家经济安全支出; 2230299 其他国有企业资本金注入
 22303 国有企业政策性补贴: 2230301 国有企业政策性补贴
 22399 其他国有资本经营预算支出: 2239999 其他国有资本经营预算支出
"""

# personnel 款: the basic-expenditure leaves every unit has (never extended)
PERSONNEL = {
    "208": "社会保障和就业支出",
    "20805": "行政事业单位养老支出",
    "2080501": "行政单位离退休",
    "2080502": "事业单位离退休",
    "2080505": "机关事业单位基本养老保险缴费支出",
    "2080506": "机关事业单位职业年金缴费支出",
    "20808": "抚恤",
    "2080801": "死亡抚恤",
    "210": "卫生健康支出",
    "21011": "行政事业单位医疗",
    "2101101": "行政单位医疗",
    "2101102": "事业单位医疗",
    "2101103": "公务员医疗补助",
    "221": "住房保障支出",
    "22102": "住房改革支出",
    "2210201": "住房公积金",
    "2210203": "购房补贴",
}

XIANG_PHRASES = [
    "专项业务活动", "信息化建设", "专项督查检查", "宣传与培训", "规划编制与研究",
    "标准制定与评估", "监测与统计分析", "应急保障", "行政许可与审批", "执法监管",
    "技术支撑服务", "数据资源管理", "对外交流与合作", "课题研究", "专家咨询论证",
    "档案管理", "后勤保障服务", "安全生产管理", "设施设备运行维护", "政府购买服务",
    "政策宣传推广", "人才队伍建设", "质量安全监测", "业务用房维修", "社会组织培育",
    "公共服务平台建设", "重点项目前期工作", "绩效评价与审计", "信用体系建设", "风险监测预警",
]
KUAN_PHRASES = [
    "综合管理事务", "专项业务事务", "监督管理事务", "公共服务事务", "数据治理事务",
    "规划发展事务", "安全保障事务", "宣传教育事务", "技术支撑事务", "对外合作事务",
    "标准质量事务", "行政审批事务", "调查统计事务", "应急处置事务", "人才发展事务",
    "基础设施事务", "信用管理事务", "改革创新事务",
]

# bureau, main 款, domain (for names), the district-level department ({r} 福田区,
# {s} 福田; None: 深圳市{r}{bureau})
BUREAUS = [
    ("医疗保障局", "21015", "医疗保障", "深圳市医疗保障局{s}分局"),
    ("市场监督管理局", "20138", "市场监管", "深圳市市场监督管理局{s}监管局"),
    ("发展和改革委员会", "20104", "发展改革", "深圳市{r}发展和改革局"),
    ("统计局", "20105", "统计", None),
    ("财政局", "20106", "财政", None),
    ("审计局", "20108", "审计", None),
    ("档案馆", "20126", "档案", None),
    ("人民政府办公厅", "20103", "政务服务", "深圳市{r}人民政府办公室"),
    ("商务局", "20113", "商务", None),
    ("公安局", "20402", "公安", "深圳市公安局{s}分局"),
    ("司法局", "20406", "司法行政", None),
    ("教育局", "20501", "教育", None),
    ("科技创新局", "20601", "科技创新", None),
    ("文化广电旅游体育局", "20701", "文化旅游", None),
    ("人力资源和社会保障局", "20801", "人力资源", None),
    ("民政局", "20802", "民政", None),
    ("退役军人事务局", "20828", "退役军人", None),
    ("卫生健康委员会", "21001", "卫生健康", "深圳市{r}卫生健康局"),
    ("生态环境局", "21101", "生态环境", "深圳市生态环境局{s}管理局"),
    ("城市管理和综合执法局", "21201", "城市管理", None),
    ("住房和建设局", "21201", "住房建设", None),
    ("农业农村局", "21301", "农业农村", None),
    ("水务局", "21303", "水务", None),
    ("交通运输局", "21401", "交通运输", "深圳市交通运输局{s}管理局"),
    ("工业和信息化局", "21505", "工业和信息化", None),
    ("地方金融监督管理局", "21701", "金融监管", "深圳市{r}金融工作局"),
    ("规划和自然资源局", "22001", "规划和自然资源", "深圳市规划和自然资源局{s}管理局"),
    ("气象局", "22005", "气象", "深圳市{r}气象服务中心"),
    ("应急管理局", "22401", "应急管理", None),
]
REGIONS = ["", "福田区", "罗湖区", "南山区", "盐田区", "宝安区", "龙岗区", "龙华区", "坪山区", "光明区", "大鹏新区"]
CENTERS = ["服务中心", "事务中心", "信息中心", "评审中心", "技术保障中心", "发展研究中心"]

# 经济分类 (部门预算支出经济分类)
ECON_CLASS = {
    "301": "工资福利支出", "302": "商品和服务支出", "303": "对个人和家庭的补助",
    "307": "债务利息及费用支出", "309": "资本性支出（基本建设）", "310": "资本性支出",
    "311": "对企业补助（基本建设）", "312": "对企业补助", "313": "对社会保障基金补助",
    "399": "其他支出",
}
ECON = {
    "30101": "基本工资", "30102": "津贴补贴", "30103": "奖金", "30106": "伙食补助费",
    "30107": "绩效工资", "30108": "机关事业单位基本养老保险缴费", "30109": "职业年金缴费",
    "30110": "职工基本医疗保险缴费", "30111": "公务员医疗补助缴费", "30112": "其他社会保障缴费",
    "30113": "住房公积金", "30114": "医疗费", "30199": "其他工资福利支出",
    "30201": "办公费", "30202": "印刷费", "30203": "咨询费", "30204": "手续费", "30205": "水费",
    "30206": "电费", "30207": "邮电费", "30209": "物业管理费", "30211": "差旅费",
    "30212": "因公出国（境）费用", "30213": "维修（护）费", "30214": "租赁费", "30215": "会议费",
    "30216": "培训费", "30217": "公务接待费", "30218": "专用材料费", "30224": "被装购置费",
    "30225": "专用燃料费", "30226": "劳务费", "30227": "委托业务费", "30228": "工会经费",
    "30229": "福利费", "30231": "公务用车运行维护费", "30239": "其他交通费用",
    "30240": "税金及附加费用", "30299": "其他商品和服务支出",
    "30301": "离休费", "30302": "退休费", "30303": "退职（役）费", "30304": "抚恤金",
    "30305": "生活补助", "30306": "救济费", "30307": "医疗费补助", "30308": "助学金",
    "30309": "奖励金", "30399": "其他对个人和家庭的补助",
    "31001": "房屋建筑物购建", "31002": "办公设备购置", "31003": "专用设备购置",
    "31005": "基础设施建设", "31006": "大型修缮", "31007": "信息网络及软件购置更新",
    "31008": "物资储备", "31013": "公务用车购置", "31019": "其他交通工具购置",
    "31021": "文物和陈列品购置", "31022": "无形资产购置", "31099": "其他资本性支出",
    "39906": "赠与", "39907": "国家赔偿费用支出",
    "39908": "对民间非营利组织和群众性自治组织补贴", "39999": "其他支出",
}
# typical basic amounts at the sample's size (万元)
BASIC_TYPICAL = {
    "30101": 4500, "30102": 1700, "30103": 930, "30107": 1500, "30106": 40, "30108": 650,
    "30109": 305, "30110": 277, "30111": 60, "30112": 6, "30113": 683, "30114": 12,
    "30199": 264, "30201": 235, "30202": 19, "30205": 8, "30206": 125, "30207": 30,
    "30209": 768, "30211": 14, "30212": 12, "30213": 40, "30214": 60, "30215": 5,
    "30216": 10, "30217": 1.44, "30226": 20, "30227": 50, "30228": 106, "30229": 12,
    "30231": 42, "30239": 152, "30299": 172, "30301": 20, "30302": 292, "30305": 2.2,
    "30307": 8, "30399": 10,
}
BASIC_MANDATORY = ["30101", "30102", "30108", "30109", "30110", "30112", "30113", "30199",
                   "30201", "30217", "30228", "30229", "30231", "30239", "30299", "30302"]
BASIC_OPTIONAL = ["30106", "30111", "30114", "30202", "30205", "30206", "30207", "30209",
                  "30211", "30212", "30213", "30214", "30215", "30216", "30226", "30227",
                  "30301", "30305", "30307", "30399"]
PROJECT_MANDATORY = ["30227", "30299"]
PROJECT_OPTIONAL = ["30201", "30202", "30203", "30211", "30213", "30214", "30215", "30216",
                    "30218", "30226", "30240", "30309", "31002", "31003", "31006", "31007",
                    "31022", "31099", "39908"]
# basic codes a project may also use
PROJECT_SHAREABLE = {"30201", "30202", "30211", "30213", "30214", "30215", "30216", "30226", "30227",
                     "30299", "30399"}
SANGONG = {"30212", "30217", "30231", "31013"}  # never synthesised, 三公 only
SYN_ECON = {
    "301": ["岗位津贴", "加班补贴", "值班补贴", "交通补贴", "通讯补贴", "高温补贴", "年终考核奖励",
            "人才津贴", "工作性津贴", "生活性补贴", "见习人员补贴", "聘用人员工资",
            "劳务派遣人员工资", "临聘人员社保缴费", "补充医疗保险缴费", "工伤保险缴费",
            "失业保险缴费", "生育保险缴费", "独生子女父母奖励", "遗属补助"],
    "302": ["专业技术服务费", "课题研究费", "数据采集费", "宣传推广费", "系统运维费", "安保服务费",
            "保洁服务费", "检验检测费", "法律服务费", "审计服务费", "评审论证费", "设备租赁费",
            "网络通信费", "软件服务费", "档案整理费", "专家咨询费", "翻译服务费", "会务服务费",
            "车辆租赁费", "绿化养护费", "资料印刷费", "展览展示费", "监测服务费", "测绘服务费",
            "保险费", "广告费", "信息服务费", "外包服务费", "消防维保费", "电梯维保费",
            "食堂运营费"],
    "303": ["抚恤补助", "困难救助", "慰问金", "助学补助", "丧葬补助", "伤残补助", "见义勇为奖励",
            "优抚补助", "临时救助", "养老服务补贴", "高龄津贴", "残疾人补贴"],
    "310": ["专用仪器购置", "安防设备购置", "实验设备购置", "医疗设备购置", "办公家具购置",
            "图书资料购置", "软件系统购置", "网络设备购置", "监测设备购置", "应急装备购置",
            "执法装备购置", "档案设备购置", "视频会议设备购置", "服务器购置", "存储设备购置"],
}

SYN_QUAL = {
    "301": ["编外人员", "聘员", "雇员", "临聘人员", "见习人员", "驻外人员"],
    "302": ["专项", "业务", "综合", "日常", "外包", "年度", "定期", "应急", "信息化", "基层"],
    "303": ["退休人员", "遗属", "优抚对象", "困难职工", "低保对象", "特殊群体"],
    "310": ["专项", "更新", "补充", "应急", "新增", "基层"],
}

PROJECT_CORES = [
    "综合管理", "政策研究管理", "信息化系统运行维护", "信息化服务类项目（非运维服务部分）",
    "信息化新建项目（非政府投资项目）", "监督检查", "宣传教育", "专项整治行动", "标准化建设",
    "业务培训", "档案数字化", "安全生产保障", "办公场所修缮", "法律顾问服务", "第三方评估",
    "课题研究", "数据治理服务", "应急能力建设", "执法装备购置", "监测网络运行",
    "公共服务平台运营", "专家咨询论证", "统计调查", "业务用房租赁", "党建工作",
    "对外交流合作", "人才引进培养", "重点领域专项检查", "智慧化平台建设", "基金监督管理",
    "支付和价格管理", "政务服务事项办理", "信用体系建设", "行政审批服务", "风险监测预警",
    "公共关系与新闻宣传", "机关后勤保障", "基层站所运行保障",
]
TRANSFERS = ["中央财政转移支付", "中央财政转移支付", "省级财政转移支付"]
TRANSFER_TOPICS = ["服务能力提升", "能力建设", "专项工作", "体系建设", "基础设施建设", "改革发展",
                   "公共服务", "监管能力提升", "信息化建设", "人才培养", "质量提升", "试点示范"]
STREETS = ["园岭", "南园", "沙头", "香蜜湖", "梅林", "莲花", "华富", "福保", "华强北", "桂园", "黄贝",
           "东门", "翠竹", "东晓", "南湖", "笋岗", "东湖", "莲塘", "清水河", "南头", "沙河", "蛇口",
           "招商", "粤海", "桃源", "西丽", "新安", "西乡", "航城", "福永", "福海", "沙井", "新桥",
           "松岗", "燕罗", "石岩", "平湖", "坂田", "布吉", "南湾", "横岗", "龙城", "坪地", "观湖",
           "民治", "大浪", "观澜", "福城"]
PROJECT_PREFIXES = ["", "", "市级", "重点区域", "基层", "数字化", "智慧", "跨部门", "年度", "专项"]
ACTIVITIES = [
    "专业技术服务", "数据分析与治理", "系统运行维护", "政策宣传推广", "专项监督检查", "课题调研",
    "业务培训", "档案整理", "法律服务", "第三方评估", "设备购置", "场地租赁", "专家论证",
    "应急演练", "信息公开", "现场核查", "标准制定", "绩效评价", "质量抽检", "公共服务购买",
    "平台运营", "安全保障", "会议组织", "资料印制",
]
OBJECTS = [
    "监督检查", "政策宣传", "业务培训", "档案整理", "数据治理", "系统运维", "专项检查", "法律咨询",
    "课题研究", "应急演练", "安全生产排查", "信息公开", "投诉处理", "行政审批", "统计调查",
    "现场核查", "专家论证", "绩效评价", "内部审计", "资产清查", "宣传活动", "调研走访",
    "技术评审", "标准制定", "质量抽检", "风险排查",
]
TARGETS = ["定点机构", "重点企业", "服务网点", "基层站所", "社区", "学校", "医疗机构", "市场主体",
           "办事群众", "服务对象", "参训人员", "企业用户"]
GOAL_VERBS = ["完善", "推进", "强化", "提升", "加快", "深化", "规范", "优化", "做实", "健全", "夯实", "创新"]
GOAL_OBJECTS = ["政策体系", "监督管理", "信息化建设", "服务能力", "队伍建设", "法治建设",
                "标准化建设", "风险防控", "数据治理", "应急保障", "改革创新", "协同治理",
                "基层基础工作", "公共服务供给", "营商环境"]


def parse_func_catalog(text=FUNC_TEXT):
    classes = {}  # code -> dict(name, domain, kuans: {code: dict(name, admin, items: {code: name})})
    cur = None
    for line in text.strip("\n").split("\n"):
        if not line.startswith(" "):
            head, domain = line.split(" | ")
            code, name = head.split(" ", 1)
            cur = classes[code] = {"name": name, "domain": domain, "kuans": {}}
            continue
        head, _, items = line.strip().partition(":")
        parts = head.split()
        code, name = parts[0], parts[1]
        admin = len(parts) > 2 and parts[2] == "*"
        its = {}
        for it in items.split(";"):
            it = it.strip()
            if it:
                c, n = it.split(" ", 1)
                its[c] = n
        cur["kuans"][code] = {"name": name, "admin": admin, "items": its}
    return classes


FUNC = parse_func_catalog()
FUND = parse_func_catalog(FUND_TEXT)
SOE = parse_func_catalog(SOE_TEXT)
# what a department of each main 款 (or class) spends 政府性基金 on, best first
FUND_PREF = {
    "212": ["2120803", "2121301", "2121302", "2120801", "2120802", "2121401", "2120899", "2121001"],
    "22001": ["2120802", "2120801", "2121001", "2121002", "2120806", "2121501", "2120899"],
    "213": ["2121401", "2136903", "2120814", "2136601", "2120816"],
    "214": ["2146001", "2146002", "2146201", "2120803"],
    "208": ["2296002", "2296006", "2082201", "2296099"],
    "207": ["2296003", "2296010", "2070904", "2070701"],
    "205": ["2296004", "2120803"],
    "210": ["2296013", "2296099"],
    "211": ["2121401", "2116101", "2290401"],
    "204": ["2296012", "2290401"],
    "": ["2290401", "2296099", "2120803", "2290402"],
}
FUND_LIKELY = {"212", "22001", "213", "214"}  # land, water, transport: usually fund money
FUND_MAYBE = {"208", "207"}                   # 彩票公益金
SOE_LIKELY = {"20106", "20104", "21505", "20113", "21401", "22001"}
# project names of fund money, by 款
FUND_CORES = {
    "20707": ["电影放映补助", "城市影院建设资助"], "20709": ["旅游宣传促销", "旅游开发项目补助"],
    "20822": ["水库移民后期扶持"], "21160": ["可再生能源发电补助"],
    "21161": ["废弃电器电子产品回收处理补贴"],
    "21208": ["土地整备", "征地拆迁补偿", "城市更新基础设施建设", "土地出让业务", "公共租赁住房筹建",
              "棚户区改造", "城市道路建设"],
    "21210": ["征地补偿", "土地开发整理"], "21213": ["市政配套设施建设", "环境卫生设施建设", "城市防洪设施建设"],
    "21214": ["污水处理设施运营", "污水管网建设"], "21215": ["土地储备"], "21366": ["库区基础设施建设"],
    "21369": ["重大水利工程建设"], "21460": ["政府还贷公路养护"], "21462": ["机场建设补助", "航线补贴"],
    "22904": ["专项债券项目", "其他政府性基金项目"], "22908": ["彩票发行销售业务"],
    "22301": ["国企改革成本补助", "国企退休人员社会化管理补助"],
    "22302": ["国有企业资本金注入", "产业发展资本金注入", "公益性设施投资"],
    "22303": ["国有企业政策性补贴"], "22399": ["国有资本经营预算项目"],
}

# ---------------------------------------------------------------------------
# the model


class Gen:
    def __init__(self, seed, scale, name=None, year=2024, rows=None, table=None, plain=False):
        self.seed = seed
        self.rng = random.Random(seed)
        # the department's features (funds, other sources, repeated names …) draw from a
        # stream of their own, so that --plain, which has none, gives the old files
        self.xr = random.Random(seed * 1000003 + 7)
        self.scale = scale
        self.year = year
        self.rows = rows
        self.table = table
        self.plain = plain
        # what grows: scale for the code tables, projects and indicators
        self.k = scale
        self.identity(name)
        self.size = math.exp(self.rng.uniform(math.log(0.4), math.log(2.5)))
        self.func_names = Namer()
        self.econ_names = Namer()
        self.proj_names = Namer("（{}期）")
        self.proj_names.reserve("基本支出")
        self.features()

    def features(self):
        """which of the freedoms of a real budget this department uses (none with --plain)"""
        xr = self.xr
        mk = self.main_kuan
        center = self.kind == "center"
        if mk in FUND_LIKELY or mk[:3] in FUND_LIKELY:
            pf = 0.75
        elif mk[:3] in FUND_MAYBE:
            pf = 0.45
        else:
            pf = 0.15
        draws = [xr.random() for _ in range(6)]  # always six draws: stable per seed
        on = not self.plain
        self.f_fund = on and draws[0] < pf                                       # 表10
        self.f_soe = on and draws[1] < (0.3 if mk in SOE_LIKELY else 0.075)      # 表11
        self.f_nonapp = on and draws[2] < (0.6 if center else 0.25)            # 基本支出 not only 拨款
        self.f_repeat = on                                   # real names as they are (行政运行 …)
        self.f_multi = on and draws[3] < 0.65               # 行政运行/事业运行 under several 款
        self.f_sangong = on and draws[4] < 0.3              # projects spend on 30217/30231
        self.f_nonfin_proj = self.f_nonapp and draws[5] < 0.7  # projects from 非财政拨款结转

    # -- who -----------------------------------------------------------------
    def identity(self, name):
        seed = self.seed
        nb, nr = len(BUREAUS), len(REGIONS)

        def perm(c, n):
            p = 97
            while math.gcd(p, n) != 1:
                p += 2
            return (c * p + 11) % n, c // n

        def department(b, r):
            if r and b[3]:
                short = r[:-2] if r.endswith("新区") else r[:-1]
                return b[3].format(r=r, s=short)
            return f"深圳市{r}{b[0]}"

        if seed % 10 < 7:
            self.kind = "admin"
            idx, cycle = perm((seed // 10) * 7 + seed % 10, nb * nr)
            b, r = BUREAUS[idx % nb], REGIONS[idx // nb]
            dept = department(b, r)
            extra = f"第{cn(cycle + 1)}直属分局" if cycle else ""
            unit = f"{dept}{extra}（本级）"
        else:
            self.kind = "center"
            idx, cycle = perm((seed // 10) * 3 + seed % 10 - 7, nb * nr * len(CENTERS))
            center = CENTERS[idx % len(CENTERS)]
            idx //= len(CENTERS)
            b, r = BUREAUS[idx % nb], REGIONS[idx // nb]
            dept = department(b, r)
            extra = f"第{cn(cycle + 1)}" if cycle else ""
            unit = f"深圳市{r}{b[2]}{extra}{center}"
        self.bureau = b
        self.domain = b[2]
        self.main_kuan = b[1]
        self.dept = dept
        self.unit = unit
        if name:
            self.unit = name
            if name.endswith("（本级）"):
                self.dept = name[: -len("（本级）")]

    # -- 经济分类 ------------------------------------------------------------
    def econ_allocator(self):
        """state for synthetic 经济分类 款: free suffixes of the real classes, then new classes"""
        self.syn_class_pool = [str(c) for c in range(304, 399) if str(c) not in ECON_CLASS]
        self.syn_classes = {}  # code -> (name, base)
        self.syn_class_count = {b: 1 for b in SYN_ECON}
        self.free = {}  # class code -> list of free 2-digit suffixes
        self.open_class = {b: b for b in SYN_ECON}
        self.syn_word = {b: 0 for b in SYN_ECON}
        for b in SYN_ECON:
            real = {c[3:] for c in ECON if c[:3] == b}
            self.free[b] = [f"{i:02d}" for i in range(1, 99) if f"{i:02d}" not in real]

    def synth_econ(self, base):
        cls = self.open_class[base]
        if not self.free[cls]:
            if not self.syn_class_pool:
                return None, None  # every 3-digit 经济分类 class is taken (scale > ~300)
            cls = self.syn_class_pool.pop(0)
            self.syn_class_count[base] += 1
            self.syn_classes[cls] = (ECON_CLASS[base] + f"（{cn(self.syn_class_count[base])}）", base)
            self.free[cls] = [f"{i:02d}" for i in range(1, 100)]
            self.open_class[base] = cls
        suffix = self.free[cls].pop(0)
        words = SYN_ECON[base]
        i = self.syn_word[base]
        self.syn_word[base] += 1
        w = words[i % len(words)]
        quals = SYN_QUAL[base]
        if i >= len(words):
            w = quals[(i // len(words) - 1) % len(quals)] + w
        return cls + suffix, self.econ_names.unique(w)

    def econ_class_name(self, cls):
        if cls in ECON_CLASS:
            return ECON_CLASS[cls]
        return self.syn_classes[cls][0]

    def build_econ(self, k):
        rng = self.rng
        self.econ_allocator()
        self.econ_name = {}  # 款 code -> name
        for c in ECON:
            self.econ_names.reserve(ECON[c])
        for c in ECON_CLASS:
            self.econ_names.reserve(ECON_CLASS[c])
        mandatory = list(BASIC_MANDATORY)
        mandatory.insert(2, "30107" if self.kind == "center" else "30103")
        optional = list(BASIC_OPTIONAL)
        rng.shuffle(optional)
        nb = max(len(mandatory), round(25 * k + rng.randint(-3, 3)))
        basic = mandatory + optional[: max(0, nb - len(mandatory))]
        while len(basic) < nb:
            base = rng.choice(["301", "301", "302", "302", "302", "302", "302", "303"])
            code, nm = self.synth_econ(base)
            if code is None:
                break
            self.econ_name[code] = nm
            basic.append(code)
        for c in basic:
            if c in ECON:
                self.econ_name[c] = ECON[c]
        # basic amounts
        self.basic_econ = {}
        for c in basic:
            typ = BASIC_TYPICAL.get(c)
            if typ is None:
                typ = rng.uniform(5, 200)
            v = typ * self.size * rng.uniform(0.6, 1.5)
            cents = max(1, round(v * 100))
            if cents > 100000 and rng.random() < 0.3:
                cents = cents // 100 * 100
            self.basic_econ[c] = cents
        # project 经济分类 codes: part shared with basic, part project-only
        np_ = max(2, round(14 * k + rng.randint(-2, 2)))
        shareable = [c for c in basic if c in PROJECT_SHAREABLE
                     or (c not in ECON and c[:3] not in ("301", "303"))]
        rng.shuffle(shareable)
        n_shared = min(len(shareable), round(np_ * rng.uniform(0.3, 0.5)))
        proj = list(PROJECT_MANDATORY)
        for c in shareable[:n_shared]:
            if c not in proj:
                proj.append(c)
        opt = [c for c in PROJECT_OPTIONAL if c not in proj and c not in self.basic_econ]
        rng.shuffle(opt)
        if rng.random() < 0.15:
            opt.insert(0, "31013")  # 公务用车购置 (表9 购置费)
        while len(proj) < np_ and opt:
            proj.append(opt.pop(0))
        while len(proj) < np_:
            base = rng.choice(["302", "302", "302", "310"])
            code, nm = self.synth_econ(base)
            if code is None:
                break
            self.econ_name[code] = nm
            proj.append(code)
        if self.f_sangong:  # projects with 公务接待费 / 公务用车运行维护费 (表9 counts them)
            proj += self.xr.choice([["30217"], ["30231"], ["30217", "30231"]])
        for c in proj:
            if c in ECON:
                self.econ_name[c] = ECON[c]
        self.proj_econ_codes = proj

    # -- 功能分类 ------------------------------------------------------------
    def real(self, name):
        """a name of the real 功能分类: as it is (行政运行 under several 款, as the
        catalogue has it), or made unique with --plain"""
        if self.f_repeat:
            self.func_names.reserve(name)
            return name
        return self.func_names.unique(name)

    def add_leaf(self, code, name, fund=None):
        """register a 项 (and its 款/类 parents, which must exist); fund: None
        (一般公共预算), "gf" (政府性基金) or "gy" (国有资本经营)"""
        self.leaves[code] = {"name": name, "basic": 0, "nonapp": 0, "projects": [], "personnel": False,
                             "basic_cap": False, "proc": 0, "sme": 0, "micro": 0, "fund": fund}
        self.kuans[code[:5]]["leaves"].append(code)

    def add_class(self, code):
        if code in self.classes:
            return
        cat = FUNC.get(code) or FUND.get(code) or SOE[code]
        self.classes[code] = {"name": self.real(cat["name"]), "domain": cat["domain"]}

    def add_kuan(self, code, name=None, fund=None):
        self.add_class(code[:3])
        if name is None:
            cat = {"gf": FUND, "gy": SOE}.get(fund, FUNC)
            name = cat[code[:3]]["kuans"][code]["name"] if code in cat.get(code[:3], {}).get("kuans", {}) \
                else PERSONNEL[code]
            name = self.real(name)
        else:
            name = self.func_names.unique(name)
        self.kuans[code] = {"name": name, "leaves": [], "free": None, "fund": fund}

    def kuan_candidates(self, kcode):
        """remaining real/generic 项 (code, name) of a 款, in code order"""
        cat = FUNC.get(kcode[:3], {}).get("kuans", {}).get(kcode)
        out = []
        if cat:
            items = dict(cat["items"])
            if cat["admin"]:
                items.setdefault(kcode + "02", "一般行政管理事务")
                items.setdefault(kcode + "03", "机关服务")
            base = cat["name"]
            items.setdefault(kcode + "99", "其他" + base + ("" if base.endswith("支出") else "支出"))
            for c in sorted(items):
                if c not in self.leaves:
                    out.append((c, items[c]))
        return out

    def synth_leaf(self, kcode):
        k = self.kuans[kcode]
        if k["free"] is None:
            cat = FUNC.get(kcode[:3], {}).get("kuans", {}).get(kcode, {"items": {}})
            reserved = set(cat["items"]) | {kcode + s for s in ("01", "02", "03", "50", "99")}
            k["free"] = [kcode + f"{i:02d}" for i in range(4, 99) if kcode + f"{i:02d}" not in reserved]
            k["free"] = [c for c in k["free"] if c not in self.leaves]
        if not k["free"]:
            return False
        code = k["free"].pop(self.rng.randrange(len(k["free"])))
        phrase = self.rng.choice(XIANG_PHRASES)
        dom = self.classes[kcode[:3]]["domain"]
        self.add_leaf(code, self.func_names.unique(phrase, dom + phrase))
        return True

    def grow_kuan(self, kcode, n):
        """add n leaves to a 款: its real 项 first (random subset), then synthetic"""
        cands = self.kuan_candidates(kcode)
        self.rng.shuffle(cands)
        added = 0
        for c, nm in cands:
            if added >= n:
                break
            self.add_leaf(c, self.real(nm))
            added += 1
        while added < n and self.synth_leaf(kcode):
            added += 1
        self.kuans[kcode]["leaves"].sort()
        return added

    def build_func(self, k):
        rng = self.rng
        self.classes, self.kuans, self.leaves = {}, {}, {}
        center = self.kind == "center"
        # the personnel block first: its real names are never numbered
        self.add_kuan("20805")
        ret = "2080502" if center else "2080501"
        for c in (ret, "2080505", "2080506"):
            self.add_leaf(c, self.real(PERSONNEL[c]))
        if "30305" in self.basic_econ:
            self.add_kuan("20808")
            self.add_leaf("2080801", self.real(PERSONNEL["2080801"]))
        self.add_kuan("21011")
        self.add_leaf("2101102" if center else "2101101",
                      self.real(PERSONNEL["2101102" if center else "2101101"]))
        if "30111" in self.basic_econ:
            self.add_leaf("2101103", self.real(PERSONNEL["2101103"]))
        self.add_kuan("22102")
        for c in ("2210201", "2210203"):
            self.add_leaf(c, self.real(PERSONNEL[c]))
        for code in self.leaves:
            self.leaves[code]["personnel"] = True
        # the main 款 with 行政运行 (事业运行 for a 事业单位)
        mk = self.main_kuan
        self.add_kuan(mk)
        main_leaf = mk + ("50" if center else "01")
        self.add_leaf(main_leaf, self.real("事业运行" if center else "行政运行"))
        self.main_leaf = main_leaf
        self.leaves[main_leaf]["basic_cap"] = True
        self.grow_kuan(mk, rng.randint(2, 4))
        if self.f_multi and k >= 0.5:
            self.more_running(k)
        # grow until the code rows reach ~19 per unit of scale (the sample has 19)
        target = round(19 * k)
        used_classes = [c for c in self.classes]
        pool_same = [c for c in FUNC[mk[:3]]["kuans"] if c not in self.kuans]
        pool_other = [c for cls in FUNC for c in FUNC[cls]["kuans"]
                      if cls != mk[:3] and c not in self.kuans]
        rng.shuffle(pool_same)
        rng.shuffle(pool_other)
        # prefer 款 of classes already in use, then new classes
        pool_other.sort(key=lambda c: (c[:3] not in used_classes, rng.random()))
        pool = pool_same + pool_other
        def rows():
            return len(self.classes) + len(self.kuans) + len(self.leaves)

        while rows() < target:
            grow = [kc for kc in self.kuans if kc not in ("20805", "20808", "21011", "22102")
                    and len(self.kuans[kc]["leaves"]) < 8]
            if grow and rng.random() < 0.35:
                kc = rng.choice(grow)
                if self.grow_kuan(kc, 1):
                    continue
            if pool:
                kc = pool.pop(0)
                self.add_kuan(kc)
                n = min(rng.randint(1, 3), max(1, target - rows()))
                self.grow_kuan(kc, n)
                continue
            # synthetic 款 under a class in use
            cls = rng.choice(sorted(self.classes))
            taken = {c[3:] for c in FUNC.get(cls, {}).get("kuans", {})} | {c[3:] for c in self.kuans if c[:3] == cls}
            if not self.plain:  # the fund 款 stay free for build_funds
                taken |= {c[3:] for cat in (FUND, SOE) for c in cat.get(cls, {}).get("kuans", {})}
            free = [f"{i:02d}" for i in range(1, 99) if f"{i:02d}" not in taken]
            if not free:
                continue
            kc = cls + rng.choice(free)
            dom = self.classes[cls]["domain"]
            self.add_kuan(kc, dom + rng.choice(KUAN_PHRASES))
            self.grow_kuan(kc, rng.randint(1, 3))
        # a few extra leaves carry basic expenditure at larger scales
        nonpers = [c for c in sorted(self.leaves) if not self.leaves[c]["personnel"] and c != main_leaf]
        for c in rng.sample(nonpers, min(len(nonpers), max(0, round(k) - 1))):
            self.leaves[c]["basic_cap"] = True
        self.build_funds(k)

    def more_running(self, k):
        """行政运行 (事业运行 for a 事业单位) under one or more other 款 as well, each
        carrying basic expenditure, as real departments whose staff serve several 款"""
        xr = self.xr
        center = self.kind == "center"
        mk = self.main_kuan
        admin = [c for cls in sorted(FUNC) for c in sorted(FUNC[cls]["kuans"])
                 if FUNC[cls]["kuans"][c]["admin"] and c not in self.kuans]
        same = [c for c in admin if c[:3] == mk[:3]]
        other = [c for c in admin if c[:3] != mk[:3]]
        xr.shuffle(same)
        xr.shuffle(other)
        pool = same[:1] + other if xr.random() < 0.6 else other + same
        n = 1 + (xr.random() < 0.3) + int(k // 8)
        for kc in pool[:n]:
            self.add_kuan(kc)
            own = kc + ("50" if center else "01")
            self.add_leaf(own, self.real("事业运行" if center else "行政运行"))
            self.leaves[own]["basic_cap"] = True
            if not center and xr.random() < 0.2:  # a 本级 with a 事业 part under this 款
                self.add_leaf(kc + "50", self.real("事业运行"))
                self.leaves[kc + "50"]["basic_cap"] = True
            self.grow_kuan(kc, xr.randint(0, 2))
        if not center and xr.random() < 0.15 and mk + "50" not in self.leaves:
            self.add_leaf(mk + "50", self.real("事业运行"))
            self.leaves[mk + "50"]["basic_cap"] = True
            self.kuans[mk]["leaves"].sort()

    def build_funds(self, k):
        """政府性基金 (表10) and 国有资本经营 (表11) 项: each gets one project of that
        fund (build_projects puts them first), so there are at most a third of the projects"""
        xr = self.xr
        budget = max(0, self.n_proj_min // 3)
        picked = {"gf": [], "gy": []}
        if self.f_fund and budget:
            mk = self.main_kuan
            pref = FUND_PREF.get(mk) or FUND_PREF.get(mk[:3]) or FUND_PREF[""]
            allf = [c for cls in sorted(FUND) for kc in sorted(FUND[cls]["kuans"])
                    for c in sorted(FUND[cls]["kuans"][kc]["items"])]
            head, tail = pref[:2], pref[2:]
            xr.shuffle(head)
            xr.shuffle(tail)
            near = [c for c in allf if c[:5] in {p[:5] for p in pref} and c not in pref]
            rest = [c for c in allf if c not in pref and c not in near]
            xr.shuffle(near)
            xr.shuffle(rest)
            order = head + tail + near + rest
            n = min(budget, xr.randint(1, 3) + int(k // 3), len(order))
            picked["gf"] = order[:n]
            budget -= n
        if self.f_soe and budget:
            alls = [c for cls in sorted(SOE) for kc in sorted(SOE[cls]["kuans"])
                    for c in sorted(SOE[cls]["kuans"][kc]["items"])]
            xr.shuffle(alls)
            alls.sort(key=lambda c: c[:5] != "22302")  # 资本金注入 first
            n = min(budget, xr.randint(1, 2) + int(k // 10), len(alls))
            picked["gy"] = alls[:n]
        for fund, cat in (("gf", FUND), ("gy", SOE)):
            for code in sorted(picked[fund]):
                if code[:5] not in self.kuans:
                    self.add_kuan(code[:5], fund=fund)
                self.add_leaf(code, self.real(cat[code[:3]]["kuans"][code[:5]]["items"][code]), fund=fund)
            for kc in sorted({c[:5] for c in picked[fund]}):
                self.kuans[kc]["leaves"].sort()
        self.f_fund = bool(picked["gf"])
        self.f_soe = bool(picked["gy"])

    # -- projects ------------------------------------------------------------
    def project_name(self):
        rng = self.rng
        core = rng.choice(PROJECT_CORES)
        prefix = rng.choice(PROJECT_PREFIXES)
        if rng.random() < 0.5:
            prefix = self.domain
        return self.proj_names.unique(prefix + core)

    def new_project(self, total, name, leaf):
        """funding columns: lz/zx/tz 一般公共预算 (履职类/专项/政府投资), gf 政府性基金,
        gy 国有资本经营, fz 财政专户, sy/jy/sj/fs/qt 单位资金, and the carry-overs
        cfg 一般公共预算, cff 政府性基金, cfy 国有资本经营, cfn 非财政拨款"""
        rng = self.rng
        xr = self.xr
        p = {"name": name, "leaf": leaf, "lz": 0, "zx": 0, "tz": 0, "gf": 0, "gy": 0, "fz": 0, "sy": 0,
             "jy": 0, "sj": 0, "fs": 0, "qt": 0, "cfg": 0, "cff": 0, "cfy": 0, "cfn": 0}
        fund = self.leaves[leaf]["fund"]
        u = rng.random()
        if fund:  # this year's fund money and/or its carry-over
            cfk = "cff" if fund == "gf" else "cfy"
            r = xr.random()
            if r < 0.3 and total >= 100:
                cf = int(total * xr.uniform(0.1, 0.7))
                p[cfk] = cf
                p[fund] = total - cf
            elif r < 0.38:
                p[cfk] = total
            else:
                p[fund] = total
        elif self.kind == "center" and u < 0.10:
            p["sy"] = total
        elif self.kind == "center" and u < 0.13:
            p["sj"] = total
        elif self.kind == "center" and u < 0.15:
            p["fs"] = total
        elif u < 0.20 and u >= 0.15:
            p["qt"] = total
        elif u < 0.23 and u >= 0.20:
            p["fz"] = total
        elif u < 0.29 and u >= 0.23:
            p["cfg"] = total
        else:
            r = rng.random()
            col = "lz" if r < 0.8 else ("zx" if r < 0.92 else "tz")
            if rng.random() < 0.25 and total >= 100:
                cf = int(total * rng.uniform(0.05, 0.6))
                p["cfg"] = cf
                p[col] = total - cf
            else:
                p[col] = total
        if not fund and self.f_nonfin_proj and xr.random() < 0.2:
            # part (or all) of the biggest source is last year's 非财政拨款 balance
            col = max(("lz", "zx", "tz", "cfg", "fz", "sy", "sj", "fs", "qt"), key=lambda c: p[c])
            cut = min(p[col], max(1, int(total * xr.uniform(0.1, 1.0))))
            p[col] -= cut
            p["cfn"] += cut
        p["total"] = total
        p["gp"] = p["lz"] + p["zx"] + p["tz"]
        p["cf"] = p["cfg"] + p["cff"] + p["cfy"] + p["cfn"]   # 表5 上年结余、结转: every carry-over
        p["gen"] = p["gp"] + p["cfg"]       # 表7/表8 (一般公共预算)
        p["fund"] = p["gf"] + p["cff"]      # 表10
        p["soe"] = p["gy"] + p["cfy"]       # 表11
        p["fiscal"] = p["gen"] + p["fund"] + p["soe"]  # 表6, 表12 财政拨款
        p["other"] = total - p["fiscal"]
        # 政府采购
        if rng.random() < 0.45:
            proc = int(total * rng.uniform(0.2, 1.0))
            sme = int(proc * rng.uniform(0.1, 1.0)) if rng.random() < 0.4 else 0
            micro = int(sme * rng.uniform(0.2, 1.0)) if rng.random() < 0.3 else 0
            lf = self.leaves[leaf]
            lf["proc"] += proc
            lf["sme"] += sme
            lf["micro"] += micro
        self.leaves[leaf]["projects"].append(p)
        return p

    def fund_project_name(self, leaf):
        xr = self.xr
        kc = leaf[:5]
        lname = self.leaves[leaf]["name"]
        if kc == "22960":  # 用于社会福利的彩票公益金支出 -> 彩票公益金社会福利项目
            core = "彩票公益金" + lname[2:lname.index("的")] + "项目"
        else:
            core = xr.choice(FUND_CORES[kc])
        where = xr.choice(["", "", self.domain, xr.choice(STREETS) + "片区", "重点区域"])
        return self.proj_names.unique(where + core)

    def project_amount(self, lo, hi):
        v = math.exp(self.rng.uniform(math.log(lo), math.log(hi)))
        cents = max(100, round(v * 100))
        if cents > 1000000 and self.rng.random() < 0.4:
            cents = cents // 10000 * 10000
        return cents

    def build_projects(self, n, categories=None):
        """n projects; with categories, n projects spread over them (表5 levels 1/2)"""
        rng = self.rng
        eligible = [c for c in sorted(self.leaves) if not self.leaves[c]["personnel"]
                    and not self.leaves[c]["fund"]]
        must = [c for c in eligible if not self.leaves[c]["basic_cap"]]
        rng.shuffle(must)
        funds = [c for c in sorted(self.leaves) if self.leaves[c]["fund"]]
        self.xr.shuffle(funds)
        must = funds + must  # a fund 项 has no basic expenditure: it must get a project
        weights = [3.0 if c[:5] == self.main_kuan else 1.0 for c in eligible]
        cum = []
        acc = 0.0
        for w in weights:
            acc += w
            cum.append(acc)
        if categories:
            lo, hi = 1.0, 60.0
        else:
            lo, hi = 30.0 * self.size ** 0.5, 3500.0 * self.size ** 0.5
        self.projects = []
        self.categories = []
        if categories:
            cats = []
            cores = list(PROJECT_CORES)
            rng.shuffle(cores)
            for i in range(categories):
                cname = self.proj_names.unique(cores[i % len(cores)])
                cats.append({"name": cname, "projects": []})
            self.categories = cats
        special_reserve = rng.random() < 0.5 and not categories
        for i in range(n):
            leaf = must[i] if i < len(must) else eligible[
                min(len(eligible) - 1, bisect.bisect(cum, rng.random() * acc))]
            if categories:
                cat = self.categories[i % categories] if i < categories else rng.choice(self.categories)
                core = cat["name"].split("（")[0]
                where = rng.choice(STREETS) + "街道" if rng.random() < 0.8 else ""
                nm = self.proj_names.unique(where + rng.choice(PROJECT_PREFIXES[2:] + [self.domain]) + core)
                p = self.new_project(self.project_amount(lo, hi), nm, leaf)
                cat["projects"].append(p)
            else:
                if self.leaves[leaf]["fund"]:
                    nm = self.fund_project_name(leaf)
                elif special_reserve and i == n - 1:
                    nm = self.proj_names.unique("预算准备金")
                elif rng.random() < 0.06:
                    nm = self.proj_names.unique(
                        f"{rng.choice(TRANSFERS)}——{self.domain}{rng.choice(TRANSFER_TOPICS)}补助资金")
                else:
                    nm = self.project_name()
                p = self.new_project(self.project_amount(lo, hi), nm, leaf)
            self.projects.append(p)
        # leaves that got no project carry basic expenditure instead
        for c in eligible:
            if not self.leaves[c]["projects"]:
                self.leaves[c]["basic_cap"] = True

    # -- basic by function ---------------------------------------------------
    def allocate_basic(self):
        rng = self.rng
        be = self.basic_econ
        center = self.kind == "center"
        g = lambda c: be.get(c, 0)
        ret = "2080502" if center else "2080501"
        med = "2101102" if center else "2101101"
        fixed = {
            ret: g("30301") + g("30302"),
            "2080505": g("30108"),
            "2080506": g("30109"),
            med: g("30110") + (0 if "2101103" in self.leaves else g("30111")),
            "2210201": g("30113"),
            "2210203": g("30102"),
        }
        if "2080801" in self.leaves:
            fixed["2080801"] = g("30305")
        if "2101103" in self.leaves:
            fixed["2101103"] = g("30111")
        mapped = {"30301", "30302", "30108", "30109", "30110", "30111", "30113", "30102"}
        if "2080801" in self.leaves:
            mapped.add("30305")
        rest = sum(v for c, v in be.items() if c not in mapped)
        for c, v in fixed.items():
            self.leaves[c]["basic"] = v
        caps = [c for c in sorted(self.leaves) if self.leaves[c]["basic_cap"]]
        others = [c for c in caps if c != self.main_leaf]
        main_share = rest if not others else int(rest * rng.uniform(0.55, 0.8))
        self.leaves[self.main_leaf]["basic"] += main_share
        if others:
            for c, v in zip(others, split_amount(rng, rest - main_share, len(others))):
                self.leaves[c]["basic"] += v
        # basic 政府采购 on the main leaf
        lf = self.leaves[self.main_leaf]
        bproc = int(lf["basic"] * rng.uniform(0.003, 0.03))
        lf["proc"] += bproc
        lf["sme"] += int(bproc * rng.uniform(0.3, 0.9))
        self.allocate_nonapp()

    def allocate_nonapp(self):
        """part of 基本支出 from 事业收入 (sy), 其他收入 (qt) or last year's 非财政拨款
        balance (cf): by 经济分类 (表4 columns, never the 三公 codes) and by 功能分类
        (表3 has it, 表7 has only the rest) independently; both add up to the same"""
        self.basic_src = {}  # 经济分类 code -> {source: cents}
        self.basic_gp = dict(self.basic_econ)  # 表4 一般公共预算拨款 = 表8 基本支出
        if not self.f_nonapp:
            return
        xr = self.xr
        center = self.kind == "center"
        total = sum(self.basic_econ.values())
        elig = [c for c in sorted(self.basic_econ) if c not in SANGONG]
        xr.shuffle(elig)
        sel = sorted(elig[:max(3, round(len(elig) * xr.uniform(0.15, 0.5)))])
        ecaps = [self.basic_econ[c] * 4 // 5 for c in sel]
        lsel = [c for c in sorted(self.leaves) if self.leaves[c]["basic"] > 0
                and (self.leaves[c]["basic_cap"] or xr.random() < 0.3)]
        lcaps = [self.leaves[c]["basic"] * 4 // 5 for c in lsel]
        srcs = [s for s, pr in (("sy", 0.75 if center else 0.0), ("qt", 0.5 if center else 0.6),
                                ("cf", 0.6 if center else 0.7)) if xr.random() < pr]
        if not srcs:
            srcs = ["sy" if center else "cf"]
        want = int(total * xr.uniform(0.02, 0.2))
        n = min(want, sum(ecaps), sum(lcaps))
        if n < 100 * len(srcs):
            self.f_nonapp = False
            return
        rem = dict(zip(srcs, split_amount(xr, n, len(srcs), floor=100)))
        for c, v in zip(lsel, distribute(xr, n, lcaps)):
            self.leaves[c]["nonapp"] = v
        eparts = distribute(xr, n, ecaps)
        order = [i for i in range(len(sel)) if eparts[i]]
        xr.shuffle(order)
        si = 0
        for i in order:  # each code's part from the sources in turn (north-west corner)
            need = eparts[i]
            d = self.basic_src[sel[i]] = {}
            while need:
                src = srcs[si]
                take = min(need, rem[src])
                if take:
                    d[src] = d.get(src, 0) + take
                    rem[src] -= take
                    need -= take
                if not rem[src]:
                    si += 1
            self.basic_gp[sel[i]] -= eparts[i]

    # -- 三公 ----------------------------------------------------------------
    def build_sangong(self):
        rng = self.rng
        be, pe = self.basic_gp, self.proj_econ  # 表8 (一般公共预算), basic and projects
        cur = {"出国": be.get("30212", 0) + pe.get("30212", 0), "接待": be.get("30217", 0) + pe.get("30217", 0),
               "购置": be.get("31013", 0) + pe.get("31013", 0), "运维": be.get("30231", 0) + pe.get("30231", 0)}
        prev = {}
        for key, v in cur.items():
            r = rng.random()
            if r < 0.4:
                prev[key] = v
            elif v == 0:
                prev[key] = 0 if r < 0.8 else round(rng.uniform(1, 30) * 100)
            else:
                prev[key] = max(0, int(v * rng.uniform(0.7, 1.3)))
        self.sangong = (prev, cur)

    # -- everything ------------------------------------------------------------
    def build(self):
        k = self.k
        rows_mode = self.rows is not None
        base_k = 1.0 if rows_mode else k
        if rows_mode and self.table == "05":  # the fewest projects build_projects makes
            ncat = 10 if self.rows - 1 >= 100 else max(1, (self.rows - 1) // 10)
            self.n_proj_min = self.rows - 1 - ncat
        else:
            self.n_proj_min = max(1, round(10 * base_k) - 1)
        self.build_econ(base_k)
        self.build_func(base_k)
        if rows_mode and self.table == "05":
            n = self.rows
            if n < 3:
                raise SystemExit("--rows must be >= 3 for table 05")
            ncat = 10 if n - 1 >= 100 else max(1, (n - 1) // 10)
            self.build_projects(n - 1 - ncat, categories=ncat)
        else:
            self.build_projects(max(1, round(10 * base_k + self.rng.randint(-1, 1))))
        self.allocate_basic()
        # project 经济分类 split (一般公共预算 money only: 表8)
        fiscal = sum(p["gen"] for p in self.projects)
        self.proj_econ = {}
        if fiscal >= len(self.proj_econ_codes):
            w = []
            for c in self.proj_econ_codes:
                x = self.rng.random() + 0.05
                if c in ("30227", "30299"):
                    x *= 4
                if c == "31013":
                    x *= 0.2
                if c in ("30217", "30231"):
                    x *= 0.04
                w.append(x)
            s = sum(w)
            parts = [int(fiscal * x / s) for x in w]
            parts = [max(1, v) for v in parts]
            parts[0] += fiscal - sum(parts)
            if parts[0] <= 0:
                parts = split_amount(self.rng, fiscal, len(parts))
            self.proj_econ = dict(zip(self.proj_econ_codes, parts))
        elif fiscal > 0:
            self.proj_econ = {self.proj_econ_codes[0]: fiscal}
        self.build_sangong()
        self.indicator_count = (self.rows if rows_mode and self.table == "12" else None)

    # ---------------------------------------------------------------------------
    # CSV tables

    def leaf_totals(self, mode):
        """per 功能 leaf: [total, basic, project, 0, 0, 0, 政府采购 ×3] of
        mode all (表1/表3), fiscal (表6), gen (表7), gf (表10) or gy (表11)"""
        out = {}
        key = {"all": "total", "fiscal": "fiscal", "gen": "gen", "gf": "fund", "gy": "soe"}[mode]
        for c, lf in self.leaves.items():
            if mode == "gen" and lf["fund"] or mode in ("gf", "gy") and lf["fund"] != mode:
                continue
            basic = lf["basic"] - (0 if mode == "all" else lf["nonapp"])
            if mode in ("gf", "gy"):
                basic = 0  # no basic expenditure from the funds
            proj = sum(p[key] for p in lf["projects"])
            if basic + proj == 0:
                continue
            out[c] = [basic + proj, basic, proj, 0, 0, 0, lf["proc"], lf["sme"], lf["micro"]]
        return out

    def func_tree(self, mode):
        """[(code, name, level, values)], sorted, parents summed; and the unit total"""
        leaves = self.leaf_totals(mode)
        ncol = 9
        sums = {}
        for c, v in leaves.items():
            for key in (c[:3], c[:5]):
                s = sums.setdefault(key, [0] * ncol)
                for i in range(ncol):
                    s[i] += v[i]
        total = [0] * ncol
        for key, s in sums.items():
            if len(key) == 3:
                for i in range(ncol):
                    total[i] += s[i]
        rows = []
        for cls in sorted(k for k in sums if len(k) == 3):
            rows.append((cls, self.classes[cls]["name"], 0, sums[cls]))
            for kc in sorted(k for k in sums if len(k) == 5 and k[:3] == cls):
                rows.append((kc, self.kuans[kc]["name"], 1, sums[kc]))
                for lc in sorted(c for c in leaves if c[:5] == kc):
                    rows.append((lc, self.leaves[lc]["name"], 2, leaves[lc]))
        return rows, total

    def proj_sum(self, key):
        return sum(p[key] for p in self.projects)

    def tables(self):
        U = self.unit
        basic = sum(self.basic_econ.values())
        # 基本支出 from other sources (表4 columns 事业收入, 其他收入, 上年结余、结转)
        na = {s: sum(d.get(s, 0) for d in self.basic_src.values()) for s in ("sy", "qt", "cf")}
        basic_na = sum(na.values())
        basic_gp = basic - basic_na
        assert basic_gp == sum(self.basic_gp.values())
        assert basic_na == sum(lf["nonapp"] for lf in self.leaves.values())
        P = {key: self.proj_sum(key) for key in (
            "total", "gp", "lz", "zx", "tz", "gf", "gy", "fz", "sy", "jy", "sj", "fs", "qt",
            "cfg", "cff", "cfy", "cfn", "cf", "gen", "fund", "soe", "fiscal", "other")}
        gp = basic_gp + P["gp"]                  # this year's 一般公共预算
        appro = gp + P["gf"] + P["gy"]           # this year's 财政拨款
        sy, qt = P["sy"] + na["sy"], P["qt"] + na["qt"]
        cf_fin = P["cfg"] + P["cff"] + P["cfy"]  # 财政拨款结余、结转 (表6)
        cf_non = P["cfn"] + na["cf"]             # 非财政拨款结余、结转
        cf = cf_fin + cf_non
        unitfunds = sy + P["jy"] + P["sj"] + P["fs"] + qt
        this_year = appro + P["fz"] + unitfunds
        grand = this_year + cf
        fiscal_total = appro + cf_fin
        out = {}
        m = money

        # 表1 收支总表
        t = [["栏目", "类型", "层级", "项目", "金额"]]
        inc = [
            ("", 0, "一、财政拨款", appro), ("", 1, "1.一般公共预算拨款", gp),
            ("", 1, "2.政府性基金预算拨款", P["gf"]), ("", 1, "3.国有资本经营预算拨款", P["gy"]),
            ("", 0, "二、财政专户管理资金", P["fz"]), ("", 0, "三、单位资金", unitfunds),
            ("", 1, "1.事业收入", sy), ("", 1, "2.事业单位经营收入", P["jy"]),
            ("", 1, "3.上级补助收入", P["sj"]), ("", 1, "4.附属单位上缴收入", P["fs"]),
            ("", 1, "5.其他收入", qt), ("合计", None, "本年收入合计", this_year),
            ("", 0, "上年结余、结转", cf), ("", 1, "1.财政拨款结余、结转", cf_fin),
            ("", 1, "2.非财政拨款结余、结转", cf_non), ("合计", None, "收入总计", grand),
        ]
        for typ, lvl, name, v in inc:
            t.append(["收入", typ, "" if lvl is None else str(lvl), name, m(v)])
        rows3, total3 = self.func_tree("all")
        i = 0
        for code, name, lvl, v in rows3:
            if lvl == 0:
                i += 1
                name = f"{cn(i)}、{name}"
            t.append(["支出", "", str(lvl), name, m(v[0])])
        assert total3[0] == grand, (total3[0], grand)
        t += [["支出", "合计", "", "本年支出合计", m(total3[0])], ["支出", "", "0", "结转下年", "0.00"],
              ["支出", "合计", "", "支出总计", m(total3[0])]]
        out["01_收支总表.csv"] = t

        # 表2 收入总表
        t = [["预算单位", "收入总计", "一般公共预算拨款小计", "基本支出拨款", "履职类项目拨款", "财政专项资金拨款",
              "政府投资项目拨款", "政府性基金预算拨款", "国有资本经营预算拨款", "财政专户管理资金", "事业收入",
              "事业单位经营收入", "上级补助收入", "附属单位上缴收入", "其他收入", "上年结余、结转"]]
        t.append([U] + [m(x) for x in (grand, gp, basic_gp, P["lz"], P["zx"], P["tz"], P["gf"], P["gy"], P["fz"],
                                       sy, P["jy"], P["sj"], P["fs"], qt, cf)])
        out["02_收入总表.csv"] = t

        # 表3 支出总表
        t = [["预算单位", "科目编码", "科目名称", "支出总计", "基本支出", "项目支出", "事业单位经营支出",
              "对附属单位补助支出", "上缴上级支出", "政府采购小计", "面向中小企业政府采购项目", "面向小型微型企业政府采购项目"]]
        t.append([U, "", ""] + [m(x) for x in total3])
        for code, name, lvl, v in rows3:
            t.append(["", code, name] + [m(x) for x in v])
        out["03_支出总表.csv"] = t

        # 表4 基本支出总表 (every source) / 表8 经济分类 (一般公共预算)
        codes = sorted(set(self.basic_econ) | set(self.proj_econ))
        classes = sorted({c[:3] for c in codes})

        def r4(lvl, name, tot, g, src):
            return [lvl, name, m(tot), m(g), m(g), "0.00", "0.00", "0.00", m(src.get("sy", 0)), "0.00", "0.00",
                    "0.00", m(src.get("qt", 0)), m(src.get("cf", 0))]

        t4 = [["层级", "支出项目类别", "总计", "财政拨款小计", "一般公共预算拨款", "政府性基金预算拨款", "国有资本经营预算拨款",
               "财政专户管理资金", "事业收入", "事业单位经营收入", "上级补助收入", "附属单位上缴收入", "其他收入", "上年结余、结转"]]
        t4.append(r4("0", U, basic, basic_gp, na))
        t8 = [["预算单位", "科目编码", "科目名称", "支出总计", "基本支出", "项目支出"]]
        pe_total = sum(self.proj_econ.values())
        t8.append([U, "", "", m(basic_gp + pe_total), m(basic_gp), m(pe_total)])
        for cls in classes:
            kids = [c for c in codes if c[:3] == cls]
            b = sum(self.basic_econ.get(c, 0) for c in kids)
            bg = sum(self.basic_gp.get(c, 0) for c in kids)
            p = sum(self.proj_econ.get(c, 0) for c in kids)
            cname = self.econ_class_name(cls)
            t8.append(["", cls, cname, m(bg + p), m(bg), m(p)])
            if b:
                src = {s: sum(self.basic_src.get(c, {}).get(s, 0) for c in kids) for s in ("sy", "qt", "cf")}
                t4.append(r4("1", cname, b, bg, src))
            for c in kids:
                cb, cg, cp = self.basic_econ.get(c, 0), self.basic_gp.get(c, 0), self.proj_econ.get(c, 0)
                t8.append(["", c, self.econ_name[c], m(cg + cp), m(cg), m(cp)])
                if cb:
                    t4.append(r4("2", self.econ_name[c], cb, cg, self.basic_src.get(c, {})))
        out["04_基本支出总表.csv"] = t4

        # 表5 项目支出总表
        cols5 = ["total", "gp", "lz", "zx", "tz", "gf", "gy", "fz", "sy", "jy", "sj", "fs", "qt", "cf"]

        def r5(lvl, name, src):
            return [str(lvl), name] + [m(src[c]) for c in cols5]

        t = [["层级", "支出项目类别", "总计", "一般公共预算拨款小计", "履职类项目拨款", "财政专项资金拨款", "政府投资项目拨款",
              "政府性基金预算拨款", "国有资本经营预算拨款", "财政专户管理资金", "事业收入", "事业单位经营收入", "上级补助收入",
              "附属单位上缴收入", "其他收入", "上年结余、结转"]]
        t.append(r5(0, U, P))
        tasks = []  # (name, total, fiscal, other)
        if self.categories:
            for cat in self.categories:
                s = {c: sum(p[c] for p in cat["projects"]) for c in cols5 + ["fiscal", "other"]}
                t.append(r5(1, cat["name"], s))
                for p in cat["projects"]:
                    t.append(r5(2, p["name"], p))
                tasks.append((cat["name"], s["total"], s["fiscal"], s["other"]))
        else:
            for p in self.projects:
                t.append(r5(1, p["name"], p))
                tasks.append((p["name"], p["total"], p["fiscal"], p["other"]))
        out["05_项目支出总表.csv"] = t

        # 表6 财政拨款收支总表 (一般公共预算 + 政府性基金 + 国有资本经营)
        t = [["栏目", "类型", "层级", "项目", "金额"]]
        inc6 = [("", 0, "财政拨款", appro), ("", 1, "1.一般公共预算拨款", gp), ("", 1, "2.政府性基金预算拨款", P["gf"]),
                ("", 1, "3.国有资本经营预算拨款", P["gy"]), ("合计", None, "本年收入合计", appro),
                ("", 0, "上年结余、结转", cf_fin), ("", 1, "1.一般公共预算拨款结余、结转", P["cfg"]),
                ("", 1, "2.政府性基金预算拨款结余、结转", P["cff"]), ("", 1, "3.国有资本经营预算拨款结余、结转", P["cfy"]),
                ("合计", None, "收入总计", fiscal_total)]
        for typ, lvl, name, v in inc6:
            t.append(["收入", typ, "" if lvl is None else str(lvl), name, m(v)])
        rows6, total6 = self.func_tree("fiscal")
        assert total6[0] == fiscal_total, (total6[0], fiscal_total)
        i = 0
        for code, name, lvl, v in rows6:
            if lvl == 0:
                i += 1
                name = f"{cn(i)}、{name}"
            t.append(["支出", "", str(lvl), name, m(v[0])])
        t += [["支出", "合计", "", "本年支出合计", m(total6[0])], ["支出", "", "0", "结转下年", "0.00"],
              ["支出", "合计", "", "支出总计", m(total6[0])]]
        out["06_财政拨款收支总表.csv"] = t

        # 表7 一般公共预算支出表（按功能分类）; 表10 政府性基金; 表11 国有资本经营
        head = ["预算单位", "科目编码", "科目名称", "支出总计", "基本支出", "项目支出"]
        totals = {}
        for fname, mode in (("07_一般公共预算支出表按功能分类.csv", "gen"), ("10_政府性基金预算支出表.csv", "gf"),
                            ("11_国有资本经营预算支出表.csv", "gy")):
            rows, total = self.func_tree(mode)
            t = [head, [U, "", ""] + [m(x) for x in total[:3]]]
            for code, name, lvl, v in rows:
                t.append(["", code, name] + [m(x) for x in v[:3]])
            out[fname] = t
            totals[mode] = total[0]
        out["08_一般公共预算支出表按经济分类.csv"] = t8
        assert totals["gen"] == basic_gp + P["gen"] == basic_gp + pe_total
        assert totals["gf"] == P["fund"] and totals["gy"] == P["soe"]
        assert totals["gen"] + totals["gf"] + totals["gy"] == fiscal_total

        # 表9 三公
        prev, cur = self.sangong
        head = ["预算单位", "年度"]
        for grp in ("总计", "因公出国(境)费", "公务接待费", "公务用车小计", "公务用车购置费", "公务用车运行维护费"):
            for bt in ("一般公共预算", "政府性基金预算", "国有资本经营预算"):
                head.append(f"{grp}-{bt}")

        def r9(v):
            car = v["购置"] + v["运维"]
            vals = [v["出国"] + v["接待"] + car, v["出国"], v["接待"], car, v["购置"], v["运维"]]
            return [x for val in vals for x in (val, 0, 0)]

        a, b = r9(prev), r9(cur)
        t = [head, [U, f"{self.year - 1}年"] + [m(x) for x in a], ["", f"{self.year}年"] + [m(x) for x in b],
             ["", "增减变化金额"] + [m(y - x) for x, y in zip(a, b)]]
        out["09_三公经费支出表.csv"] = t

        # 表12 年度主要任务
        t = [["任务名称", "主要内容", "总额", "财政拨款", "其他资金"],
             ["基本支出", "主要用于人员、公用及对个人和家庭补助支出等", m(basic), m(basic_gp), m(basic_na)]]
        for name, tot, fis, oth in tasks:
            t.append([name, self.task_content(name), m(tot), m(fis), m(oth)])
        out["12_年度主要任务.csv"] = t
        out["12_绩效指标.csv"] = self.indicators()
        self.fields = {"金额合计总额": grand, "金额合计财政拨款": fiscal_total, "金额合计其他资金": grand - fiscal_total}
        assert basic_na + P["other"] == grand - fiscal_total
        return dict(sorted(out.items()))

    def feature_names(self):
        """the freedoms this department uses, as found in the model"""
        names = []
        if self.f_fund:
            names.append("fund")
        if self.f_soe:
            names.append("soe")
        if self.f_nonapp:
            names.append("nonapp-basic")
        if any(p["cfn"] for p in self.projects) or self.basic_src and any(
                d.get("cf") for d in self.basic_src.values()):
            names.append("nonfin-carryover")
        seen = {}
        for c, lf in self.leaves.items():
            seen.setdefault(lf["name"], set()).add(c[:5])
        if any(len(seen.get(n, ())) > 1 for n in ("行政运行", "事业运行", "机关服务", "一般行政管理事务")):
            names.append("repeated-running")
        if any(len(v) > 1 for v in seen.values()):
            names.append("repeated-names")
        if self.proj_econ.get("30217") or self.proj_econ.get("30231"):
            names.append("sangong-projects")
        return names

    # -- texts -----------------------------------------------------------------
    def task_content(self, name):
        rng = self.rng
        acts = rng.sample(ACTIVITIES, rng.randint(2, 5))
        tail = rng.choice(["", "，保障各项工作顺利开展", "，提升工作质量和效率", "，完成年度重点任务",
                           f"，推动{self.domain}工作高质量发展", "，守护群众切身利益"])
        return f"主要用于{'、'.join(acts)}等工作{tail}。"

    def goal(self):
        rng = self.rng
        n = rng.randint(4, 6)
        verbs = rng.sample(GOAL_VERBS, n)
        objs = rng.sample(GOAL_OBJECTS, n)
        return "".join(f"{cn(i + 1)}是{v}{self.domain}{o}。" for i, (v, o) in enumerate(zip(verbs, objs)))

    def indicators(self):
        rng = self.rng
        d = self.domain
        y = self.year
        groups = [
            ("产出指标", "数量指标", 21, False), ("产出指标", "质量指标", 5, False),
            ("产出指标", "时效指标", 4, False), ("产出指标", "成本指标", 2, False),
            ("效益指标", "经济效益指标", 1, True), ("效益指标", "社会效益指标", 6, False),
            ("效益指标", "生态效益指标", 1, True), ("效益指标", "可持续影响指标", 1, True),
            ("满意度指标", "服务对象满意度指标", 2, False), ("满意度指标", "其他满意度指标", 1, True),
        ]
        base_total = sum(g[2] for g in groups)
        if self.indicator_count is not None:
            total = self.indicator_count
            counts = [max(1, g[2] * total // base_total) for g in groups]
            counts[0] += total - sum(counts)
            if counts[0] < 1:
                raise SystemExit("--rows must be >= 10 for table 12")
        else:
            k = 1.0 if self.rows is not None else self.k
            counts = [max(1, round(g[2] * k)) for g in groups]
        t = [["一级指标", "二级指标", "三级指标", "目标值"]]

        def obj():
            return rng.choice(OBJECTS)

        def pct():
            return rng.choice(["≥80%", "≥85%", "≥90%", "≥95%", "≥98%", "100%"])

        def num():
            return rng.choice([1, 2, 3, 4, 5, 6, 8, 10, 12, 20, 30, 50, 100, 120, 200, 300, 500, 1000, 2000, 3000])

        for (l1, l2, base, na), cnt in zip(groups, counts):
            if na and cnt == 1 and rng.random() < 0.7:
                t.append([l1, l2, "不适用", "不适用"])
                continue
            for _ in range(cnt):
                x = obj()
                if l2 == "数量指标":
                    name, val = rng.choice([
                        (f"开展{x}次数", f"≥{num()}次"),
                        (f"完成{x}数量", f"≥{num()}{rng.choice('件份条项家次个')}"),
                        (f"{x}覆盖{rng.choice(TARGETS)}数量", f"≥{num()}家"),
                        (f"组织{d}{x}场次", f"≥{num()}场"),
                        (f"{x}服务人次", f"≥{num()}万人次"),
                        (f"{d}{x}相关数据采集量", f"≥{num()}万条"),
                        (f"{x}项目数", f"{num()}个"),
                    ])
                elif l2 == "质量指标":
                    name, val = rng.choice([
                        (f"{x}合格率", pct()), (f"{x}准确率", pct()), (f"{x}规范性", "合规"),
                        (f"{x}完成质量", "符合相关标准"), (f"{d}{x}覆盖率", "100%"),
                    ])
                elif l2 == "时效指标":
                    name, val = rng.choice([
                        (f"{x}及时完成率", "100%"), (f"{x}完成时间", f"{y}年年底完成"),
                        (f"{x}的及时性", "按计划完成"), (f"{x}响应时间", f"≤{rng.choice([2, 4, 8, 24, 48])}小时"),
                    ])
                elif l2 == "成本指标":
                    name, val = rng.choice([
                        ("预算资金到位情况", "足额到位"), (f"{x}成本控制", "控制在预算范围内"),
                        (f"有效降低{x}成本", "有所降低"),
                    ])
                elif l2 == "经济效益指标":
                    name, val = (f"节约{x}费用", "有所节约")
                elif l2 == "社会效益指标":
                    name, val = rng.choice([
                        (f"{d}{x}服务保障", "保障正常"), (f"提升{d}{x}能力", "有所提升"),
                        (f"{x}社会知晓度", "明显提高"), (f"{x}政策覆盖人群", f"≥{num()}万人"),
                    ])
                elif l2 == "生态效益指标":
                    name, val = (f"{x}绿色低碳水平", "有所提升")
                elif l2 == "可持续影响指标":
                    name, val = (f"{d}{x}长效机制", "逐步完善")
                elif l2 == "服务对象满意度指标":
                    name, val = rng.choice([(f"{rng.choice(TARGETS)}对{x}工作的满意度", pct()),
                                            (f"参加{x}人员满意度", pct())])
                else:
                    name, val = (f"工作人员对{x}工作的满意度", pct())
                t.append([l1, l2, name, val])
        return t


# ---------------------------------------------------------------------------
# output


def yaml_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write(dirpath, gen, tables, args):
    os.makedirs(dirpath, exist_ok=True)
    for fname, rows in tables.items():
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerows(rows)
        with open(os.path.join(dirpath, fname), "w", encoding="utf-8", newline="") as f:
            f.write(buf.getvalue())
    how = f"--rows {args.rows} --table {gen.table}" if args.rows is not None else f"--scale {args.scale:g}"
    if args.plain:
        how += " --plain"
    lines = [
        f"# Synthetic 部门预算 generated by bench/gen_dataset.py --seed {args.seed} {how}",
        "template: shenzhen-2024",
        f"unit: {yaml_str(gen.unit)}",
        f"year: {gen.year}",
        "amounts:",
        "  unit: 万元",
        "  decimals: 2",
        "document: tables  # a generated department has tables, no texts of its own",
        "fields:",
        f"  主管部门: {yaml_str(gen.dept)}",
        f"  年度总体目标: {yaml_str(gen.goal())}",
    ]
    for key, v in gen.fields.items():
        lines.append(f"  {key}: {money(v)}")
    with open(os.path.join(dirpath, "dataset.yaml"), "w", encoding="utf-8", newline="") as f:
        f.write("\n".join(lines) + "\n")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True, help="dataset folder to write")
    ap.add_argument("--seed", type=int, default=1, help="which department (default 1)")
    ap.add_argument("--scale", type=float, default=1.0, help="rows relative to the sample (default 1)")
    ap.add_argument("--name", help="unit name (default: generated from the seed)")
    ap.add_argument("--year", type=int, default=2024, help="budget year (default 2024)")
    ap.add_argument("--rows", type=int, help="exact body rows of --table; the rest at scale 1")
    ap.add_argument("--table", default="05", choices=["05", "5", "12"],
                    help="with --rows: 05 = 项目支出总表 (default), 12 = 绩效指标")
    ap.add_argument("--plain", action="store_true",
                    help="the old, simpler departments: no 政府性基金/国有资本经营 money, 基本支出 all from "
                         "一般公共预算, unique names (（二）), no 三公 in projects")
    ap.add_argument("-v", "--verbose", action="store_true",
                    help="print the body rows of every CSV and the department's features")
    args = ap.parse_args(argv)
    if args.seed < 0:
        ap.error("--seed must be >= 0")
    if args.scale < 0.1:
        ap.error("--scale must be >= 0.1")
    table = "05" if args.table in ("05", "5") else "12"
    if args.rows is not None and args.rows < (3 if table == "05" else 10):
        ap.error("--rows too small")
    gen = Gen(args.seed, args.scale, name=args.name, year=args.year, rows=args.rows, table=table,
              plain=args.plain)
    gen.build()
    tables = gen.tables()
    write(args.out, gen, tables, args)
    if args.verbose:
        for fname, rows in tables.items():
            print(f"{len(rows) - 1:8d}  {fname}", file=sys.stderr)
        print(f"unit: {gen.unit}  主管部门: {gen.dept}", file=sys.stderr)
        print("features: " + (" ".join(gen.feature_names()) or "none"), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
