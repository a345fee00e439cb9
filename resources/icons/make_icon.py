"""Draws the application icon (a report sheet with a table and a red title band) and writes
nianbao.png (256 px), nianbao.ico (16-256 px) and nianbao.svg next to this script.

    QT_QPA_PLATFORM=offscreen .venv/bin/python resources/icons/make_icon.py
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QPainterPath, QPen

HERE = Path(__file__).resolve().parent

SVG = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 256 256">
  <rect x="40" y="16" width="176" height="224" rx="14" fill="#ffffff" stroke="#2b4c7e" stroke-width="10"/>
  <rect x="40" y="16" width="176" height="64" rx="14" fill="#c8102e"/>
  <rect x="40" y="60" width="176" height="20" fill="#c8102e"/>
  <text x="128" y="66" font-size="50" text-anchor="middle" fill="#ffffff" font-weight="bold"
        font-family="Noto Sans CJK SC, Microsoft YaHei, sans-serif">年报</text>
  <g stroke="#2b4c7e" stroke-width="6" fill="none">
    <rect x="66" y="102" width="124" height="108"/>
    <line x1="66" y1="138" x2="190" y2="138"/><line x1="66" y1="174" x2="190" y2="174"/>
    <line x1="108" y1="102" x2="108" y2="210"/><line x1="150" y1="102" x2="150" y2="210"/>
  </g>
  <path d="M150 174 h40 v36 h-40 z" fill="#f5c400"/>
</svg>
"""


def draw(size: int) -> QImage:
    img = QImage(size, size, QImage.Format.Format_ARGB32)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.scale(size / 256, size / 256)
    sheet = QPainterPath()
    sheet.addRoundedRect(QRectF(40, 16, 176, 224), 14, 14)
    p.fillPath(sheet, QColor("#ffffff"))
    band = QPainterPath()
    band.addRoundedRect(QRectF(40, 16, 176, 64), 14, 14)
    p.fillPath(band, QColor("#c8102e"))
    p.fillRect(QRectF(40, 50, 176, 30), QColor("#c8102e"))
    p.setPen(QPen(QColor("#2b4c7e"), 10))
    p.drawPath(sheet)
    p.fillRect(QRectF(150, 174, 40, 36), QColor("#f5c400"))
    p.setPen(QPen(QColor("#2b4c7e"), 6))
    p.drawRect(QRectF(66, 102, 124, 108))
    for y in (138, 174):
        p.drawLine(66, y, 190, y)
    for x in (108, 150):
        p.drawLine(x, 102, x, 210)
    font = QFont()
    font.setFamilies(["Noto Sans CJK SC", "Microsoft YaHei", "SimHei"])
    font.setPixelSize(44)
    font.setBold(True)
    p.setFont(font)
    p.setPen(QColor("#ffffff"))
    p.drawText(QRectF(40, 20, 176, 58), Qt.AlignmentFlag.AlignCenter, "年报")
    p.end()
    return img


def main() -> int:
    QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    (HERE / "nianbao.svg").write_text(SVG, encoding="utf-8")
    draw(256).save(str(HERE / "nianbao.png"))
    (HERE / "nianbao.ico").write_bytes(ico([draw(s) for s in (16, 24, 32, 48, 64, 128, 256)]))
    return 0


def ico(images: list[QImage]) -> bytes:
    """A multi-size .ico with PNG-compressed entries (read by Windows Vista and later)."""
    pngs = []
    for img in images:
        buf = QBuffer()
        buf.open(QIODevice.OpenModeFlag.WriteOnly)
        img.save(buf, "PNG")
        pngs.append((img.width(), bytes(buf.data())))
    out = struct.pack("<HHH", 0, 1, len(pngs))
    offset = 6 + 16 * len(pngs)
    for size, data in pngs:
        out += struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    return out + b"".join(data for _, data in pngs)


if __name__ == "__main__":
    sys.exit(main())
