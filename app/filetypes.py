"""The kinds of report file the program reads besides its drafts, by suffix.

Here and not in app.importer so that whoever only needs to know a file's kind (汇总 sorting a folder, the
window's file filters) does not load the importer and lxml: they load when such a file is actually read.
"""

WORD_SUFFIXES = (".docx",)
HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")
IMPORT_SUFFIXES = WORD_SUFFIXES + HTML_SUFFIXES
