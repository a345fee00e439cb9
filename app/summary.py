"""汇总: the office that collects its units' reports reads a folder of them, sees which need attention,
and gets their tables summed cell by cell into a report of its own.

Every file is hostile input: each is read on its own, bounded in size, and a file that cannot be read is
listed with its error and never stops the rest. Only reports of one year and one format are summed (the
area report's, an explicit choice, or else the most common one); the others are listed with the reason.
A cell that some unit left unfilled makes that cell of the sum incomplete: it is left unfilled in the
sum and listed with the units that lack it, never counted as 0.

A unit keeps only its counts and its table values after it is read (not its draft), so thousands of
units fit in memory; the window reopens a unit's file when the clerk asks for it.
"""

from __future__ import annotations

import gc
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal, Inexact, localcontext
from itertools import chain
from pathlib import Path

from .cells import CellValue
from .checks import Context, Finding, Severity, run_checks, summarize
from .checks.summary_mismatch import summary_mismatch
from .draft import Draft, new_draft
from .errors import DraftError, NianbaoError, os_error_text
from .filetypes import HTML_SUFFIXES, IMPORT_SUFFIXES, WORD_SUFFIXES
from .formats import ReportFormat, get_format
from .formats.types import CellKind
from .storage import DRAFT_SUFFIX, load_draft

SUFFIXES = (DRAFT_SUFFIX, *IMPORT_SUFFIXES)
KIND_NAMES = {DRAFT_SUFFIX: "草稿", **{s: "Word" for s in WORD_SUFFIXES}, **{s: "网页" for s in HTML_SUFFIXES}}
# Files a folder of submissions also holds that are not anybody's report: backups, editors' lock and
# temporary files. They are passed over silently; any other file is listed as not summable.
IGNORED_SUFFIXES = (".bak", ".tmp", ".lock")
IGNORED_PREFIXES = (".", "~$")

MAX_DRAFT_BYTES = 8 * 1024 * 1024  # a real draft is tens of kilobytes
MAX_IMPORT_BYTES = 50 * 1024 * 1024  # a Word file with pictures; the importer bounds what it unpacks
MAX_FILES = 20_000  # a province collects thousands of units
MAX_MONEY_DIGITS = 200  # an amount in 万元 with six decimals has about 15
YOUNG_COLLECTION_EVERY = 200  # drafts read between two collections of the youngest generation (see below)
KEPT_MESSAGES = 5  # per unit, the first errors/warnings shown in the status table and workbook


# ---- the key figures of a unit -------------------------------------------------------------------

_DIGITS = re.compile(r"(\d+)")


def natural_key(text: str) -> tuple:
    """Sort key that orders 第2单位 before 第10单位 (numbers by value), as a clerk reads a list."""
    return tuple(int(p) if p.isdigit() else p for p in _DIGITS.split(text))


@dataclass(frozen=True)
class Figure:
    id: str
    label: str
    cells: tuple[tuple[str, str, str], ...]  # (table, row, column), added up


def figures_of(fmt: ReportFormat) -> tuple[Figure, ...]:
    """The figures the status table shows for each unit, as cells of `fmt`."""
    t2 = fmt.table("table2")
    docs_col = next(c for c in t2.row("normative_docs")[0].columns if c.id in ("in_force", "total_published"))
    docs_label = "现行有效规范性文件" if docs_col.id == "in_force" else "规范性文件对外公开总数"
    return (
        Figure("new_received", "新收申请", (("table3", "new_received", "total"),)),
        Figure("handled", "办结", (("table3", "outcome_total", "total"),)),
        Figure("carried_over", "结转下年度", (("table3", "carried_over", "total"),)),
        Figure("review_total", "行政复议总计", (("table4", "cases", "review_total"),)),
        Figure("suit_total", "行政诉讼总计", (("table4", "cases", "direct_suit_total"),
                                         ("table4", "cases", "suit_after_review_total"))),
        Figure("normative_docs", docs_label, (("table2", "normative_docs", docs_col.id),)),
    )


_FIGURES: dict[str, tuple[Figure, ...]] = {}


