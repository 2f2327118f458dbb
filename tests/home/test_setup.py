from cms.policies.models import PolicyPage
from tests.factories import PolicyPageFactory


def test_setup_is_idempotent_and_creates_sections(site_tree):
    from cms.home.site_tree import ensure_site_tree

    again = ensure_site_tree()
    assert again.home.pk == site_tree.home.pk
    assert again.policies.pk == site_tree.policies.pk


def test_policy_factory_generates_index_number(site_tree, bureau):
    policy = PolicyPageFactory(parent=site_tree.policies, issuers=[bureau])
    policy.save()
    assert PolicyPage.objects.get(pk=policy.pk).index_number.startswith(
        bureau.credit_code
    )
