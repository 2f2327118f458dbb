"""The API's domains, in the order their root fields appear in the schema."""

from __future__ import annotations

from api.benefits.schema import DOMAIN as BENEFITS
from api.catalog.schema import DOMAIN as CATALOG
from api.consultations.schema import DOMAIN as CONSULTATIONS
from api.credit.schema import DOMAIN as CREDIT
from api.disclosure.schema import DOMAIN as DISCLOSURE
from api.domain import Domain
from api.events.schema import DOMAIN as EVENTS
from api.fiscal.schema import DOMAIN as FISCAL
from api.interpretations.schema import DOMAIN as INTERPRETATIONS
from api.pages.schema import DOMAIN as PAGES
from api.policies.schema import DOMAIN as POLICIES
from api.policylist.schema import DOMAIN as POLICYLIST
from api.questions.schema import DOMAIN as QUESTIONS
from api.redirects.schema import DOMAIN as REDIRECTS
from api.releases.schema import DOMAIN as RELEASES
from api.search.schema import DOMAIN as SEARCH
from api.settings.schema import DOMAIN as SETTINGS
from api.subscriptions.schema import DOMAIN as SUBSCRIPTIONS
from api.taxonomy.schema import DOMAIN as TAXONOMY

DOMAINS: tuple[Domain, ...] = (
    PAGES,
    POLICIES,
    INTERPRETATIONS,
    RELEASES,
    EVENTS,
    TAXONOMY,
    SETTINGS,
    REDIRECTS,
    DISCLOSURE,
    QUESTIONS,
    SEARCH,
    CONSULTATIONS,
    POLICYLIST,
    CREDIT,
    CATALOG,
    SUBSCRIPTIONS,
    BENEFITS,
    FISCAL,
)