def _figure_values(ctx: Context) -> dict[str, int | None]:
    """A unit's figures from its check run's totals; a figure with an unfilled input is unknown (None)."""
    figures = _FIGURES.get(ctx.format.id)
    if figures is None:
        figures = _FIGURES[ctx.format.id] = figures_of(ctx.format)
    out: dict[str, int | None] = {}
    for fig in figures:
        value: int | None = 0
        for cell in fig.cells:
            part = ctx.value(*cell)
            if not part.complete:
                value = None
                break
            value += part.value
        out[fig.id] = value
    return out


# ---- one unit --------------------------------------------------------------------------------------

@dataclass
class UnitStatus:
    """One file of the folder: what it is, how its checks came out, and why it is left out (if it is)."""

    path: Path
    agency: str = ""
    year: int | None = None
    format_id: str | None = None
    errors: int = 0
    warnings: int = 0
    missing: int = 0
    figures: dict[str, int | None] = field(default_factory=dict)
    messages: list[str] = field(default_factory=list)  # the first errors and warnings, for the table
    excluded: str | None = None
    unreadable: bool = False
    values: tuple[CellValue | None, ...] | None = None  # the input cells, in `input_cells(fmt)` order

    @property
    def kind(self) -> str:
        return KIND_NAMES.get(self.path.suffix.lower(), "其他")

    @property
    def name(self) -> str:
        """How the unit is named in lists: its agency, or its file when the agency is not filled in."""
        return self.agency or self.path.stem

    @property
    def included(self) -> bool:
        return self.excluded is None

    @property
    def format_name(self) -> str:
        return get_format(self.format_id).name if self.format_id else ""

    def attention(self) -> tuple:
        """Sort key: unreadable files, then errors, then files left out, then incomplete, then warnings."""
        if self.unreadable:
            rank = 0
        elif self.included and self.errors:
            rank = 1
        elif not self.included:
            rank = 2
        elif self.missing:
            rank = 3
        elif self.warnings:
            rank = 4
        else:
            rank = 5
        return (rank, -self.errors, -self.missing, -self.warnings, natural_key(self.name), natural_key(self.path.name))

    def as_json(self) -> dict:
        return {"file": str(self.path), "agency": self.agency, "year": self.year, "format": self.format_id,
                "errors": self.errors, "warnings": self.warnings, "missing": self.missing,
                "excluded": self.excluded, "figures": self.figures, "messages": self.messages}


def input_cells(fmt: ReportFormat) -> tuple[tuple[str, str, str, CellKind], ...]:
    """Every input cell of the tables that add up (二, 三 and 四): (table, row, column, kind).

    Every input column of these tables is a count, a signed change or an amount of one unit's year, so
    each adds across units (2019's 上一年项目数量 and signed 本年增/减 too); totals are recomputed.
    """
    cells = _INPUT_CELLS.get(fmt.id)
    if cells is None:
        cells = _INPUT_CELLS[fmt.id] = tuple((t.id, r.id, c.id, c.kind) for t in fmt.tables
                                             for _, r, c in t.input_cells())
    return cells


_INPUT_CELLS: dict[str, tuple] = {}


def read_report(path: Path, notes: list[str] | None = None) -> Draft:
    """A unit's report as a draft: a .nianbao draft, or a .docx/.html report through the importer (what
    it could not read is added to `notes`). Raises NianbaoError with a Chinese message naming the file."""
    suffix = path.suffix.lower()
    size = path.stat().st_size
    limit = MAX_DRAFT_BYTES if suffix == DRAFT_SUFFIX else MAX_IMPORT_BYTES
    if size > limit:
        raise DraftError(f"「{path.name}」文件过大（{size / 1048576:.1f} MB，上限 {limit // 1048576} MB），"
                         f"不像是年度报告")
    if suffix == DRAFT_SUFFIX:
        return load_draft(path)
    from .importer import import_report

    imported = import_report(path)
    account = imported.account
    if notes is not None and (account.unmatched or account.unfilled):
        notes.append(f"[导入] {len(account.unmatched) + len(account.unfilled)}处表格内容未能读取或为空白，"
                     f"相应的格未填写（用「文件 → 导入已有报告」打开可看详情）")
    return imported.draft


