"""The public list's last change, where the items' own 更新时间 does not show it.

An item that leaves the public list (deleted, no longer 发布, moved to a policy that
is not public) or whose policy is published, changed in place, unpublished, moved or
put under a view restriction changes the list without changing the 更新时间 of any
public item; these receivers record the time in ``PolicyListChange`` (apps.py
connects them). They run inside the change's own transaction.

Deleting a policy is not among them: items hold their policy with PROTECT, so a
policy that carries items cannot be deleted.
"""

from __future__ import annotations

from django.utils import timezone

LISTED_POLICY_ATTR = "_policylist_listed_policy"


def _public_policy_ids():
    from cms.policies.selectors import public_policies

    return public_policies().values("pk")


def _carries_published_items(policies) -> bool:
    """Whether any policy of the ``policies`` queryset (or ids) has published items."""
    from .models import PolicyListItem

    return PolicyListItem.objects.filter(policy__in=policies, published=True).exists()


def _record(at=None) -> None:
    from .models import PolicyListChange

    PolicyListChange.record(at)


# --- Items -----------------------------------------------------------------------------


def item_pre_save(sender, instance, raw=False, **kwargs) -> None:
    """Remember the policy of an item that is in the public list before this save."""
    if raw or instance.pk is None:
        return
    listed = (
        sender._default_manager.filter(
            pk=instance.pk, published=True, policy__in=_public_policy_ids()
        )
        .values_list("policy_id", flat=True)
        .first()
    )
    setattr(instance, LISTED_POLICY_ATTR, listed)


def item_post_save(sender, instance, raw=False, **kwargs) -> None:
    """An item that was in the public list and is no longer: the list lost it."""
    listed_policy = getattr(instance, LISTED_POLICY_ATTR, None)
    if raw or listed_policy is None:
        return
    setattr(instance, LISTED_POLICY_ATTR, None)
    if not instance.published or (
        instance.policy_id != listed_policy
        and not _public_policy_ids().filter(pk=instance.policy_id).exists()
    ):
        _record()


def item_deleted(sender, instance, **kwargs) -> None:
    """post_delete (one by one, from queryset and bulk deletes too)."""
    if (
        instance.published
        and _public_policy_ids().filter(pk=instance.policy_id).exists()
    ):
        _record()


def items_hidden_by_import(items) -> None:
    """The importer turned ``items`` from 发布 to 不发布 in bulk (no signals)."""
    if _public_policy_ids().filter(pk__in={item.policy_id for item in items}).exists():
        _record()


# --- Policies --------------------------------------------------------------------------


def policy_saved(sender, instance, update_fields=None, raw=False, **kwargs) -> None:
    """post_save of a live policy's row: published (its items enter the list), or
    changed in place (the 有效性 job on its 失效日期, an archive, a script), so what
    its items show of it changed. Draft saves pass update_fields and change
    nothing public."""
    if raw or update_fields is not None or not instance.live:
        return
    if _carries_published_items([instance.pk]):
        _record()


def policy_unpublished(sender, instance, **kwargs) -> None:
    """page_unpublished: its items leave the list; a policy past its 下线时间 left it
    then, not when the scheduler got to it."""
    if not _carries_published_items([instance.pk]):
        return
    now = timezone.now()
    expire_at = instance.expire_at
    _record(expire_at if instance.expired and expire_at and expire_at < now else now)


def _policies_under(page):
    from cms.policies.models import PolicyPage

    return PolicyPage.objects.live().descendant_of(page, inclusive=True).values("pk")


def page_moved(sender, instance, parent_page_before, parent_page_after, **kwargs):
    """post_page_move: the policies below the moved page may leave or enter a site,
    and their items' addresses change."""
    if parent_page_before == parent_page_after:
        return  # reordered among its siblings
    if _carries_published_items(_policies_under(instance)):
        _record()


def restriction_changed(sender, instance, raw=False, **kwargs) -> None:
    """PageViewRestriction saved or deleted: the policies below its page leave or
    re-enter the public list."""
    if raw:
        return
    from wagtail.models import Page

    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None and _carries_published_items(_policies_under(page)):
        _record()
