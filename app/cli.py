"""Command line: `nianbao` opens the window; sub-commands work on draft files without Qt.

Exit codes: 0 fine, 1 the report has errors (or --strict refused), 2 a file could not be read/written,
3 an internal error (a bug): one Chinese line on the console, the details in a log file.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .errors import NianbaoError

EXIT_OK, EXIT_FINDINGS, EXIT_IO, EXIT_INTERNAL = 0, 1, 2, 3


def _print_findings(findings, stream) -> None:
    from .checks import summarize

    for f in findings:
        print(f"[{f.severity.chinese}] {f.message}", file=stream)
    print(summarize(findings).text, file=stream)


def _new_draft_path(args) -> Path | None:
    """-o with the draft suffix added; None (and a message) when it exists and --force was not given."""
    from .storage import DRAFT_SUFFIX

    out = Path(args.output)
    if out.suffix != DRAFT_SUFFIX:
        out = out.with_name(out.name + DRAFT_SUFFIX)
    if out.exists() and not args.force:
        print(f"「{out}」已存在；如要覆盖请加 --force", file=sys.stderr)
        return None
    return out


def cmd_new(args) -> int:
    from .draft import new_draft
    from .storage import save_draft

    out = _new_draft_path(args)
    if out is None:
        return EXIT_IO
    if args.from_file:
        from .previous import load_last, start_from

        last, source, account = load_last(args.from_file)
        year = args.year if args.year is not None else last.year + 1
        if year <= last.year:
            print(f"新报告的年度（{year}）应晚于上一年度报告的年度（{last.year}）", file=sys.stderr)
            return EXIT_IO
        draft = start_from(last, year, source)
        if args.agency:
            draft.agency = args.agency
        if account is not None:
            print("\n".join(account.lines()))
    elif args.year is None or not args.agency:
        print("新建草稿需要 --year 和 --agency（或用 --from 指定上一年度的报告）", file=sys.stderr)
        return EXIT_IO
    else:
        draft = new_draft(args.year, args.agency, args.format)
    save_draft(draft, out)
    print(f"已新建 {out}（{draft.year}年度，{draft.format.name}）")
    if args.from_file:
        print(f"已以{draft.previous.label}（{draft.previous.source}）为基础：表三「二、上年结转」已按上年"
              f"「四、结转下年度继续办理」填写，正文已复制，请逐段修改为本年度的内容。")
    return EXIT_OK


def cmd_check(args) -> int:
    from .checks import Severity, run_checks
    from .storage import load_draft

    draft = load_draft(args.file)
    if args.previous:
        from .previous import load_last, record_of

        last, source, _ = load_last(args.previous)
        if last.year >= draft.year:
            print(f"「{source}」是{last.year}年度的报告，不是{draft.year}年度的上一年度报告", file=sys.stderr)
            return EXIT_IO
        draft.previous = record_of(last, source)
    findings = run_checks(draft)
    if args.json:
        json.dump([f.as_json() for f in findings], sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        print(f"{draft.agency} {draft.year}年度（{draft.format.name}）")
        _print_findings(findings, sys.stdout)
    return EXIT_FINDINGS if any(f.severity is Severity.ERROR for f in findings) else EXIT_OK


def cmd_formats(args) -> int:
    from .formats import FORMATS
    from .formats.describe import describe

    if args.json:
        json.dump([describe(f) for f in FORMATS.values()], sys.stdout, ensure_ascii=False, indent=2)
        print()
        return EXIT_OK
    for f in FORMATS.values():
        last = f.years[1] or "至今"
        print(f"{f.id}\t{f.name}\t{f.years[0]}–{last}年度报告\t{f.document}")
    return EXIT_OK


def cmd_export(args) -> int:
    from .checks import Severity, run_checks
    from .errors import ExportError
    from .export import DOCX_SUFFIX, HTML_SUFFIXES, PDF_SUFFIX, export_docx, export_html
    from .storage import load_draft

    out = Path(args.output) if args.output else Path(args.file).with_suffix(DOCX_SUFFIX)
    suffix = out.suffix.lower()
    writers = {DOCX_SUFFIX: export_docx, PDF_SUFFIX: None, **{s: export_html for s in HTML_SUFFIXES}}
    if suffix not in writers:
        raise ExportError(f"无法导出到「{out}」：不认识的文件类型「{out.suffix}」"
                          "（可导出 .docx Word文件、.html 网页、.pdf PDF文件）")
    draft = load_draft(args.file)
    findings = run_checks(draft)
    if findings:
        _print_findings(findings, sys.stderr)
    blocking = [f for f in findings if f.severity in (Severity.ERROR, Severity.MISSING)]
    if args.strict and blocking:
        print("有错误或未填写的内容，按 --strict 要求未导出。", file=sys.stderr)
        return EXIT_FINDINGS
    if suffix == PDF_SUFFIX:
        from .gui.printing import export_pdf  # Qt (offscreen without a display), only for a PDF

        print(export_pdf(draft, out, system_fonts=args.system_fonts))
        return EXIT_OK
    if suffix == DOCX_SUFFIX:
        export_docx(draft, out, system_fonts=args.system_fonts)
    else:
        writers[suffix](draft, out)
    print(f"已导出 {out}")
    return EXIT_OK


def cmd_summary(args) -> int:
    from .storage import DRAFT_SUFFIX, save_draft
    from .summary import summarize_folder

    out = Path(args.output)
    if out.suffix != DRAFT_SUFFIX:
        out = out.with_name(out.name + DRAFT_SUFFIX)
    skip = [out, *([args.xlsx] if args.xlsx else [])]
    result = summarize_folder(args.folder, area=args.area, year=args.year, agency=args.agency or "",
                              skip=skip, progress=_progress_printer())
    if result.draft is not None:
        save_draft(result.draft, out)
    if args.xlsx:
        from .summary_xlsx import write_xlsx

        write_xlsx(result, Path(args.xlsx))
    if args.json:
        json.dump([u.as_json() for u in result.units], sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        _print_summary(result)
        if result.draft is not None:
            print(f"已保存汇总 {out}")
        if args.xlsx:
            print(f"已导出 {args.xlsx}")
    return EXIT_FINDINGS if result.has_problems() else EXIT_OK


def _progress_printer():
    """A count on stderr while the folder is read: in place on a terminal, a few lines otherwise."""
    tty = sys.stderr.isatty()

    def show(done: int, total: int) -> None:
        step = max(1, total // 10)
        if tty:
            print(f"\r已读取 {done}/{total} 个文件", end="\n" if done == total else "", file=sys.stderr, flush=True)
        elif done == total or done % step == 0:
            print(f"已读取 {done}/{total} 个文件", file=sys.stderr)

    return show


FINE_SHOWN = 20  # units without problems named on the console; --json and --xlsx list every unit


def _print_summary(result) -> None:
    if result.format is not None:
        print(f"汇总 {result.year}年度（{result.format.name}）：{len(result.included)}个单位，"
              f"另有{len(result.units) - len(result.included)}个文件未计入")
    fine = []
    for u in result.units:
        if u.excluded:
            print(f"[未计入] {u.path.name}：{u.excluded}")
            continue
        if not (u.errors or u.warnings or u.missing or u.messages):
            fine.append(u.name)  # one line for all of them: a province's folder has thousands
            continue
        print(f"{u.name}（{u.path.name}）：{u.errors} 处错误 · {u.warnings} 处提醒 · {u.missing} 处未填")
        for m in u.messages:
            print(f"    {m}")
    if fine:
        shown = "、".join(fine[:FINE_SHOWN]) + (f"等{len(fine)}个单位" if len(fine) > FINE_SHOWN else "")
        print(f"无问题（{len(fine)}个单位）：{shown}")
    for note in result.notes:
        print(f"[说明] {note}")
    for cell in result.incomplete:
        print(f"[未填] {cell.message}")
    if result.draft is not None:
        # Unfilled cells of the sum are the incomplete cells listed above; its text is the office's to write.
        shown = [f for f in result.findings if f.rule not in ("text-missing", "cell-missing")]
        print("汇总表的检查：" + ("" if shown else "没有发现错误"))
        for f in shown:
            print(f"[{f.severity.chinese}] {f.message}")
    if result.area is not None:
        print(f"本地区报告「{result.area.name}」与各单位合计的核对：" +
              ("一致" if not result.area_findings else f"{len(result.area_findings)} 处不一致"))
        for f in result.area_findings:
            print(f"[{f.severity.chinese}] {f.message}")


def cmd_import(args) -> int:
    from .importer import import_report
    from .storage import save_draft

    out = _new_draft_path(args)
    if out is None:
        return EXIT_IO
    result = import_report(Path(args.report))
    save_draft(result.draft, out)
    if args.json:
        json.dump({"draft": str(out), "account": result.account.as_json()}, sys.stdout, ensure_ascii=False,
                  indent=2)
        print()
    else:
        print("\n".join(result.account.lines()))
        print(f"已保存为草稿 {out}")
    return EXIT_OK


def cmd_gui(args) -> int:
    # The core before Qt: once PySide6 is imported, its import hook reads the source of every module imported
    # after it (shibokensupport.feature), which makes pydantic's import and model building much slower.
    from . import checks, storage  # noqa: F401
    from .gui.main import run

    return run(args)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="nianbao", description="年报助手：政府信息公开工作年度报告")
    sub = p.add_subparsers(dest="command")

    n = sub.add_parser("new", help="新建草稿")
    n.add_argument("--year", type=int, help="报告年度，如 2026（用 --from 时默认为上一年度的下一年）")
    n.add_argument("--agency", help="机关名称（用 --from 时默认沿用上一年度的）")
    n.add_argument("--from", dest="from_file", metavar="LAST",
                   help="以上一年度的报告为基础（草稿 .nianbao、Word .docx 或网页 .html）")
    n.add_argument("--format", help="报告格式（默认按年度选择：2019–2020 用 2019，2021 起用 2021）")
    n.add_argument("-o", "--output", required=True, help="草稿文件")
    n.add_argument("--force", action="store_true", help="覆盖已有文件")
    n.set_defaults(func=cmd_new)

    c = sub.add_parser("check", help="检查草稿")
    c.add_argument("file")
    c.add_argument("--json", action="store_true", help="以JSON列表输出检查结果")
    c.add_argument("--previous", metavar="LAST",
                   help="上一年度的报告（草稿、.docx 或 .html），用于跨年度核对（替换草稿中的上年记录）")
    c.set_defaults(func=cmd_check)

    f = sub.add_parser("formats", help="列出支持的报告格式")
    f.add_argument("--json", action="store_true", help="输出完整的格式定义（JSON）")
    f.set_defaults(func=cmd_formats)

    e = sub.add_parser("export", help="导出报告（Word、网页、PDF）")
    e.add_argument("file")
    e.add_argument("-o", "--output",
                   help="输出文件，格式按扩展名：.docx Word文件、.html 网页、.pdf PDF文件（默认：草稿同名 .docx）")
    e.add_argument("--strict", action="store_true", help="有错误或未填写的单元格时不导出")
    e.add_argument("--system-fonts", action="store_true",
                   help="使用系统自带字体（仿宋/楷体/宋体），不用仿宋_GB2312、楷体_GB2312、方正小标宋简体")
    e.set_defaults(func=cmd_export)

    s = sub.add_parser("summary", help="汇总一个文件夹中各单位的报告")
    s.add_argument("folder", help="存放各单位报告（.nianbao、.docx、.html）的文件夹")
    s.add_argument("-o", "--output", required=True, help="保存汇总结果的草稿文件")
    s.add_argument("--xlsx", help="同时导出状态表和汇总表格（Excel .xlsx）")
    s.add_argument("--area", help="本地区（本机关）自己的年度报告：逐格与各单位合计核对")
    s.add_argument("--year", type=int, help="汇总的年度（默认：本地区报告的年度，或文件夹中最多的年度）")
    s.add_argument("--agency", help="汇总单位的名称（默认取本地区报告的机关名称）")
    s.add_argument("--json", action="store_true", help="以JSON列表输出各单位的状态")
    s.set_defaults(func=cmd_summary)

    i = sub.add_parser("import", help="导入已有的年度报告（Word .docx 或网页 .html）为草稿")
    i.add_argument("report", help="报告文件（.docx、.html 或 .htm）")
    i.add_argument("-o", "--output", required=True, help="草稿文件")
    i.add_argument("--json", action="store_true", help="以JSON输出导入说明")
    i.add_argument("--force", action="store_true", help="覆盖已有文件")
    i.set_defaults(func=cmd_import)

    g = sub.add_parser("gui", help="打开窗口（默认）")
    g.add_argument("file", nargs="?", help="要打开的草稿（默认打开最近的文件，没有时显示开始页）")
    g.add_argument("--sample", action="store_true", help="没有最近的草稿时打开示例报告（而不是开始页）")
    g.add_argument("--smoke-test", action="store_true",
                   help="打开主窗口后立即退出（用于检验安装包）")
    g.set_defaults(func=cmd_gui)
    return p


def _console_never_fails() -> None:
    """A console whose code page cannot show Chinese (cp1252 on an English Windows, a CI runner, a pipe) gets
    「?」 for what it cannot show instead of a UnicodeEncodeError after the work is done."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="replace")
            except (ValueError, OSError):  # a closed or detached stream: nothing will be printed there anyway
                pass


def main(argv: list[str] | None = None) -> int:
    _console_never_fails()
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser()
    if not argv or (argv[0] not in parser._subparsers._group_actions[0].choices and not argv[0].startswith("-")):
        argv = ["gui", *argv]  # `nianbao` and `nianbao FILE` (a double-clicked draft) open the window
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_OK
    try:
        return args.func(args)
    except NianbaoError as e:
        print(e.message, file=sys.stderr)
        return EXIT_IO
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return 130
    except Exception:  # a bug: never a traceback on the clerk's console
        from .crashlog import write_crash_log

        where = write_crash_log()
        print(f"年报助手内部出错，操作未完成（文件没有被改动）。{where}", file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