def read_unit(path: Path) -> UnitStatus:
    """Read and check one file; any problem is recorded on the status, never raised."""
    unit = UnitStatus(path)
    notes: list[str] = []
    try:
        draft = read_report(path, notes)
    except NianbaoError as e:
        unit.excluded, unit.unreadable = f"无法读取：{e.message}", True
        return unit
    except OSError as e:
        unit.excluded, unit.unreadable = f"无法读取：{os_error_text(e)}", True
        return unit
    except Exception as e:  # noqa: BLE001 - one unit's bad file must not stop the other units
        unit.excluded, unit.unreadable = f"无法读取：读取时出现意外错误（{type(e).__name__}）", True
        return unit
    unit.agency, unit.year, unit.format_id = draft.agency.strip(), draft.year, draft.format_id
    ctx = Context(draft)
    findings = run_checks(draft, ctx)
    counts = summarize(findings)
    unit.errors, unit.warnings = counts.errors, counts.warnings
    unit.missing = counts.missing_cells + counts.missing_other
    unit.messages = notes + [f"[{f.severity.chinese}] {f.message}" for f in findings
                             if f.severity is not Severity.MISSING][:KEPT_MESSAGES]
    # The input cells in `input_cells(fmt)` order: the check run read them table by table, in the format's order.
    unit.values = tuple(chain.from_iterable(ctx.inputs.values()))
    unit.figures = _figure_values(ctx)
    return unit


# ---- the folder ------------------------------------------------------------------------------------

def list_reports(folder: Path, skip: Iterable[Path] = ()) -> tuple[list[Path], list[str]]:
    """The files of `folder` to look at (sorted by name), and notes about what was passed over."""
    skipped = {_same(p) for p in skip}
    try:
        with os.scandir(folder) as it:
            entries = [e for e in it if e.is_file() and not e.name.startswith(IGNORED_PREFIXES)
                       and not e.name.lower().endswith(IGNORED_SUFFIXES)]
    except FileNotFoundError:
        raise DraftError(f"找不到文件夹「{folder}」") from None
    except NotADirectoryError:
        raise DraftError(f"「{folder}」不是文件夹") from None
    except PermissionError:
        raise DraftError(f"没有权限读取文件夹「{folder}」") from None
    except OSError as e:
        raise DraftError(f"无法读取文件夹「{folder}」：{os_error_text(e)}") from None
    if skipped:
        real_folder = _same(Path(folder))
        # A plain file's real path is the folder's plus its name: only a link needs resolving (slow, per file).
        entries = [e for e in entries
                   if (_same(Path(e.path)) if e.is_symlink() else real_folder / e.name) not in skipped]
    paths = [Path(e.path) for e in sorted(entries, key=lambda e: e.name)]
    notes = []
    if len(paths) > MAX_FILES:
        notes.append(f"文件夹中有{len(paths)}个文件，超过一次汇总的上限{MAX_FILES}个；"
                     f"只汇总了按文件名排在前面的{MAX_FILES}个")
        paths = paths[:MAX_FILES]
    return paths, notes


def _same(p: Path) -> Path:
    try:
        return p.resolve()
    except OSError:
        return p.absolute()


@dataclass(frozen=True)
class IncompleteCell:
    """A cell of the sum some units left unfilled: the sum of the others is not the area's figure."""

    table: str
    row: str
    column: str
    name: str  # how messages name the cell
    partial: CellValue  # the sum over the units that did fill it
    lacking: tuple[str, ...]  # the units that left it unfilled

    @property
    def message(self) -> str:
        return (f"{self.name}：{len(self.lacking)}个单位未填写（{_names(self.lacking)}），"
                f"合计不完整（已填单位相加为{self.partial}），汇总表中此格空着")


