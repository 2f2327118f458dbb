"""Every periodic job, in one place: when which django task is enqueued.

``manage.py run_scheduler`` (its own compose service) enqueues each task when its
cron expression fires, in ``TIME_ZONE`` (Asia/Shanghai); the task backend runs it
(``db_worker`` in production). A domain adds a job with one line here::

    every("0 2 * * *", check_service_links, "每晚检查一网通办事项链接"),
"""

from __future__ import annotations

from dataclasses import dataclass

from apscheduler.triggers.cron import CronTrigger
from django_tasks.base import Task

from cms.cleanup.tasks import advance_policy_validity, propose_cleanup_tasks
from cms.compliance.tasks import compliance_daily_round
from cms.credit.tasks import withdraw_expired_decisions
from cms.disclosure.tasks import confirm_online_receipts
from cms.fiscal.tasks import disclose_due_disclosures
from cms.linkcheck.tasks import nightly_link_inspection
from cms.participation.notifications import retry_due_notifications
from cms.subscriptions.changes import end_expired_policies
from cms.subscriptions.delivery import retry_due_messages
from cms.subscriptions.digests import send_daily_digests, send_weekly_digests
from cms.subscriptions.retention import purge_subscription_data
from search.updates import retry_due_updates

from .tasks import prune_task_results, publish_scheduled_pages


@dataclass(frozen=True)
class PeriodicTask:
    cron: str  # five fields: minute hour day-of-month month day-of-week
    task: Task
    description: str

    @property
    def name(self) -> str:
        return self.task.module_path

    def trigger(self, timezone: str) -> CronTrigger:
        return CronTrigger.from_crontab(self.cron, timezone=timezone)


def every(cron: str, task: Task, description: str) -> PeriodicTask:
    return PeriodicTask(cron=cron, task=task, description=description)


PERIODIC_TASKS: tuple[PeriodicTask, ...] = (
    every("* * * * *", retry_due_notifications, "重试到期未发送的工作人员通知"),
    every("* * * * *", publish_scheduled_pages, "按上线、下线时间发布或撤下页面"),
    every("30 3 * * *", prune_task_results, "清理两周前已完成的后台任务记录"),
    every(
        "*/10 * * * *",
        confirm_online_receipts,
        "工作日自动确认非工作日提交的网上政府信息公开申请（条例第三十一条）",
    ),
    every("* * * * *", retry_due_updates, "重试失败的搜索索引更新（网上咨询等记录）"),
    every(
        "5 0 * * *",
        withdraw_expired_decisions,
        "行政处罚决定最长公示期届满后自动停止公示（双公示）",
    ),
    every(
        "5 0 * * *",
        disclose_due_disclosures,
        "财政信息到公开日期时进入公众搜索并更新缓存",
    ),
    every(
        "30 7 * * *",
        compliance_daily_round,
        "计算网站检查指标、记录当日数值并向责任科室发送日报",
    ),
    every(
        "0 2 * * *",
        nightly_link_inspection,
        "每晚检查已发布内容中的全部链接（错链断链），断链通知责任科室",
    ),
    every(
        "5 0 * * *",
        advance_policy_validity,
        "政策到施行日期、失效日期时更新有效性（记入日志，更新缓存与搜索）",
    ),
    every("0 3 1 * *", propose_cleanup_tasks, "每月提出定期清理任务，待审核"),
    every("* * * * *", retry_due_messages, "发送和重试到期的政策推送消息"),
    every("0 8 * * *", send_daily_digests, "发送政策推送每日汇总"),
    every("0 8 * * 1", send_weekly_digests, "发送政策推送每周汇总（周一）"),
    every("20 0 * * *", end_expired_policies, "到失效日期的被关注政策通知订阅者"),
    every(
        "45 3 * * *",
        purge_subscription_data,
        "删除退订 28 天后的联系方式、7 天前的推送消息（保留统计）",
    ),
)
