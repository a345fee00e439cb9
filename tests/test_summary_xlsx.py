"""The 汇总 workbook: written by `nianbao summary --xlsx`, opened with LibreOffice Calc (headless, every sheet
to CSV) and with openpyxl, and read back: official labels and merged cells, numbers as numbers, the sum
cell by cell, the status table, the incomplete cell marked."""

from __future__ import annotations

import csv
import shutil
import subprocess
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from summary_helpers import unit_draft

from app.cli import main
from app.compute import computed_cells
from app.formats.layout import grid
from app.storage import save_draft
from app.summary import summarize_folder
from app.summary_xlsx import CHECK_SHEET, STATUS_SHEET

LIBREOFFICE = shutil.which("libreoffice") or shutil.which("soffice")
TOP = 2  # the grid starts below the title and the subtitle row


@pytest.fixture(scope="module")
def workbook(tmp_path_factory):
    """Five units (one with an unfilled cell, one named like a formula) and a broken file, summed with
    the command line into a workbook: (folder, result, xlsx path)."""
    work = tmp_path_factory.mktemp("xlsx")
    folder = work / "units"
    folder.mkdir()
    for i in range(5):
        d = unit_draft(i, agency=["甲局", "乙局", "丙局", "=1+2", "戊局"][i])
        if i == 0:
            d.set("table2", "admin_fees", "fee_amount", "24252.311082")
        if i == 2:
            d.set("table4", "cases", "review_pending", None)
        save_draft(d, folder / f"{i}.nianbao")
    (folder / "坏文件.nianbao").write_text("not json", "utf-8")
    out = work / "汇总.xlsx"
    assert main(["summary", str(folder), "-o", str(work / "汇总.nianbao"), "--xlsx", str(out)]) == 1
    return folder, summarize_folder(folder, skip=[work / "汇总.nianbao"]), out


def _expected(result, table):
    """(grid row, grid col) -> the value the sheet must show: the sum's input cells and complete totals."""
    totals = computed_cells(result.draft, table.id)
    out = {}
    for ref, placed in grid(table).value_cells().items():
        if placed.computed:
            t = totals[ref]
            value = t.value if t.complete else None
        else:
            value = result.draft.get(table.id, *ref)
        out[(placed.row, placed.col)] = value
    return out


def test_workbook_structure_and_numbers(workbook):
    _, result, path = workbook
    wb = load_workbook(path)
    assert wb.sheetnames == [STATUS_SHEET, "表二", "表三", "表四", CHECK_SHEET]
    t3 = wb["表三"]
    merged = {str(r) for r in t3.merged_cells.ranges}
    assert "A3:C5" in merged  # the 勾稽关系 note spans 3 rows x 3 columns, as in the template
    assert t3["A3"].value.startswith("（本列数据的勾稽关系为")
    assert "D3:J3" in merged and t3["D3"].value == "申请人情况"
    for table in result.format.tables:
        ws = wb[table.name]
        for (r, c), value in _expected(result, table).items():
            cell = ws.cell(TOP + r + 1, c + 1)
            if value is None:
                assert cell.value is None and cell.fill.fgColor.rgb.endswith("FFF2CC"), (table.id, r, c)
            else:
                assert cell.data_type == "n", (table.id, r, c, cell.value)
                assert Decimal(str(cell.value)) == Decimal(value)
    fee = next(p for ref, p in grid(result.format.table("table2")).value_cells().items()
               if ref == ("admin_fees", "fee_amount"))
    fee_cell = wb["表二"].cell(TOP + fee.row + 1, fee.col + 1)
    assert fee_cell.number_format == "0.000000"
    pending = next(p for ref, p in grid(result.format.table("table4")).value_cells().items()
                   if ref == ("cases", "review_pending"))
    comment = wb["表四"].cell(TOP + pending.row + 1, pending.col + 1).comment
    assert comment is not None and "丙局" in comment.text

    status = wb[STATUS_SHEET]
    heads = [c.value for c in status[3]]
    assert heads[:8] == ["单位", "文件", "类型", "年度", "格式", "错误", "提醒", "未填"]
    rows = [[c.value for c in row] for row in status.iter_rows(min_row=4)]
    assert rows[0][1] == "坏文件.nianbao" and rows[0][heads.index("未计入原因")].startswith("无法读取")
    formula_like = next(r for r in rows if r[1] == "3.nianbao")
    assert formula_like[0] == "=1+2"
    assert status.cell(4 + rows.index(formula_like), 1).data_type == "s"  # text, never a formula
    by_file = {r[1]: r for r in rows}
    assert by_file["2.nianbao"][heads.index("未填")] == 1
    assert status.cell(4 + rows.index(by_file["0.nianbao"]), heads.index("新收申请") + 1).data_type == "n"
    checks = [c.value for c in wb[CHECK_SHEET]["B"]]
    assert any("丙局" in (v or "") and "合计不完整" in (v or "") for v in checks)


@pytest.mark.skipif(LIBREOFFICE is None, reason="LibreOffice is not installed")
def test_libreoffice_reads_it_back(workbook, tmp_path):
    _, result, path = workbook
    # Filter options: comma, double quote, UTF-8, raw values (not as shown), every sheet to its own file.
    subprocess.run([LIBREOFFICE, f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--headless",
                    "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
                    "--outdir", str(tmp_path), str(path)], check=True, capture_output=True, timeout=240)

    def sheet(name):
        f = tmp_path / f"{path.stem}-{name}.csv"
        assert f.exists(), f"LibreOffice wrote no CSV for sheet {name}"
        return list(csv.reader(f.read_text("utf-8").splitlines()))

    for table in result.format.tables:
        rows = sheet(table.name)
        assert rows[0][0] == f"{table.name} {table.title}"
        for (r, c), value in _expected(result, table).items():
            shown = rows[TOP + r][c]
            assert (shown == "") if value is None else Decimal(shown) == Decimal(value), (table.id, r, c)
    labels = [row[0] for row in sheet("表二")]
    assert "第二十条第（一）项" in labels and "行政规范性文件" in labels
    t3 = sheet("表三")
    assert t3[TOP + 3][0] == "一、本年新收政府信息公开申请数量"
    status = sheet(STATUS_SHEET)
    assert status[2][0] == "单位" and status[3][1] == "坏文件.nianbao"
    assert {row[1] for row in status[3:]} == {"坏文件.nianbao", *(f"{i}.nianbao" for i in range(5))}
