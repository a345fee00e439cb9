"""The draft: everything the clerk has entered for one annual report, and nothing derived from it.

Table values are addressed `tables[table_id][row_id][column_id]` with the ids of the format definition.
A cell that is absent (or null in the JSON) is "not filled yet", which is not the same as 0. Computed
cells (totals) are never part of the draft; a total read from a file (imported or hand-edited) is kept in
`stated` only so the checks can say when it disagrees with the arithmetic.
"""

from __future__ import annotations

from itertools import chain
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, SkipValidation, ValidationError, model_validator
from pydantic_core import PydanticCustomError

from .cells import MAX_COUNT, MAX_TOTAL, CellValue, check_stored
from .errors import CellInputError, DraftError, quote
from .formats import FIRST_YEAR, CellKind, ReportFormat, UnknownFormat, format_for_year, get_format
from .previous import PreviousYear

SCHEMA_VERSION = 3  # 3: the previous-year record (`previous`)

Cells = dict[str, dict[str, dict[str, Any]]]
_NONE: dict = {}  # read only: what a missing table or row holds
_INT_ONLY = {int}
_DICT_ONLY = {dict}


class SubPart(BaseModel):
    """One （一）…（五） sub-part of section 一: its heading (without the number) and its text."""

    model_config = ConfigDict(extra="forbid")
    title: str = ""
    text: str = ""


MAX_PARTS = 10  # sub-parts of section 一, （一）…（十）: real reports have five or six


