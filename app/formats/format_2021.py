"""The 2021 format (国办公开办函〔2021〕30号, signed 2021-09-26), used from the 2021 report on.

Table 二 has four blocks with 制发/废止/现行有效 counts and 收费金额 in 万元; table 三's （六）其他处理 has
three sub-rows, the second of which (逾期未缴费) obliges section 六 to report 信息处理费.
"""

from .common import OTHER_LABEL, T3_BALANCE, TABLE4, sections, table3
from .types import Block, CellKind, Column, ReportFormat, Row, Table

_DECISIONS = (Column("decisions", "本年处理决定数量"),)

TABLE2 = Table("table2", "二", "主动公开政府信息情况", label_columns=1, blocks=(
    Block("art20_1", title="第二十条第（一）项", label_header="信息内容", columns=(
        Column("issued", "本年制发件数"),
        Column("repealed", "本年废止件数"),
        Column("in_force", "现行有效件数"),
    ), rows=(Row("regulations", "规章"), Row("normative_docs", "行政规范性文件"))),
    Block("art20_5", title="第二十条第（五）项", label_header="信息内容", columns=_DECISIONS,
          rows=(Row("admin_license", "行政许可"),)),
    Block("art20_6", title="第二十条第（六）项", label_header="信息内容", columns=_DECISIONS,
          rows=(Row("admin_penalty", "行政处罚"), Row("admin_coercion", "行政强制"))),
    Block("art20_8", title="第二十条第（八）项", label_header="信息内容", columns=(
        Column("fee_amount", "本年收费金额（单位：万元）", CellKind.MONEY),
    ), rows=(Row("admin_fees", "行政事业性收费"),)),
))

OTHER_2021 = (OTHER_LABEL, "other", (
    ("no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("no_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other", "3.其他"),
))

FORMAT = ReportFormat(
    id="2021",
    name="2021年格式",
    document="国办公开办函〔2021〕30号",
    years=(2021, None),
    sections=sections(),
    tables=(TABLE2, table3(OTHER_2021), TABLE4),
    balances=(T3_BALANCE,),
    money_unit="万元",
    fee_row="other_no_fee",
)
