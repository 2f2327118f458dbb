from tests.policylist.conftest import make_item, policy

__all__ = ["make_item", "policy"]
