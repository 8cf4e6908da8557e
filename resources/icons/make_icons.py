"""Draw the Protocol Desk icon with QtGui and write every platform's icon file.

python resources/icons/make_icons.py    (from the repository root; the outputs are committed)

Writes protocol-desk.png (256 px, the window icon), protocol-desk-<size>.png (Linux hicolor
sizes), protocol-desk.ico (Windows) and protocol-desk.icns (macOS). ICO and ICNS are written
here as containers of PNG images, which both formats allow, so no image library is needed.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QGuiApplication,
    QImage,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPen,
)

HERE = Path(__file__).resolve().parent
NAME = "protocol-desk"
LINUX_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_TYPES = {b"icp4": 16, b"icp5": 32, b"icp6": 64, b"ic07": 128, b"ic08": 256, b"ic09": 512, b"ic10": 1024}
TEAL, DEEP, ACCENT = QColor("#14877c"), QColor("#0b4f4a"), QColor("#d9480f")


def _background(p: QPainter) -> None:
    gradient = QLinearGradient(QPointF(0, 0), QPointF(0, 1024))
    gradient.setColorAt(0, TEAL)
    gradient.setColorAt(1, DEEP)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QBrush(gradient))
    p.drawRoundedRect(QRectF(64, 64, 896, 896), 200, 200)


def _page(p: QPainter) -> None:
    page = QPainterPath()
    page.moveTo(270, 200)
    page.lineTo(640, 200)
    page.lineTo(760, 320)
    page.lineTo(760, 840)
    page.lineTo(270, 840)
    page.closeSubpath()
    p.setBrush(QColor(0, 0, 0, 60))
    p.drawPath(page.translated(14, 18))
    p.setBrush(QColor("#ffffff"))
    p.drawPath(page)
    fold = QPainterPath()
    fold.moveTo(640, 200)
    fold.lineTo(640, 320)
    fold.lineTo(760, 320)
    fold.closeSubpath()
    p.setBrush(QColor("#cfe6e3"))
    p.drawPath(fold)


def _lines_and_cross(p: QPainter) -> None:
    p.setPen(QPen(QColor("#9bb8b4"), 34, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    for y in (560, 640, 720):
        p.drawLine(QPointF(340, y), QPointF(690, y))
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(ACCENT)
    p.drawRoundedRect(QRectF(440, 290, 80, 210), 18, 18)
    p.drawRoundedRect(QRectF(375, 355, 210, 80), 18, 18)


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(size / 1024, size / 1024)
    _background(painter)
    _page(painter)
    _lines_and_cross(painter)
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def ico(images: dict[int, bytes]) -> bytes:
    """ICONDIR + ICONDIRENTRY per size, then the PNG data (allowed since Windows Vista)."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    entries, blobs = b"", b""
    for size, blob in images.items():
        side = 0 if size >= 256 else size
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(blob), offset + len(blobs))
        blobs += blob
    return header + entries + blobs


def icns(images: dict[bytes, bytes]) -> bytes:
    body = b"".join(kind + struct.pack(">I", len(blob) + 8) + blob for kind, blob in images.items())
    return b"icns" + struct.pack(">I", len(body) + 8) + body


def main() -> int:
    application = QGuiApplication(sys.argv[:1])
    rendered = {size: png_bytes(draw(size)) for size in {*LINUX_SIZES, *ICO_SIZES, *ICNS_TYPES.values()}}
    (HERE / f"{NAME}.png").write_bytes(rendered[256])
    for size in LINUX_SIZES:
        (HERE / f"{NAME}-{size}.png").write_bytes(rendered[size])
    (HERE / f"{NAME}.ico").write_bytes(ico({size: rendered[size] for size in ICO_SIZES}))
    (HERE / f"{NAME}.icns").write_bytes(icns({kind: rendered[size] for kind, size in ICNS_TYPES.items()}))
    del application
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