@dataclass
class SummaryResult:
    folder: Path
    year: int | None
    format_id: str | None
    units: list[UnitStatus]  # every file looked at, those needing attention first
    draft: Draft | None = None  # the sum, a new draft for the collecting office
    incomplete: list[IncompleteCell] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)  # the checks run on the sum
    area: Path | None = None
    area_findings: list[Finding] = field(default_factory=list)  # summary-mismatch
    notes: list[str] = field(default_factory=list)

    @property
    def included(self) -> list[UnitStatus]:
        return [u for u in self.units if u.included]

    @property
    def format(self) -> ReportFormat | None:
        return get_format(self.format_id) if self.format_id else None

    def has_problems(self) -> bool:
        """Anything the collecting office must act on: an unreadable file, a unit's error, an error in
        the sum, or a difference from the area report."""
        return (any(u.unreadable or (u.included and u.errors) for u in self.units)
                or any(f.severity is Severity.ERROR for f in self.table_findings()) or bool(self.area_findings))

    def table_findings(self) -> list[Finding]:
        """The checks of the sum that concern its tables. Its text is the collecting office's to write, so
        findings about the text (empty sections, 信息处理费 statement) are advice, not the units' errors."""
        return [f for f in self.findings if f.section is None]


Progress = Callable[[int, int], object]  # (files done, files in all); a true return value cancels


class Cancelled(NianbaoError):
    pass


def summarize_folder(folder: str | os.PathLike, *, area: str | os.PathLike | None = None,
                     year: int | None = None, format_id: str | None = None, agency: str = "",
                     skip: Iterable[str | os.PathLike] = (), progress: Progress | None = None) -> SummaryResult:
    """Read every report in `folder`, check each, and sum those of one year and format.

    `area` is the collecting office's own area-wide report; its year and format are the ones summed and
    each of its cells is compared with the units' sum. Raises NianbaoError when the folder or the area
    report cannot be read (a unit's file never raises), Cancelled when `progress` returns true.
    """
    folder = Path(folder)
    area_path = Path(area) if area is not None else None
    skip_paths = [Path(p) for p in skip] + ([area_path] if area_path else [])
    paths, notes = list_reports(folder, skip_paths)
    area_draft = None
    if area_path is not None:
        try:
            area_draft = read_report(area_path)
        except OSError as e:
            raise DraftError(f"无法读取本地区报告「{area_path}」：{os_error_text(e)}") from None
        year, format_id = area_draft.year, area_draft.format_id
        agency = agency or area_draft.agency

    units = []
    with _collecting_young_only():
        for i, path in enumerate(paths):
            suffix = path.suffix.lower()
            if suffix in SUFFIXES:
                units.append(read_unit(path))
            elif suffix in (".doc", ".wps"):
                units.append(UnitStatus(path, excluded="是旧版Word/WPS格式，请在Word或WPS中另存为.docx后再汇总"))
            else:
                units.append(UnitStatus(path, excluded="不是可汇总的文件类型（只汇总 .nianbao 草稿、.docx Word文件"
                                                       "和 .html/.htm 网页）"))
            if suffix != DRAFT_SUFFIX or i % YOUNG_COLLECTION_EVERY == 0:
                gc.collect(0)
            if progress is not None and progress(i + 1, len(paths)):
                raise Cancelled("汇总已取消")

    year, format_id = _choose(units, year, format_id)
    _exclude(units, year, format_id)
    units.sort(key=UnitStatus.attention)
    result = SummaryResult(folder, year, format_id, units, area=area_path, notes=notes)
    if not result.included:
        result.notes.append("文件夹中没有可以汇总的年度报告" if year is None else
                            f"文件夹中没有{year}年度、{get_format(format_id).name}的报告可以汇总")
        return result
    _sum(result, agency)
    if area_draft is not None:
        names = [u.name for u in result.included]
        cells = input_cells(result.format)
        index = {(t, r, c): i for i, (t, r, c, _) in enumerate(cells)}
        values = [u.values for u in result.included]

        def contributors(t: str, r: str, c: str) -> list[tuple[str, CellValue]]:
            i = index[(t, r, c)]
            return [(n, v[i]) for n, v in zip(names, values, strict=True) if _nonzero(v[i])]

        result.area_findings = summary_mismatch(area_draft, result.draft, contributors)
    fmt = result.format
    if fmt.id == "2019":
        result.notes.append("2019年试行格式未规定「采购总金额」的单位（元或万元）；合计假定各单位使用同一单位，请核对")
    return result


