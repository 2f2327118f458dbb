"""Inline SVG charts of the daily snapshots: no script, no CDN."""

from __future__ import annotations

import datetime

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from .models import DailySnapshot
from .registry import FAIL, WARN

WIDTH, HEIGHT, PAD = 720, 180, 32


def history(*, today: datetime.date, days: int = 90) -> list[DailySnapshot]:
    start = today - datetime.timedelta(days=days - 1)
    return list(
        DailySnapshot.objects.filter(date__gte=start, date__lte=today).order_by("date")
    )


def _points(values: list[tuple[int, float]], top: float, days: int) -> str:
    width, height = WIDTH - 2 * PAD, HEIGHT - 2 * PAD
    return " ".join(
        f"{PAD + width * index / max(days - 1, 1):.1f},"
        f"{PAD + height - height * value / top:.1f}"
        for index, value in values
    )


def state_chart(
    snapshots: list[DailySnapshot], *, today: datetime.date, days: int = 90
) -> SafeString:
    """Per day: how many indicators fail (red) and warn (amber)."""
    start = today - datetime.timedelta(days=days - 1)
    series = {FAIL: [], WARN: []}
    for snapshot in snapshots:
        index = (snapshot.date - start).days
        states = [entry.get("state") for entry in snapshot.values.values()]
        for state in series:
            series[state].append((index, states.count(state)))
    top = max([value for points in series.values() for _, value in points] + [1])
    lines = format_html_join(
        "",
        '<polyline fill="none" stroke="{}" stroke-width="2" points="{}" data-series="{}"/>',
        (
            (color, _points(series[state], top, days), state)
            for state, color in ((FAIL, "#cd4444"), (WARN, "#d68a00"))
            if series[state]
        ),
    )
    dots = format_html_join(
        "",
        '<circle r="2.5" fill="{}" cx="{}" cy="{}"/>',
        (
            (color, *point.split(","))
            for state, color in ((FAIL, "#cd4444"), (WARN, "#d68a00"))
            for point in _points(series[state], top, days).split()
        ),
    )
    bottom = HEIGHT - PAD
    return format_html(
        '<svg class="compliance-chart" role="img" viewBox="0 0 {w} {h}" width="100%" '
        'aria-label="近 {days} 天不达标和预警的指标数">'
        '<line x1="{pad}" y1="{bottom}" x2="{right}" y2="{bottom}" stroke="#999"/>'
        '<line x1="{pad}" y1="{pad}" x2="{pad}" y2="{bottom}" stroke="#999"/>'
        '<text x="{pad}" y="{label_y}" font-size="11">{start}</text>'
        '<text x="{right}" y="{label_y}" font-size="11" text-anchor="end">{end}</text>'
        '<text x="4" y="{pad}" font-size="11">{top}</text>'
        '<text x="4" y="{bottom}" font-size="11">0</text>'
        "{lines}{dots}"
        '<text x="{legend_x}" y="16" font-size="12" fill="#cd4444">■ 不达标</text>'
        '<text x="{legend_x2}" y="16" font-size="12" fill="#d68a00">■ 预警</text>'
        "</svg>",
        w=WIDTH,
        h=HEIGHT,
        days=days,
        pad=PAD,
        bottom=bottom,
        right=WIDTH - PAD,
        label_y=HEIGHT - 10,
        start=f"{start:%m-%d}",
        end=f"{today:%m-%d}",
        top=top,
        lines=lines,
        dots=dots,
        legend_x=WIDTH - 170,
        legend_x2=WIDTH - 90,
    )


def sparkline(
    snapshots: list[DailySnapshot], key: str, *, today: datetime.date, days: int = 90
) -> SafeString:
    """One indicator's value over the days, small."""
    start = today - datetime.timedelta(days=days - 1)
    values = [
        ((snapshot.date - start).days, snapshot.values[key]["value"])
        for snapshot in snapshots
        if key in snapshot.values
    ]
    if not values:
        return format_html('<span class="compliance-spark-empty">{}</span>', "暂无记录")
    top = max([value for _, value in values] + [1])
    width, height = 120, 28
    points = " ".join(
        f"{width * index / max(days - 1, 1):.1f},{height - 2 - (height - 4) * value / top:.1f}"
        for index, value in values
    )
    return format_html(
        '<svg class="compliance-spark" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" '
        'aria-label="近 {days} 天数值"><polyline fill="none" stroke="#2e6da4" stroke-width="1.5" '
        'points="{points}"/></svg>',
        w=width,
        h=height,
        days=days,
        points=points,
    )
