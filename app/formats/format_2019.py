"""The 2019 trial format (国办公开办函〔2019〕60号), used for the 2019 and 2020 reports.

Differs from 2021 in table 二 (five blocks, 上一年项目数量 / 本年增/减, 采购) and in table 三's single
（六）其他处理 row. The seed report (a 2020 report) is in this format.
"""

from .common import T3_BALANCE, TABLE4, sections, table3
from .types import Block, CellKind, Column, ReportFormat, Row, Table

_ITEMS = (
    Column("prev_items", "上一年项目数量"),
    Column("change", "本年增/减", CellKind.SIGNED),
    Column("decisions", "处理决定数量"),
)

TABLE2 = Table("table2", "二", "主动公开政府信息情况", label_columns=1, blocks=(
    Block("art20_1", title="第二十条第（一）项", label_header="信息内容", columns=(
        Column("new_made", "本年新制作数量"),
        Column("new_published", "本年新公开数量"),
        Column("total_published", "对外公开总数量"),
    ), rows=(Row("regulations", "规章"), Row("normative_docs", "规范性文件"))),
    Block("art20_5", title="第二十条第（五）项", label_header="信息内容", columns=_ITEMS,
          rows=(Row("admin_license", "行政许可"), Row("other_services", "其他对外管理服务事项"))),
    Block("art20_6", title="第二十条第（六）项", label_header="信息内容", columns=_ITEMS,
          rows=(Row("admin_penalty", "行政处罚"), Row("admin_coercion", "行政强制"))),
    Block("art20_8", title="第二十条第（八）项", label_header="信息内容", columns=_ITEMS[:2],
          rows=(Row("admin_fees", "行政事业性收费"),)),
    Block("art20_9", title="第二十条第（九）项", label_header="信息内容", columns=(
        Column("purchase_items", "采购项目数量"),
        Column("purchase_amount", "采购总金额", CellKind.MONEY),
    ), rows=(Row("central_procurement", "政府集中采购"),)),
))

FORMAT = ReportFormat(
    id="2019",
    name="2019年试行格式",
    document="国办公开办函〔2019〕60号《中华人民共和国政府信息公开工作年度报告格式（试行）》",
    years=(2019, 2020),
    sections=sections(),
    tables=(TABLE2, table3(None), TABLE4),
    balances=(T3_BALANCE,),
    notes=("采购总金额的单位格式未规定，请与正文保持一致（元或万元）。",),
)