@contextmanager
def _collecting_young_only():
    """Python's automatic cycle collection off while the folder is read; the caller collects the youngest
    generation itself (every YOUNG_COLLECTION_EVERY drafts, and after every imported Word file or web page,
    whose object graphs hold cycles). Reading a draft allocates thousands of containers, and the automatic
    collections they set off re-walk what the units read so far (measured: 5 % of the instructions for 1,000
    drafts, more for more); a draft leaves no cycles behind (17 objects in cycles after 500 drafts), so
    memory is the same."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _choose(units: list[UnitStatus], year: int | None, format_id: str | None) -> tuple[int | None, str | None]:
    """The year and format to sum: as given, else the most common among the readable units (ties: the
    latest year)."""
    readable = [u for u in units if u.year is not None]
    if year is None:
        if format_id is not None:
            readable = [u for u in readable if u.format_id == format_id]
        if not readable:
            return None, format_id
        counts = Counter(u.year for u in readable)
        year = max(counts, key=lambda y: (counts[y], y))
    if format_id is None:
        counts = Counter(u.format_id for u in readable if u.year == year)
        if not counts:
            return year, None
        format_id = max(counts, key=lambda f: (counts[f], f))
    return year, format_id


def _exclude(units: list[UnitStatus], year: int, format_id: str | None) -> None:
    """Leave out the reports of another year or format, and a unit's second report (same agency)."""
    seen: dict[str, UnitStatus] = {}
    preference = {DRAFT_SUFFIX: 0, **{s: 1 for s in WORD_SUFFIXES}, **{s: 2 for s in HTML_SUFFIXES}}
    # Of two files of one agency, the draft is kept over the Word file over the web page.
    ordered = sorted((u for u in units if u.included), key=lambda u: (preference.get(u.path.suffix.lower(), 3),
                                                                    u.path.name))
    for u in ordered:
        if u.year != year:
            u.excluded = f"是{u.year}年度的报告，本次汇总{year}年度"
        elif u.format_id != format_id:
            u.excluded = f"使用{u.format_name}，本次汇总的是{get_format(format_id).name}的报告"
        elif u.agency and u.agency in seen:
            u.excluded = f"与「{seen[u.agency].path.name}」是同一单位（{u.agency}），未重复计入"
        elif u.agency:
            seen[u.agency] = u


def _sum(result: SummaryResult, agency: str) -> None:
    fmt = result.format
    included = result.included
    cells = input_cells(fmt)
    draft = new_draft(result.year, agency, fmt.id)
    title = f"{result.year}年政府信息公开工作年度报告（{len(included)}个单位汇总）"
    draft.title_lines = [agency or "各单位汇总", title]
    by_cell = list(zip(*(u.values for u in included), strict=True))
    for (t, r, c, kind), column in zip(cells, by_cell, strict=True):
        filled = [v for v in column if v is not None]
        total = _money_sum(filled) if kind is CellKind.MONEY else sum(filled)
        if total is None:
            result.notes.append(f"{fmt.table(t).cell_name(r, c)}：金额的位数超过{MAX_MONEY_DIGITS}位，无法精确相加，"
                                f"汇总表中此格空着")
        elif len(filled) == len(column):
            draft.set(t, r, c, total)
        else:
            lacking = tuple(u.name for u, v in zip(included, column, strict=True) if v is None)
            result.incomplete.append(IncompleteCell(t, r, c, fmt.table(t).cell_name(r, c), total, lacking))
    result.draft = draft
    result.findings = run_checks(draft)


def _money_sum(values: list[str]) -> str | None:
    """Exact: amounts keep every decimal the units typed (no binary floats, no rounding); None when
    that is impossible (absurdly many digits)."""
    with localcontext() as ctx:
        ctx.prec = MAX_MONEY_DIGITS
        ctx.traps[Inexact] = True
        try:
            return format(sum((Decimal(v) for v in values), Decimal(0)), "f")
        except Inexact:
            return None


def _nonzero(value: CellValue | None) -> bool:
    if value is None:
        return False
    return Decimal(value) != 0 if isinstance(value, str) else value != 0


def _names(names: tuple[str, ...] | list[str], limit: int = 10) -> str:
    shown = "、".join(names[:limit])
    return shown + (f"等{len(names)}个单位" if len(names) > limit else "")
