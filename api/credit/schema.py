"""双公示: public 行政许可 and 行政处罚 decisions, and the monthly statements."""

from api.domain import Domain, Watch

from .queries import CreditQueries

DOMAIN = Domain(
    name="credit",
    queries=(CreditQueries,),
    # A decision shows while published and in force and not withdrawn
    # (cms.credit.selectors.public_decisions); the monthly statements count every
    # 行政处罚 in force, so any change of one invalidates.
    watches=(Watch("credit.CreditDecision"),),
)
