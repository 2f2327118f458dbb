"""The peer of benchmarks/api.py: wagtail-grapple 0.31 serving the same policies.

Runs only in the benchmark's own virtualenv (``.bench-venvs/grapple``, built by
``benchmarks/api.py --peer``: the project plus wagtail-grapple from PyPI), with
benchmarks.grapple_settings. The project's models declare no ``graphql_fields``
(they are not shaped for grapple), so this app declares them at start-up, before
grapple builds its schema: the fields the GraphQL list and detail scenarios read,
in grapple's own shape (nested objects for topics, issuers and interpretations,
the body as one HTML string).
"""

from __future__ import annotations

from django.apps import AppConfig


class GrapplePeerConfig(AppConfig):
    name = "benchmarks.grapple_peer"
    label = "grapple_peer"

    def ready(self) -> None:
        from grapple.models import (
            GraphQLCollection,
            GraphQLForeignKey,
            GraphQLString,
        )

        from cms.interpretations.models import InterpretedPolicy
        from cms.policies.models import PolicyIssuer, PolicyPage
        from cms.taxonomy.models import Organization, Topic

        Topic.graphql_fields = [GraphQLString("name")]
        Organization.graphql_fields = [GraphQLString("name")]
        PolicyIssuer.graphql_fields = [
            GraphQLForeignKey("organization", "taxonomy.Organization")
        ]
        InterpretedPolicy.graphql_fields = [
            GraphQLForeignKey("page", "interpretations.InterpretationPage")
        ]
        PolicyPage.graphql_fields = [
            GraphQLString("doc_number"),
            GraphQLString("index_number"),
            GraphQLString("written_date"),
            GraphQLString("publish_date"),
            GraphQLString("summary"),
            GraphQLCollection(GraphQLForeignKey, "topics", "taxonomy.Topic"),
            GraphQLCollection(GraphQLForeignKey, "issuers", "policies.PolicyIssuer"),
            GraphQLCollection(
                GraphQLForeignKey,
                "interpretation_links",
                "interpretations.InterpretedPolicy",
            ),
            GraphQLString("body"),
        ]
