"""The bureau's colours, the same on every channel."""

from __future__ import annotations

COLORS = {
    # 政务红 for the masthead and emphasis, a calm blue for links and actions.
    "primary": "#B7191F",
    "primaryDark": "#8E1318",
    "accent": "#1D5FA8",
    "link": "#1D5FA8",
    "text": "#1F2329",
    "textSecondary": "#5C6370",
    "border": "#DCDFE6",
    "background": "#FFFFFF",
    "surface": "#F5F6F8",
    # Validity badges: 有效, 失效/废止, 已修订.
    "valid": "#1F8A4C",
    "expired": "#8A8F99",
    "amended": "#C27C0E",
    "info": "#1D5FA8",
    "warning": "#C27C0E",
    "important": "#B7191F",
}