class SectionText(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str = ""  # for section 一: the lead paragraph(s) before the sub-parts
    parts: list[SubPart] = Field(default_factory=list, max_length=MAX_PARTS)

    def is_empty(self) -> bool:
        return not self.text.strip() and not any(p.text.strip() for p in self.parts)


class Draft(BaseModel):
    model_config = ConfigDict(extra="forbid")

    schema_version: int = SCHEMA_VERSION
    format_id: str
    year: int = Field(ge=FIRST_YEAR, le=2100)
    agency: str = ""
    title_lines: list[str] = Field(default_factory=list)
    preamble: str = ""
    sections: dict[str, SectionText] = Field(default_factory=dict)
    fee_statement: str = ""  # 2021 format: the 信息处理费 line of section 六
    # Not walked by pydantic: `_check_against_format` checks every table, row and value against the format
    # anyway, and a second walk over hundreds of values (copying each dict) was a third of loading a draft.
    tables: Annotated[Cells, SkipValidation] = Field(default_factory=dict)
    previous: PreviousYear | None = None  # last year's values and text fingerprint (app/previous.py)

    _stated: dict[tuple[str, str, str], CellValue] = PrivateAttr(default_factory=dict)

    # ---- validation against the format definition ------------------------------------------
    @model_validator(mode="after")
    def _check_against_format(self) -> Draft:
        try:
            fmt = get_format(self.format_id)
        except UnknownFormat:
            known = "、".join(FORMATS_SHOWN())
            raise PydanticCustomError("format", "未知的报告格式「{fid}」（本程序认识：{known}）",
                                      {"fid": quote(self.format_id), "known": known}) from None
        known = {s.id for s in fmt.sections}
        for sid in self.sections:
            if sid not in known:
                raise PydanticCustomError("section", "正文中没有「{sid}」这一部分", {"sid": quote(sid)})
        for s in fmt.sections:
            if s.id not in self.sections:  # not setdefault: that would build a SectionText for every section
                self.sections[s.id] = SectionText()
        if not isinstance(self.tables, dict):
            raise PydanticCustomError("table", "「表格」应为对象")
        clean: Cells = {}
        stated: dict[tuple[str, str, str], CellValue] = {}
        for tid, rows in self.tables.items():
            try:
                table = fmt.table(tid)
            except KeyError:
                raise PydanticCustomError("table", "{fmt}中没有表格「{tid}」",
                                          {"fmt": fmt.name, "tid": quote(str(tid))}) from None
            if not isinstance(rows, dict):
                raise PydanticCustomError("table", "「表格·{t}」应为对象", {"t": table.name})
            plain = _plain_table(table, rows, stated)
            if plain is not None:
                if plain:
                    clean[tid] = plain
                continue
            specs = table.specs
            clean_rows = {}
            for rid, cols in rows.items():
                row_spec = specs.get(rid)
                if row_spec is None:
                    raise PydanticCustomError("row", "{t}中没有「{rid}」行",
                                              {"t": table.name, "rid": quote(str(rid))})
                if not isinstance(cols, dict):
                    raise PydanticCustomError("row", "「表格·{t}·{row}」应为对象",
                                              {"t": table.name, "row": table.row(rid)[1].display})
                if row_spec.counts_only and cols.keys() <= row_spec.cells.keys() and _plain_counts(cols.values()):
                    # The common row, known columns of plain counts in range: taken as it is, in one step.
                    clean_cols = _take_row(tid, rid, row_spec, cols, stated)
                    if clean_cols:
                        clean_rows[rid] = clean_cols
                    continue
                clean_cols = {}
                for cid, raw in cols.items():
                    spec = row_spec.cells.get(cid)
                    if spec is None:
                        raise PydanticCustomError("column", "{t}「{rid}」行中没有「{cid}」列",
                                                  {"t": table.name, "rid": quote(rid), "cid": quote(str(cid))})
                    if type(raw) is int and 0 <= raw <= MAX_COUNT and spec.kind is not CellKind.MONEY:
                        value = raw
                    else:
                        try:
                            value = check_stored(spec.kind, raw, MAX_TOTAL if spec.computed else MAX_COUNT)
                        except CellInputError as e:
                            raise PydanticCustomError("cell", "{cell}：{why}",
                                                      {"cell": table.cell_name(rid, cid), "why": e.message}) from None
                        if value is None:
                            continue
                    if spec.computed:
                        stated[(tid, rid, cid)] = value
                    else:
                        clean_cols[cid] = value
                if clean_cols:
                    clean_rows[rid] = clean_cols
            if clean_rows:
                clean[tid] = clean_rows
        self._stated = stated
        self.tables = clean
        return self

    # ---- access ------------------------------------------------------------------------------
    @property
    def format(self) -> ReportFormat:
        return get_format(self.format_id)

    def get(self, table_id: str, row_id: str, col_id: str) -> CellValue | None:
        return self.tables.get(table_id, _NONE).get(row_id, _NONE).get(col_id)

    def set(self, table_id: str, row_id: str, col_id: str, value: CellValue | None) -> None:
        """Set an input cell (None clears it). The caller has parsed the value with `cells.parse_input`."""
        table = self.format.table(table_id)
        _, row = table.row(row_id)
        col = table.column(row_id, col_id)
        if table.is_computed(row, col):
            raise CellInputError(f"{table.cell_name(row_id, col_id)}是自动计算的合计，不能直接填写")
        value = check_stored(col.kind, value)
        cols = self.tables.setdefault(table_id, {}).setdefault(row_id, {})
        if value is None:
            cols.pop(col_id, None)
        else:
            cols[col_id] = value
        # A stated total that depended on this cell is now superseded by the computed one.
        for key in [k for k in self._stated if k[0] == table_id and (row_id, col_id) in table.inputs_of(*k[1:])]:
            del self._stated[key]

    def stated(self, table_id: str, row_id: str, col_id: str) -> CellValue | None:
        """A total as it was written in the file this draft came from, if any."""
        return self._stated.get((table_id, row_id, col_id))

    def stated_cells(self) -> dict[tuple[str, str, str], CellValue]:
        """Every total the file states, (table, row, column) -> value; read only. (One read of a private
        attribute, which pydantic serves slowly, instead of one per total.)"""
        return self._stated

    def section(self, section_id: str) -> SectionText:
        found = self.sections.get(section_id)
        if found is None:  # not setdefault: building a SectionText (a validated model) on every read is slow
            found = self.sections[section_id] = SectionText()
        return found

    def copy_draft(self) -> Draft:
        clone = self.model_copy(deep=True)
        clone._stated = dict(self._stated)
        return clone


def _plain_table(table, rows: dict, stated: dict) -> Cells | None:
    """The common table, known rows of known columns holding plain counts in range, checked with a few
    passes over all its values at once: its input cells as they are, its totals added to `stated`. None
    when anything else is there (money, text, an unknown id, a value out of range): the caller then walks
    the table value by value and names what is wrong."""
    specs = table.specs
    if not (table.counts_only and rows.keys() <= specs.keys() and set(map(type, rows.values())) == _DICT_ONLY
            and _plain_counts(list(chain.from_iterable(map(dict.values, rows.values()))))):
        return None
    clean_rows: dict[str, dict[str, Any]] = {}
    found: dict[tuple[str, str, str], CellValue] = {}  # into `stated` only once the whole table is taken
    for rid, cols in rows.items():
        spec = specs[rid]
        if not cols.keys() <= spec.cells.keys():
            return None
        clean_cols = _take_row(table.id, rid, spec, cols, found)
        if clean_cols:
            clean_rows[rid] = clean_cols
    stated.update(found)
    return clean_rows


def _take_row(table_id: str, row_id: str, spec, cols: dict, stated: dict) -> dict[str, Any]:
    """A checked row of plain counts: a copy of its input cells; the totals it states go to `stated`."""
    clean_cols = dict(cols)
    for cid in spec.totals:
        value = clean_cols.pop(cid, None)
        if value is not None:
            stated[(table_id, row_id, cid)] = value
    return clean_cols


def _plain_counts(values) -> bool:
    """Every value a plain whole number from 0 to MAX_COUNT: no bool, no None, no text."""
    return bool(values) and set(map(type, values)) == _INT_ONLY and min(values) >= 0 and max(values) <= MAX_COUNT


def FORMATS_SHOWN() -> list[str]:
    from .formats import FORMATS

    return [f"{f.id}（{f.name}）" for f in FORMATS.values()]


def default_title_lines(agency: str, year: int) -> list[str]:
    return [agency, f"{year}年政府信息公开工作年度报告"]


def new_draft(year: int, agency: str, format_id: str | None = None) -> Draft:
    """An empty draft for `year`; the format follows the year unless `format_id` overrides it."""
    try:
        fmt = get_format(format_id) if format_id else format_for_year(year)
    except UnknownFormat as e:
        raise DraftError(f"没有适用于「{e.args[0]}」的报告格式：本程序支持{FIRST_YEAR}年及以后的年度报告") from None
    sections = {
        s.id: SectionText(parts=[SubPart(title=t) for t in s.parts]) for s in fmt.sections
    }
    preamble = (f"本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）规定编制。"
                f"本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。")
    return validate(dict(format_id=fmt.id, year=year, agency=agency,
                         title_lines=default_title_lines(agency, year), preamble=preamble,
                         sections={k: v.model_dump() for k, v in sections.items()}))


# ---- turning raw JSON data into a Draft, with Chinese messages --------------------------------

_FIELD_NAMES = {
    "schema_version": "文件版本", "format_id": "报告格式", "year": "年度", "agency": "机关名称",
    "title_lines": "标题", "preamble": "导语", "sections": "正文", "fee_statement": "信息处理费说明",
    "tables": "表格", "parts": "分项", "title": "小标题", "text": "文字", "previous": "上年记录",
    "carried_over": "结转下年度", "in_force": "现行有效件数", "items": "项目数量", "source": "来源文件",
}
_TYPE_MESSAGES = {
    "int_type": "应为整数", "int_parsing": "应为整数", "int_from_float": "应为整数",
    "int_parsing_size": "数字太大", "finite_number": "应为有限的数", "float_type": "应为数字",
    "float_parsing": "应为数字", "bool_type": "应为真假值", "bool_parsing": "应为真假值",
    "string_type": "应为文字", "string_unicode": "应为文字", "list_type": "应为列表", "dict_type": "应为对象",
    "model_type": "应为对象", "model_attributes_type": "应为对象", "missing": "缺少此项",
    "extra_forbidden": "是本程序不认识的项目", "greater_than_equal": "不能小于{ge}", "less_than_equal": "不能大于{le}",
    "greater_than": "应大于{gt}", "less_than": "应小于{lt}", "too_long": "最多{max_length}项",
    "too_short": "至少{min_length}项", "string_too_long": "最多{max_length}个字",
}


def _path(loc: tuple, format_id: object) -> str:
    """A pydantic location -> what the clerk knows: 「正文·一、总体情况·（二）·小标题」, never internal ids."""
    try:
        fmt = get_format(format_id) if isinstance(format_id, str) else None
    except UnknownFormat:
        fmt = None
    names = []
    parent = None
    for i, p in enumerate(loc):
        if p == "parts" and i + 1 < len(loc) and isinstance(loc[i + 1], int):
            parent = p  # 「（二）」 says it is a sub-part
            continue
        if isinstance(p, int):
            names.append(f"（{chinese_number(p + 1)}）" if parent == "parts" else f"第{p + 1}项")
        elif parent == "sections" and fmt is not None and p in {s.id for s in fmt.sections}:
            names.append(next(s.heading for s in fmt.sections if s.id == p))
        elif parent == "tables" and fmt is not None and p in {t.id for t in fmt.tables}:
            names.append(fmt.table(p).name)
        elif p in _FIELD_NAMES and parent not in ("sections", "tables"):
            names.append(_FIELD_NAMES[p])
        else:
            names.append(quote(str(p)))
        parent = p
    return "·".join(names)


def chinese_number(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 35 -> 三十五 (the numbering of sub-parts （一）（二）…)."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return f"{digits[tens] if tens > 1 else ''}十{digits[ones] if ones else ''}"
    return str(n)


def _chinese(err: dict, format_id: object = None) -> str:
    if err["type"] in ("format", "section", "table", "row", "column", "cell"):
        return err["msg"]
    path = _path(tuple(err["loc"]), format_id)
    template = _TYPE_MESSAGES.get(err["type"])
    try:
        what = template.format(**err.get("ctx", {})) if template else "的值无效"
    except (KeyError, IndexError, ValueError):
        what = "的值无效"
    return f"「{path}」{what}" if path else what


def validate(data: dict) -> Draft:
    """Raw (already migrated) draft data -> Draft, or DraftError naming the first bad value in Chinese."""
    try:
        return Draft.model_validate(data)
    except ValidationError as e:
        fid = data.get("format_id") if isinstance(data, dict) else None
        raise DraftError(_chinese(e.errors(include_url=False, include_input=False)[0], fid)) from None


def to_data(draft: Draft) -> dict:
    """The JSON-ready form. Totals are written too (complete ones only), so other tools can read them."""
    from .compute import computed_cells

    data = draft.model_dump(mode="python")
    tables: dict = {}
    for table in draft.format.tables:
        totals = computed_cells(draft, table.id)
        for _, row, col in table.cells():
            if table.is_computed(row, col):
                t = totals[(row.id, col.id)]
                value = t.value if t.complete else None
            else:
                value = draft.get(table.id, row.id, col.id)
            tables.setdefault(table.id, {}).setdefault(row.id, {})[col.id] = value
    data["tables"] = tables
    if data.get("previous") is None:
        data.pop("previous", None)  # most drafts have none; keep their files as they were
    return data
