"""The two statutory formats as data: every label verbatim from the reference, the template layout span for
span, input vs computed cells, cell kinds, and which format a report year uses.

The expected labels below are typed by hand from ../shared/reference/STATUTORY_FORMATS.md, never derived
from the definitions under test.
"""

from __future__ import annotations

import json

import pytest

from app.cli import main
from app.draft import new_draft
from app.errors import DraftError
from app.formats import FORMATS, CellKind, UnknownFormat, format_for_year, get_format
from app.formats.layout import grid

SECTIONS = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
]

# (block title, columns after 信息内容 with their kinds, rows)
TABLE2_2019 = [
    ("第二十条第（一）项", [("本年新制作数量", "count"), ("本年新公开数量", "count"), ("对外公开总数量", "count")],
     ["规章", "规范性文件"]),
    ("第二十条第（五）项", [("上一年项目数量", "count"), ("本年增/减", "signed"), ("处理决定数量", "count")],
     ["行政许可", "其他对外管理服务事项"]),
    ("第二十条第（六）项", [("上一年项目数量", "count"), ("本年增/减", "signed"), ("处理决定数量", "count")],
     ["行政处罚", "行政强制"]),
    ("第二十条第（八）项", [("上一年项目数量", "count"), ("本年增/减", "signed")], ["行政事业性收费"]),
    ("第二十条第（九）项", [("采购项目数量", "count"), ("采购总金额", "money")], ["政府集中采购"]),
]
TABLE2_2021 = [
    ("第二十条第（一）项", [("本年制发件数", "count"), ("本年废止件数", "count"), ("现行有效件数", "count")],
     ["规章", "行政规范性文件"]),
    ("第二十条第（五）项", [("本年处理决定数量", "count")], ["行政许可"]),
    ("第二十条第（六）项", [("本年处理决定数量", "count")], ["行政处罚", "行政强制"]),
    ("第二十条第（八）项", [("本年收费金额（单位：万元）", "money")], ["行政事业性收费"]),
]

T3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
T3_COLUMNS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
WITHHELD = ["1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益",
            "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项"]
UNAVAILABLE = ["1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确"]
UNPROCESSED = ["1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请",
               "5.要求行政机关确认或重新出具已获取信息"]
OTHER_2021 = ["1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
              "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
              "3.其他"]
PARTIAL = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"


