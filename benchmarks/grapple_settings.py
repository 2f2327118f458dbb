"""Settings of the grapple peer server (benchmarks/grapple_peer.py): the benchmark's
settings plus graphene-django and wagtail-grapple, /graphql/ served by grapple."""

from __future__ import annotations

from benchmarks.settings import *  # noqa: F403
from benchmarks.settings import INSTALLED_APPS

# Before grapple: its ready() declares the fields grapple's ready() then reads.
INSTALLED_APPS = [
    *INSTALLED_APPS,
    "benchmarks.grapple_peer.GrapplePeerConfig",
    "graphene_django",
    "grapple",
]
ROOT_URLCONF = "benchmarks.grapple_urls"
GRAPHENE = {"SCHEMA": "grapple.schema.schema"}
GRAPPLE = {
    "APPS": {"policies": "", "interpretations": "", "taxonomy": ""},
    "EXPOSE_GRAPHIQL": False,
}
