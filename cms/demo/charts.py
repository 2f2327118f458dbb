"""Pictures for the demo drawn with Pillow: charts, step diagrams and covers.

The machine has no CJK font, so pictures hold shapes, Latin digits and icons only; the
Chinese words belong in each image's title, alt text and long description.
"""

from __future__ import annotations

import io
import math

from PIL import Image, ImageColor, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 800

PALETTES = {
    "red": ("#b71c1c", "#e53935", "#ef9a9a", "#fff5f5"),
    "blue": ("#0d47a1", "#1e88e5", "#90caf9", "#f3f8ff"),
    "green": ("#1b5e20", "#43a047", "#a5d6a7", "#f4fbf4"),
    "orange": ("#e65100", "#fb8c00", "#ffcc80", "#fffaf2"),
}
SLICE_COLOURS = ("#c62828", "#1565c0", "#2e7d32", "#ef6c00", "#6a1b9a", "#00838f")


def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.load_default(size=size)


def _centered_text(draw: ImageDraw.ImageDraw, xy, text: str, size: int, fill) -> None:
    font = _font(size)
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    x, y = xy
    draw.text(
        (x - (right - left) / 2, y - (bottom - top) / 2 - top),
        text,
        font=font,
        fill=fill,
    )


def _frame(palette: str) -> tuple[Image.Image, ImageDraw.ImageDraw, tuple[str, ...]]:
    colours = PALETTES.get(palette, PALETTES["red"])
    image = Image.new("RGB", (WIDTH, HEIGHT), colours[3])
    draw = ImageDraw.Draw(image)
    # A header band and a footer rule, like the bureau's 一图读懂 posters.
    draw.rectangle((0, 0, WIDTH, 90), fill=colours[0])
    draw.rectangle((0, HEIGHT - 24, WIDTH, HEIGHT), fill=colours[0])
    for i in range(5):
        draw.ellipse((40 + i * 36, 30, 64 + i * 36, 54), fill=colours[2])
    return image, draw, colours


def pie(values: list[int], palette: str = "red") -> Image.Image:
    image, draw, colours = _frame(palette)
    total = sum(values) or 1
    box = (120, 160, 620, 660)
    start = -90.0
    for index, value in enumerate(values):
        sweep = 360.0 * value / total
        colour = SLICE_COLOURS[index % len(SLICE_COLOURS)]
        draw.pieslice(box, start, start + sweep, fill=colour, outline="white", width=6)
        middle = math.radians(start + sweep / 2)
        _centered_text(
            draw,
            (370 + 170 * math.cos(middle), 410 + 170 * math.sin(middle)),
            str(value),
            56,
            "white",
        )
        start += sweep
    draw.ellipse((280, 320, 460, 500), fill=colours[3])
    _centered_text(draw, (370, 410), str(total), 72, colours[0])
    # Legend: numbered swatches 1..n with their counts.
    for index, value in enumerate(values):
        top = 200 + index * 110
        colour = SLICE_COLOURS[index % len(SLICE_COLOURS)]
        draw.rounded_rectangle((700, top, 780, top + 80), radius=12, fill=colour)
        _centered_text(draw, (740, top + 40), str(index + 1), 44, "white")
        for dot in range(value):
            x = 820 + dot * 64
            draw.ellipse(
                (x, top + 16, x + 48, top + 64),
                fill=colours[2],
                outline=colour,
                width=4,
            )
    return image


def bars(
    values: list[int], previous: list[int] | None = None, palette: str = "green"
) -> Image.Image:
    image, draw, colours = _frame(palette)
    previous = previous or []
    top_value = max([*values, *previous, 1])
    base, height = 700, 500
    slot = (WIDTH - 200) / max(len(values), 1)
    for index, value in enumerate(values):
        left = 140 + index * slot
        if index < len(previous):
            old = previous[index]
            old_top = base - height * old / top_value
            draw.rectangle(
                (left + 20, old_top, left + slot / 2 - 10, base), fill=colours[2]
            )
            _centered_text(
                draw, (left + slot / 4 + 5, old_top - 30), str(old), 30, colours[0]
            )
        new_top = base - height * value / top_value
        draw.rectangle(
            (left + slot / 2, new_top, left + slot - 30, base), fill=colours[1]
        )
        _centered_text(
            draw, (left + slot * 0.75 - 15, new_top - 30), str(value), 34, colours[0]
        )
        _centered_text(
            draw, (left + slot / 2, base + 40), str(index + 1), 36, colours[0]
        )
    draw.line((110, base, WIDTH - 60, base), fill=colours[0], width=4)
    return image


def steps(count: int, palette: str = "blue") -> Image.Image:
    image, draw, colours = _frame(palette)
    count = max(count, 1)
    gap = (WIDTH - 160) / count
    for index in range(count):
        centre_x = 80 + gap * index + gap / 2
        draw.ellipse((centre_x - 90, 300, centre_x + 90, 480), fill=colours[1])
        _centered_text(draw, (centre_x, 390), str(index + 1), 96, "white")
        # A document-and-tick icon under each step.
        draw.rounded_rectangle(
            (centre_x - 40, 540, centre_x + 40, 640),
            radius=8,
            outline=colours[0],
            width=5,
        )
        for line in range(3):
            y = 565 + line * 22
            draw.line((centre_x - 25, y, centre_x + 25, y), fill=colours[2], width=6)
        if index < count - 1:
            x0, x1 = centre_x + 100, centre_x + gap - 130
            draw.line((x0, 390, x1, 390), fill=colours[0], width=10)
            draw.polygon([(x1, 370), (x1 + 28, 390), (x1, 410)], fill=colours[0])
    return image


def cover(number: str, palette: str = "blue", *, live: bool = False) -> Image.Image:
    """A 16:9 video or live-stream cover: gradient, a big figure and a play mark."""
    colours = PALETTES.get(palette, PALETTES["blue"])
    width, height = 1280, 720
    image = Image.new("RGB", (width, height), colours[0])
    draw = ImageDraw.Draw(image)
    r0, g0, b0 = ImageColor.getrgb(colours[0])
    r1, g1, b1 = ImageColor.getrgb(colours[1])
    for y in range(height):
        t = y / height
        draw.line(
            (0, y, width, y),
            fill=(
                int(r0 + (r1 - r0) * t),
                int(g0 + (g1 - g0) * t),
                int(b0 + (b1 - b0) * t),
            ),
        )
    for i in range(6):
        radius = 60 + i * 70
        draw.ellipse(
            (980 - radius, 140 - radius, 980 + radius, 140 + radius),
            outline=colours[2],
            width=3,
        )
    _centered_text(draw, (420, 330), number, 220, "white")
    draw.ellipse((820, 420, 1020, 620), fill="white")
    draw.polygon([(895, 470), (895, 570), (975, 520)], fill=colours[0])
    if live:
        draw.rounded_rectangle((60, 50, 260, 120), radius=16, fill="#d50000")
        _centered_text(draw, (160, 85), "LIVE", 44, "white")
    return image


def render(spec: dict) -> Image.Image:
    kind = spec["kind"]
    palette = spec.get("palette", "blue")
    if kind == "pie":
        return pie(spec["values"], palette)
    if kind == "bars":
        return bars(spec["values"], spec.get("previous"), palette)
    if kind == "steps":
        return steps(spec["steps"], palette)
    if kind in ("poster", "live"):
        return cover(spec["number"], palette, live=kind == "live")
    raise ValueError(f"unknown image kind: {kind}")


def png_bytes(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
