"""Every stable objectName of the window, in one place, so tests and tools can drive it.

Grids are named after their table id, text editors after the draft field they edit.
"""

from __future__ import annotations

MAIN_WINDOW = "main_window"
TABS = "main_tabs"
TAB_ERROR_MARK = "tab_error_mark"  # the red ● after the title of a tab whose part has errors
TAB_ERROR_ICON = "tab_error_icon"  # and the error icon before it
FINDINGS_PANEL = "findings_panel"
SUMMARY_LABEL = "summary_label"
TOOLBAR = "main_toolbar"

# Tab pages, in order.
TAB_BASIC = "tab_basic"
TAB_PREAMBLE = "tab_preamble"
TAB_OVERVIEW = "tab_overview"
TAB_ACTIVE = "tab_active"
TAB_APPLICATIONS = "tab_applications"
TAB_REVIEW = "tab_review"
TAB_PROBLEMS = "tab_problems"
TAB_OTHER = "tab_other"

# 基本信息
LINE_AGENCY = "line_agency"
LABEL_YEAR = "label_year"
LABEL_FORMAT = "label_format"
TEXT_TITLE_LINES = "text_title_lines"

# Text editors
TEXT_PREAMBLE = "text_preamble"
TEXT_OVERVIEW_INTRO = "text_overview_intro"
OVERVIEW_COUNT = "label_overview_count"
TEXT_PROBLEMS = "text_problems"
TEXT_OTHER = "text_other"
LINE_FEE_STATEMENT = "line_fee_statement"


def text_overview_part(n: int) -> str:
    """The text of sub-part （n） of section 一 (1-based)."""
    return f"text_overview_part_{n}"


def title_overview_part(n: int) -> str:
    """The heading line of sub-part （n） of section 一 (1-based)."""
    return f"title_overview_part_{n}"


def grid(table_id: str) -> str:
    """grid_table2, grid_table3, grid_table4."""
    return f"grid_{table_id}"


def section_note(section_id: str) -> str:
    """The optional text above a table (sections 二 to 四): text_active, text_applications, text_review."""
    return f"text_{section_id}"


# Actions (QAction objectNames)
ACT_NEW = "action_new"
ACT_OPEN = "action_open"
ACT_SAVE = "action_save"
ACT_SAVE_AS = "action_save_as"
ACT_EXPORT = "action_export"
ACT_UNDO = "action_undo"
ACT_REDO = "action_redo"
ACT_CHECK = "action_check"
ACT_HELP = "action_help"
ACT_ABOUT = "action_about"
ACT_QUIT = "action_quit"
MENU_RECENT = "menu_recent"

# Parts of the window and of its dialogs
MAIN_SPLITTER = "main_splitter"
CELL_EDITOR = "cell_editor"
NEW_YEAR = "new_year"
NEW_AGENCY = "new_agency"
HELP_WINDOW = "help_window"
ACT_ZOOM_IN = "action_zoom_in"
ACT_ZOOM_OUT = "action_zoom_out"
ACT_ZOOM_RESET = "action_zoom_reset"
ACT_FINDINGS = "action_findings_panel"  # show/hide 检查结果
FINDINGS_BOX = "findings_box"
GRID_MENU = "grid_context_menu"
ACT_NEXT_SECTION = "action_next_section"  # Ctrl+PgDown, Ctrl+Tab
ACT_PREV_SECTION = "action_previous_section"  # Ctrl+PgUp, Ctrl+Shift+Tab

# Importing and starting from last year (app/gui/importing.py)
ACT_IMPORT = "action_import"  # 文件 → 导入已有报告…
ACT_NEW_FROM_LAST = "action_new_from_last_year"  # 文件 → 以上一年度报告为基础新建…
ACT_EXPORT_HTML = "action_export_html"  # 文件 → 导出网页…
ACT_EXPORT_PDF = "action_export_pdf"  # 文件 → 导出PDF…
ACT_PRINT = "action_print"  # 文件 → 打印… (Ctrl+P)
ACT_PRINT_PREVIEW = "action_print_preview"  # 文件 → 打印预览…
ACT_COPY_HTML = "action_copy_html"  # 文件 → 复制网页内容
ACT_SYSTEM_FONTS = "action_system_fonts"  # 文件 → 使用系统自带字体（仿宋/楷体/宋体）, checkable
PRINT_PREVIEW = "print_preview"
IMPORT_ACCOUNT = "import_account"  # the dialog with the import account
IMPORT_ACCOUNT_TEXT = "import_account_text"
IMPORT_ACCOUNT_OK = "import_account_ok"
NEW_FROM_YEAR = "new_from_year"
ACT_COMPARE_LAST = "action_compare_last_year"  # 检查 → 与上一年度报告核对…


def same_as_last_year(section_id: str) -> str:
    """The 「与上年相同」 note on a section's page."""
    return f"same_as_last_year_{section_id}"


# 汇总 of many units' reports (app/gui/summarizing.py)
ACT_SUMMARY = "action_summary"  # 文件 → 汇总多个单位的报告…
SUMMARY_WINDOW = "summary_window"
SUMMARY_HEADER = "summary_header"
SUMMARY_PROGRESS = "summary_progress"
SUMMARY_CANCEL = "summary_cancel"
SUMMARY_TABLE = "summary_table"  # the status table, one row per file
SUMMARY_CHECKS = "summary_checks"  # incomplete cells, checks of the sum, differences from the area report
SUMMARY_OPEN_UNIT = "summary_open_unit"
SUMMARY_OPEN_SUM = "summary_open_sum"
SUMMARY_AREA = "summary_area"
SUMMARY_XLSX = "summary_xlsx"
SUMMARY_RERUN = "summary_rerun"
SUMMARY_CLOSE = "summary_close"

# The start page (shown when no report is open; 文件 → 开始页)
START_PAGE = "start_page"
START_NEW = "start_new"  # 新建本年度报告
START_FROM_LAST_YEAR = "start_from_last_year"  # 以上一年度报告为基础（导入…）: hidden until wired
START_OPEN = "start_open"  # 打开已有草稿
START_RECENT = "start_recent"  # the list of recent drafts
START_SAMPLE = "start_sample"  # 查看示例报告
START_BACK = "start_back"  # 返回当前报告
ACT_START_PAGE = "action_start_page"

# 查找 (Ctrl+F) over the text fields and the tables' labels
ACT_FIND = "action_find"
FIND_BAR = "find_bar"
FIND_TEXT = "find_text"
FIND_STATUS = "find_status"
