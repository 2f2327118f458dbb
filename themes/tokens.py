"""A theme's design tokens as JSON-ready data, for the frontend builds."""

from __future__ import annotations

from .base import ImagePreset, Theme

TOKENS_VERSION = 1


def _preset(preset: ImagePreset) -> dict:
    return {
        "filter": preset.filter_spec,
        "width": preset.width,
        "height": preset.height,
        "srcset": [
            {"width": width, "filter": spec} for width, spec in preset.srcset_filters
        ],
    }


def theme_tokens(theme: Theme) -> dict:
    """Colours, type scale, spacing, image presets and summary lengths of a theme."""
    tokens = theme.tokens
    return {
        "version": TOKENS_VERSION,
        "channel": theme.name,
        "label": theme.label,
        "unit": tokens.unit,
        "fontFamily": tokens.font_family,
        "colors": dict(tokens.colors),
        "typeScale": {
            name: {
                "fontSize": step.size,
                "lineHeight": step.line_height,
                "fontWeight": step.weight,
            }
            for name, step in tokens.type_scale.items()
        },
        "spacing": dict(tokens.spacing),
        "radii": dict(tokens.radii),
        "imagePresets": {
            name: _preset(preset) for name, preset in theme.image_presets.items()
        },
        "summaryLengths": {
            "listing": theme.summary.listing,
            "card": theme.summary.card,
            "share": theme.summary.share,
        },
    }
