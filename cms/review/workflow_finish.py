"""WAGTAIL_FINISH_WORKFLOW_ACTION entry point.

Wagtail imports this while wagtail.models is still loading, so it must not import
models at module level; the rules live in services.
"""


def finish_workflow(workflow_state, user=None):
    from .services import finish_workflow as _finish_workflow

    return _finish_workflow(workflow_state, user=user)
