"""Command line: `nianbao` opens the window; sub-commands work on draft files without Qt.

Exit codes: 0 fine, 1 the report has errors (or --strict refused), 2 a file could not be read/written.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .errors import NianbaoError

EXIT_OK, EXIT_FINDINGS, EXIT_IO = 0, 1, 2


def _print_findings(findings, stream) -> None:
    from .checks import summarize

    for f in findings:
        print(f"[{f.severity.chinese}] {f.message}", file=stream)
    print(summarize(findings).text, file=stream)


def cmd_new(args) -> int:
    from .draft import new_draft
    from .storage import DRAFT_SUFFIX, save_draft

    out = Path(args.output)
    if out.suffix != DRAFT_SUFFIX:
        out = out.with_name(out.name + DRAFT_SUFFIX)
    if out.exists() and not args.force:
        print(f"「{out}」已存在；如要覆盖请加 --force", file=sys.stderr)
        return EXIT_IO
    draft = new_draft(args.year, args.agency, args.format)
    save_draft(draft, out)
    print(f"已新建 {out}（{draft.year}年度，{draft.format.name}）")
    return EXIT_OK


def cmd_check(args) -> int:
    from .checks import Severity, run_checks
    from .storage import load_draft

    draft = load_draft(args.file)
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
    from .export import DOCX_SUFFIX, HTML_SUFFIXES, export_docx, export_html
    from .storage import load_draft

    out = Path(args.output) if args.output else Path(args.file).with_suffix(DOCX_SUFFIX)
    suffix = out.suffix.lower()
    writers = {DOCX_SUFFIX: export_docx, **{s: export_html for s in HTML_SUFFIXES}}
    if suffix not in writers:
        raise ExportError(f"无法导出到「{out}」：不认识的文件类型「{out.suffix}」"
                          "（可导出 .docx Word文件、.html 网页）")
    draft = load_draft(args.file)
    findings = run_checks(draft)
    if findings:
        _print_findings(findings, sys.stderr)
    blocking = [f for f in findings if f.severity in (Severity.ERROR, Severity.MISSING)]
    if args.strict and blocking:
        print("有错误或未填写的内容，按 --strict 要求未导出。", file=sys.stderr)
        return EXIT_FINDINGS
    writers[suffix](draft, out)
    print(f"已导出 {out}")
    return EXIT_OK


def cmd_gui(args) -> int:
    from .gui.main import run

    return run(args)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="nianbao", description="年报助手：政府信息公开工作年度报告")
    sub = p.add_subparsers(dest="command")

    n = sub.add_parser("new", help="新建草稿")
    n.add_argument("--year", type=int, required=True, help="报告年度，如 2026")
    n.add_argument("--agency", required=True, help="机关名称")
    n.add_argument("--format", help="报告格式（默认按年度选择：2019–2020 用 2019，2021 起用 2021）")
    n.add_argument("-o", "--output", required=True, help="草稿文件")
    n.add_argument("--force", action="store_true", help="覆盖已有文件")
    n.set_defaults(func=cmd_new)

    c = sub.add_parser("check", help="检查草稿")
    c.add_argument("file")
    c.add_argument("--json", action="store_true", help="以JSON列表输出检查结果")
    c.set_defaults(func=cmd_check)

    f = sub.add_parser("formats", help="列出支持的报告格式")
    f.add_argument("--json", action="store_true", help="输出完整的格式定义（JSON）")
    f.set_defaults(func=cmd_formats)

    e = sub.add_parser("export", help="导出报告（Word、网页）")
    e.add_argument("file")
    e.add_argument("-o", "--output", help="输出文件，格式按扩展名：.docx Word文件、.html 网页（默认：草稿同名 .docx）")
    e.add_argument("--strict", action="store_true", help="有错误或未填写的单元格时不导出")
    e.set_defaults(func=cmd_export)

    g = sub.add_parser("gui", help="打开窗口（默认）")
    g.add_argument("file", nargs="?", help="要打开的草稿（默认打开最近的文件或示例报告）")
    g.add_argument("--smoke-test", action="store_true",
                   help="打开主窗口后立即退出（用于检验安装包）")
    g.set_defaults(func=cmd_gui)
    return p


def main(argv: list[str] | None = None) -> int:
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


if __name__ == "__main__":
    sys.exit(main())