def t3_leaf_labels(fid: str) -> list[str]:
    other = ["（六）其他处理"] if fid == "2019" else OTHER_2021
    return (["一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "（一）予以公开", PARTIAL]
            + WITHHELD + UNAVAILABLE + UNPROCESSED + other + ["（七）总计", "四、结转下年度继续办理"])


def placed(g) -> list[tuple]:
    """Non-value cells as (row, col, rowspan, colspan, text)."""
    return [(c.row, c.col, c.rowspan, c.colspan, c.text) for c in g.cells if c.role != "value"]


# ---- sections and lookup ------------------------------------------------------------------------

@pytest.mark.parametrize("fid", ["2019", "2021"])
def test_section_headings_verbatim(fid):
    fmt = get_format(fid)
    assert [s.heading for s in fmt.sections] == SECTIONS
    tables = {s.heading: s.table for s in fmt.sections if s.table}
    assert tables == {SECTIONS[1]: "table2", SECTIONS[2]: "table3", SECTIONS[3]: "table4"}
    assert [t.name for t in fmt.tables] == ["表二", "表三", "表四"]
    assert fmt.section("overview").parts == ("主动公开", "依申请公开", "政府信息管理", "平台建设", "监督保障")


def test_known_formats():
    assert set(FORMATS) == {"2019", "2021"}
    assert "〔2019〕60号" in get_format("2019").document
    assert "〔2021〕30号" in get_format("2021").document
    assert get_format("2021").money_unit == "万元"
    assert get_format("2019").money_unit == ""
    with pytest.raises(UnknownFormat):
        get_format("2030")


@pytest.mark.parametrize("year,fid", [(2019, "2019"), (2020, "2019"), (2021, "2021"), (2022, "2021"),
                                      (2023, "2021"), (2024, "2021"), (2025, "2021"), (2026, "2021")])
def test_format_for_year(year, fid):
    assert format_for_year(year).id == fid
    assert new_draft(year, "某局").format_id == fid


@pytest.mark.parametrize("year", [2018, 2000, 1990])
def test_years_before_2019_rejected(year):
    with pytest.raises(UnknownFormat):
        format_for_year(year)
    with pytest.raises(DraftError) as e:
        new_draft(year, "某局")
    assert "2019" in e.value.message


def test_format_override():
    assert new_draft(2020, "某局", "2021").format_id == "2021"
    assert new_draft(2025, "某局", "2019").format_id == "2019"
    with pytest.raises(DraftError):
        new_draft(2025, "某局", "1999")


# ---- table 二 -----------------------------------------------------------------------------------

@pytest.mark.parametrize("fid,expected", [("2019", TABLE2_2019), ("2021", TABLE2_2021)])
def test_table2_blocks_columns_rows_kinds(fid, expected):
    t = get_format(fid).table("table2")
    got = [(b.title, [(c.label, c.kind.value) for c in b.columns], [r.label for r in b.rows]) for b in t.blocks]
    assert got == expected
    assert all(b.label_header == "信息内容" for b in t.blocks)
    # nothing in table 二 is computed
    assert t.input_cells() == t.cells()


@pytest.mark.parametrize("fid,expected", [("2019", TABLE2_2019), ("2021", TABLE2_2021)])
def test_table2_grid_is_the_stacked_word_table(fid, expected):
    g = grid(get_format(fid).table("table2"))
    assert g.n_cols == 4
    want, r = [], 0
    for title, cols, rows in expected:
        want.append((r, 0, 1, 4, title))
        want.append((r + 1, 0, 1, 1, "信息内容"))
        for i, (label, _) in enumerate(cols):
            # a block with fewer than three value columns spans its last cell to the right edge
            want.append((r + 1, 1 + i, 1, (3 - i) if i == len(cols) - 1 else 1, label))
        for j, label in enumerate(rows):
            want.append((r + 2 + j, 0, 1, 1, label))
        r += 2 + len(rows)
    assert placed(g) == want
    assert g.n_rows == r == (18 if fid == "2019" else 14)
    values = [c for c in g.cells if c.role == "value"]
    assert all(not c.computed for c in values)
    assert sum(c.colspan for c in values if c.row == g.n_rows - 1) == 3


# ---- table 三 -----------------------------------------------------------------------------------

@pytest.mark.parametrize("fid", ["2019", "2021"])
def test_table3_rows_and_columns_verbatim(fid):
    t = get_format(fid).table("table3")
    assert [r.label for _, r in t.rows()] == t3_leaf_labels(fid)
    assert [c.label for c in t.blocks[0].columns] == T3_COLUMNS
    groups = {r.label: r.group for _, r in t.rows() if r.group}
    assert all(groups[x] == "（三）不予公开" for x in WITHHELD)
    assert all(groups[x] == "（四）无法提供" for x in UNAVAILABLE)
    assert all(groups[x] == "（五）不予处理" for x in UNPROCESSED)
    if fid == "2021":
        assert all(groups[x] == "（六）其他处理" for x in OTHER_2021)


@pytest.mark.parametrize("fid", ["2019", "2021"])
def test_table3_grid_header_and_label_spans(fid):
    g = grid(get_format(fid).table("table3"))
    n_results = 20 if fid == "2019" else 22
    assert g.n_cols == 10 and g.n_rows == 3 + 2 + n_results + 1
    assert g.header_rows == (0, 1, 2)
    cells = placed(g)
    header = [c for c in cells if c[0] < 3]
    assert header == [
        (0, 0, 3, 3, T3_NOTE), (0, 3, 1, 7, "申请人情况"),
        (1, 3, 2, 1, "自然人"), (1, 4, 1, 5, "法人或其他组织"), (1, 9, 2, 1, "总计"),
        (2, 4, 1, 1, "商业企业"), (2, 5, 1, 1, "科研机构"), (2, 6, 1, 1, "社会公益组织"),
        (2, 7, 1, 1, "法律服务机构"), (2, 8, 1, 1, "其他"),
    ]
    assert "商业机构" not in {c[4] for c in cells}  # the seed's misprint; the templates say 商业企业
    labels = [c for c in cells if c[0] >= 3]
    want = [(3, 0, 1, 3, "一、本年新收政府信息公开申请数量"), (4, 0, 1, 3, "二、上年结转政府信息公开申请数量"),
            (5, 0, n_results, 1, "三、本年度办理结果"),
            (5, 1, 1, 2, "（一）予以公开"), (6, 1, 1, 2, PARTIAL)]
    r = 7
    groups = (("（三）不予公开", WITHHELD), ("（四）无法提供", UNAVAILABLE), ("（五）不予处理", UNPROCESSED))
    for group, leaves in groups:
        want.append((r, 1, len(leaves), 1, group))
        want += [(r + i, 2, 1, 1, leaf) for i, leaf in enumerate(leaves)]
        r += len(leaves)
    if fid == "2019":
        want.append((r, 1, 1, 2, "（六）其他处理"))
        r += 1
    else:
        want.append((r, 1, 3, 1, "（六）其他处理"))
        want += [(r + i, 2, 1, 1, leaf) for i, leaf in enumerate(OTHER_2021)]
        r += 3
    want += [(r, 1, 1, 2, "（七）总计"), (r + 1, 0, 1, 3, "四、结转下年度继续办理")]
    assert labels == want
    assert r == 5 + n_results - 1  # （七）总计 is the last row 「三、本年度办理结果」 spans


@pytest.mark.parametrize("fid", ["2019", "2021"])
def test_table3_computed_cells(fid):
    t = get_format(fid).table("table3")
    g = grid(t)
    computed = {c.ref for c in g.cells if c.role == "value" and c.computed}
    rows = [r.id for _, r in t.rows()]
    cols = [c.id for c in t.blocks[0].columns]
    assert cols[-1] == "total"
    want = {(r, "total") for r in rows} | {("outcome_total", c) for c in cols}
    assert computed == want
    assert len(t.input_cells()) == len(rows) * 7 - len(want)
    assert all(c.kind is CellKind.COUNT for c in t.blocks[0].columns)
    _, total_row = t.row("outcome_total")
    assert total_row.rule == "t3-outcome-total"
    assert t.column("open", "total").rule == "t3-row-total"


# ---- table 四 -----------------------------------------------------------------------------------

OUTCOMES = ["结果维持", "结果纠正", "其他结果", "尚未审结"]


@pytest.mark.parametrize("fid", ["2019", "2021"])
def test_table4_grid_4x15(fid):
    t = get_format(fid).table("table4")
    g = grid(t)
    assert (g.n_rows, g.n_cols) == (4, 15)
    want = [(0, 0, 1, 5, "行政复议"), (0, 5, 1, 10, "行政诉讼")]
    want += [(1, i, 2, 1, label) for i, label in enumerate(OUTCOMES + ["总计"])]
    want += [(1, 5, 1, 5, "未经复议直接起诉"), (1, 10, 1, 5, "复议后起诉")]
    want += [(2, 5 + i, 1, 1, label) for i, label in enumerate(OUTCOMES + ["总计"] + OUTCOMES + ["总计"])]
    assert placed(g) == want
    values = [c for c in g.cells if c.role == "value"]
    assert [(c.row, c.col, c.rowspan, c.colspan) for c in values] == [(3, i, 1, 1) for i in range(15)]
    assert [c.col for c in values if c.computed] == [4, 9, 14]
    assert {t.column(*c.ref).rule for c in values if c.computed} == {"t4-total"}
    # the same in both formats
    assert placed(g) == placed(grid(get_format("2019" if fid == "2021" else "2021").table("table4")))


# ---- the grid itself ----------------------------------------------------------------------------

@pytest.mark.parametrize("fid", ["2019", "2021"])
@pytest.mark.parametrize("tid", ["table2", "table3", "table4"])
def test_grid_covers_every_slot_exactly_once(fid, tid):
    table = get_format(fid).table(tid)
    g = grid(table)
    seen: dict[tuple[int, int], int] = {}
    for c in g.cells:
        assert c.rowspan >= 1 and c.colspan >= 1
        for r in range(c.row, c.row + c.rowspan):
            for col in range(c.col, c.col + c.colspan):
                assert 0 <= r < g.n_rows and 0 <= col < g.n_cols
                seen[(r, col)] = seen.get((r, col), 0) + 1
    assert set(seen) == {(r, c) for r in range(g.n_rows) for c in range(g.n_cols)}
    assert set(seen.values()) == {1}
    # every value cell of the definition sits in the grid exactly once, and at() finds it
    refs = [c.ref for c in g.cells if c.ref is not None]
    assert refs == [(r.id, c.id) for _, r, c in table.cells()]
    for ref, cell in g.value_cells().items():
        assert g.at(cell.row, cell.col + cell.colspan - 1) is cell
        assert cell.computed == table.is_computed(table.row(ref[0])[1], table.column(*ref))


@pytest.mark.parametrize("fid", ["2019", "2021"])
def test_cell_kinds(fid):
    fmt = get_format(fid)
    kinds = {(t.id, r.id, c.id): c.kind.value for t in fmt.tables for _, r, c in t.cells()}
    money = {k for k, v in kinds.items() if v == "money"}
    signed = {k for k, v in kinds.items() if v == "signed"}
    if fid == "2019":
        assert money == {("table2", "central_procurement", "purchase_amount")}
        assert {r for _, r, _ in signed} == {"admin_license", "other_services", "admin_penalty", "admin_coercion",
                                           "admin_fees"}
        assert {c for _, _, c in signed} == {"change"}
    else:
        assert money == {("table2", "admin_fees", "fee_amount")}
        assert signed == set()
    assert all(v == "count" for (t, _, _), v in kinds.items() if t in ("table3", "table4"))


def test_cell_names_in_messages():
    t3 = get_format("2019").table("table3")
    assert t3.cell_name("new_received", "natural_person") == "表三「一、本年新收政府信息公开申请数量」行「自然人」列"
    assert t3.cell_name("withheld_secret", "total") == "表三「（三）不予公开 1.属于国家秘密」行「总计」列"
    t2 = get_format("2019").table("table2")
    assert t2.cell_name("admin_penalty", "change") == "表二「第二十条第（六）项」「行政处罚」行「本年增/减」列"
    t4 = get_format("2021").table("table4")
    assert "行政诉讼（复议后起诉）总计" in t4.cell_name("cases", "suit_after_review_total")


# ---- nianbao formats --json ---------------------------------------------------------------------

def test_formats_json_addresses_every_cell(capsys):
    assert main(["formats", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [f["id"] for f in out] == ["2019", "2021"]
    for f in out:
        fmt = get_format(f["id"])
        assert [s["heading"] for s in f["sections"]] == SECTIONS
        assert [r["id"] for r in f["rules"]] == ["t3-balance"]
        data = {"schema_version": 2, "format_id": f["id"], "year": 2020 if f["id"] == "2019" else 2025,
                "tables": {}}
        for t in f["tables"]:
            table = fmt.table(t["id"])
            g = t["grid"]
            cells = [c for c in g["cells"] if c["cell"]]
            assert [tuple(c["cell"]) for c in cells] == [(r.id, c.id) for _, r, c in table.cells()]
            for c in cells:
                rid, cid = c["cell"]
                assert c["kind"] == table.column(rid, cid).kind.value
                assert c["computed"] == table.is_computed(table.row(rid)[1], table.column(rid, cid))
                if not c["computed"]:
                    data["tables"].setdefault(t["id"], {}).setdefault(rid, {})[cid] = \
                        "1" if c["kind"] == "money" else 1
            texts = {c["text"] for c in g["cells"] if c["role"] in ("header", "label", "title")}
            for b in t["blocks"]:
                assert {c["label"] for c in b["columns"]} <= texts
                if t["id"] != "table4":
                    assert {r["label"] for r in b["rows"]} <= texts
        # the ids it prints address the cells of a draft: a draft filled through them has nothing missing
        from app.checks import run_checks
        from app.draft import validate

        draft = validate(data)
        assert not [x for x in run_checks(draft) if x.rule == "cell-missing"]
    t3 = next(t for t in out[1]["tables"] if t["id"] == "table3")
    spans = {c["text"]: (c["rowspan"], c["colspan"]) for c in t3["grid"]["cells"] if c["role"] != "value"}
    assert spans[T3_NOTE] == (3, 3)
    assert spans["申请人情况"] == (1, 7)
    assert spans["法人或其他组织"] == (1, 5)
    assert spans["三、本年度办理结果"] == (22, 1)


def test_formats_plain_lists_both(capsys):
    assert main(["formats"]) == 0
    out = capsys.readouterr().out
    assert "2019" in out and "2021" in out and "至今" in out
