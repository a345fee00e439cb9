"""Pieces the 2019 trial format and the 2021 format share verbatim.

The reference fixes the six section headings, table 三's header and most of its rows, and table 四
(identical in both formats). Each format file composes its definition from these plus what differs.
"""

from __future__ import annotations

from .types import Balance, Block, Column, Row, Section, Span, Table

SECTION_HEADINGS = (
    ("overview", "一、总体情况", ""),
    ("active", "二、主动公开政府信息情况", "table2"),
    ("applications", "三、收到和处理政府信息公开申请情况", "table3"),
    ("review", "四、政府信息公开行政复议、行政诉讼情况", "table4"),
    ("problems", "五、存在的主要问题及改进情况", ""),
    ("other", "六、其他需要报告的事项", ""),
)
OVERVIEW_PARTS = ("主动公开", "依申请公开", "政府信息管理", "平台建设", "监督保障")


def sections() -> tuple[Section, ...]:
    return tuple(
        Section(id=i, heading=h, table=t, parts=OVERVIEW_PARTS if i == "overview" else ())
        for i, h, t in SECTION_HEADINGS
    )


# ---- Table 三: 收到和处理政府信息公开申请情况 ---------------------------------------------------

T3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
T3_APPLICANTS = (
    ("natural_person", "自然人"),
    ("commercial", "商业企业"),
    ("research", "科研机构"),
    ("social_welfare", "社会公益组织"),
    ("legal_service", "法律服务机构"),
    ("other", "其他"),
)
T3_HEADER = (
    (Span(T3_NOTE, rowspan=3, colspan=3), Span("申请人情况", colspan=7)),
    (Span("自然人", rowspan=2), Span("法人或其他组织", colspan=5), Span("总计", rowspan=2)),
    tuple(Span(label) for _, label in T3_APPLICANTS[1:]),
)
RESULTS = "三、本年度办理结果"

# (group label, row id prefix, leaf labels): the outcome groups with numbered sub-rows.
WITHHELD = ("（三）不予公开", "withheld", (
    ("secret", "1.属于国家秘密"),
    ("prohibited", "2.其他法律行政法规禁止公开"),
    ("security", "3.危及“三安全一稳定”"),
    ("third_party", "4.保护第三方合法权益"),
    ("internal", "5.属于三类内部事务信息"),
    ("process", "6.属于四类过程性信息"),
    ("enforcement", "7.属于行政执法案卷"),
    ("query", "8.属于行政查询事项"),
))
UNAVAILABLE = ("（四）无法提供", "unavailable", (
    ("not_held", "1.本机关不掌握相关政府信息"),
    ("needs_creation", "2.没有现成信息需要另行制作"),
    ("unclear", "3.补正后申请内容仍不明确"),
))
UNPROCESSED = ("（五）不予处理", "unprocessed", (
    ("petition", "1.信访举报投诉类申请"),
    ("repeat", "2.重复申请"),
    ("publication", "3.要求提供公开出版物"),
    ("abusive", "4.无正当理由大量反复申请"),
    ("confirmation", "5.要求行政机关确认或重新出具已获取信息"),
))
OTHER_LABEL = "（六）其他处理"


def _group_rows(group: tuple) -> list[Row]:
    label, prefix, leaves = group
    rows = []
    for i, (suffix, leaf) in enumerate(leaves):
        head = (Span(label, rowspan=len(leaves)),) if i == 0 else ()
        rows.append(Row(f"{prefix}_{suffix}", leaf, labels=head + (Span(leaf),), group=label))
    return rows


def table3(other_group: tuple | None) -> Table:
    """Table 三. `other_group` is None for the 2019 format's single （六）其他处理 row, else its sub-rows."""
    outcome: list[Row] = [
        Row("open", "（一）予以公开", labels=(Span("（一）予以公开", colspan=2),)),
        Row("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            labels=(Span("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", colspan=2),)),
        *_group_rows(WITHHELD),
        *_group_rows(UNAVAILABLE),
        *_group_rows(UNPROCESSED),
    ]
    if other_group is None:
        outcome.append(Row("other", OTHER_LABEL, labels=(Span(OTHER_LABEL, colspan=2),)))
    else:
        outcome.extend(_group_rows(other_group))
    total = Row("outcome_total", "（七）总计", labels=(Span("（七）总计", colspan=2),), short="（七）总计",
                sum_of=tuple(r.id for r in outcome), rule="t3-outcome-total")
    results = [*outcome, total]
    # 「三、本年度办理结果」 spans every result row, （七）总计 included.
    first = results[0]
    results[0] = Row(first.id, first.label, labels=(Span(RESULTS, rowspan=len(results)),) + first.labels,
                     group=first.group)
    rows = (
        Row("new_received", "一、本年新收政府信息公开申请数量",
            labels=(Span("一、本年新收政府信息公开申请数量", colspan=3),), short="一"),
        Row("carried_in", "二、上年结转政府信息公开申请数量",
            labels=(Span("二、上年结转政府信息公开申请数量", colspan=3),), short="二"),
        *results,
        Row("carried_over", "四、结转下年度继续办理",
            labels=(Span("四、结转下年度继续办理", colspan=3),), short="四"),
    )
    columns = tuple(Column(i, label) for i, label in T3_APPLICANTS) + (
        Column("total", "总计", sum_of=tuple(i for i, _ in T3_APPLICANTS), rule="t3-row-total"),
    )
    return Table("table3", "三", "收到和处理政府信息公开申请情况",
                 blocks=(Block("applications", columns, rows, header=T3_HEADER),), label_columns=3)


T3_BALANCE = Balance(
    "t3-balance", "table3", lhs=("new_received", "carried_in"), rhs=("outcome_total", "carried_over"),
    description="一+二=（七）总计+四（第一项加第二项之和，等于第三项加第四项之和）",
)


# ---- Table 四: 政府信息公开行政复议、行政诉讼情况 (identical in both formats) --------------------

T4_OUTCOMES = (("upheld", "结果维持"), ("corrected", "结果纠正"), ("other", "其他结果"), ("pending", "尚未审结"))
T4_GROUPS = (("review", "行政复议"), ("direct_suit", "行政诉讼（未经复议直接起诉）"),
             ("suit_after_review", "行政诉讼（复议后起诉）"))


def _t4_columns() -> tuple[Column, ...]:
    cols = []
    for prefix, name in T4_GROUPS:
        ids = tuple(f"{prefix}_{o}" for o, _ in T4_OUTCOMES)
        cols += [Column(f"{prefix}_{o}", label, message_label=f"{name}{label}") for o, label in T4_OUTCOMES]
        cols.append(Column(f"{prefix}_total", "总计", sum_of=ids, rule="t4-total", message_label=f"{name}总计"))
    return tuple(cols)


T4_HEADER = (
    (Span("行政复议", colspan=5), Span("行政诉讼", colspan=10)),
    tuple(Span(label, rowspan=2) for _, label in T4_OUTCOMES) + (Span("总计", rowspan=2),
                                                                  Span("未经复议直接起诉", colspan=5),
                                                                  Span("复议后起诉", colspan=5)),
    tuple(Span(label) for _, label in T4_OUTCOMES) + (Span("总计"),)
    + tuple(Span(label) for _, label in T4_OUTCOMES) + (Span("总计"),),
)

TABLE4 = Table(
    "table4", "四", "政府信息公开行政复议、行政诉讼情况",
    blocks=(Block("cases", _t4_columns(), (Row("cases", "案件数", labels=()),), header=T4_HEADER),),
    label_columns=0,
)
