"""The export baseline: the same paragraphs and tables written the naive python-docx way.

Usage: python bench/programs/naive_docx.py CONTENT.json OUT.docx
CONTENT.json: {"paragraphs": [text, ...], "tables": [[[cell text, ...], ...], ...]} (prepared by the figure from
the draft, so this script needs nothing of the program).
"""

import json
import sys

from docx import Document

content = json.loads(open(sys.argv[1], encoding="utf-8").read())
doc = Document()
for text in content["paragraphs"]:
    doc.add_paragraph(text)
for rows in content["tables"]:
    table = doc.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    for row, texts in zip(table.rows, rows, strict=True):
        for i, text in enumerate(texts):
            row.cells[i].text = text
doc.save(sys.argv[2])
