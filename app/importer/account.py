"""The import account: what was read, what could not be matched (with the text seen), and which totals
printed in the file disagree with the arithmetic. Shown in a dialog before the draft opens, printed by
`nianbao import`, and as JSON for tools (`--json`)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Unmatched:
    where: str  # e.g. 表三「（一）予以公开」行，第5列
    seen: str  # the text as it stands in the file
    why: str  # 找不到对应的列 / 不是数字 / 空白或「/」，未填

    def line(self) -> str:
        shown = f"「{self.seen}」" if self.seen else "（空白）"
        return f"{self.where}：{shown}{self.why}"


@dataclass
class ImportAccount:
    file: str
    kind: str  # "Word文档" / "网页"
    encoding: str = ""
    year: int | None = None
    format_name: str = ""
    agency: str = ""
    read: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unmatched: list[Unmatched] = field(default_factory=list)
    unfilled: list[Unmatched] = field(default_factory=list)  # blank / 「/」 / 「无」: left unfilled
    disagreeing_totals: list[str] = field(default_factory=list)
    cells_read: int = 0
    cells_total: int = 0

    def lines(self) -> list[str]:
        out = [f"已读取「{self.file}」（{self.kind}{'，' + self.encoding + '编码' if self.encoding else ''}）。"]
        if self.year:
            out.append(f"报告：{self.agency or '（未识别出机关名称）'} {self.year}年度，{self.format_name}。")
        out.append(f"表格数值：读取 {self.cells_read} 格（共 {self.cells_total} 格需要填写）。")
        out += [f"· {r}" for r in self.read]
        if self.notes:
            out.append("请注意：")
            out += [f"· {n}" for n in self.notes]
        if self.unmatched:
            out.append(f"未能识别的内容（{len(self.unmatched)} 处，相应的格未填写）：")
            out += [f"· {u.line()}" for u in self.unmatched]
        if self.unfilled:
            out.append(f"文件中为空白、「/」或「无」的格（{len(self.unfilled)} 处，未填写，请核实后填0或实际数字）：")
            out += [f"· {u.line()}" for u in self.unfilled]
        if self.disagreeing_totals:
            out.append(f"文件中印的合计与各项相加不符（{len(self.disagreeing_totals)} 处）：")
            out += [f"· {m}" for m in self.disagreeing_totals]
        else:
            out.append("文件中印的合计与各项相加一致。")
        return out

    def as_json(self) -> dict:
        return {
            "file": self.file, "kind": self.kind, "encoding": self.encoding, "year": self.year,
            "format": self.format_name, "agency": self.agency, "cells_read": self.cells_read,
            "cells_total": self.cells_total, "read": list(self.read), "notes": list(self.notes),
            "unmatched": [{"where": u.where, "seen": u.seen, "why": u.why} for u in self.unmatched],
            "unfilled": [{"where": u.where, "seen": u.seen, "why": u.why} for u in self.unfilled],
            "disagreeing_totals": list(self.disagreeing_totals),
        }
