"""定期清理's scheduled work (cms/scheduling/schedule.py)."""

from __future__ import annotations

from django_tasks import task


@task()
def propose_cleanup_tasks() -> dict[str, int]:
    """Monthly: propose clean-up tasks for review."""
    from .services import propose_cleanup

    return {"proposed": len(propose_cleanup())}


@task()
def advance_policy_validity() -> dict[str, int]:
    """Daily: policies whose 施行日期 or 失效日期 has come change 有效性, logged."""
    from .services import advance_validity

    return {"changed": len(advance_validity())}
