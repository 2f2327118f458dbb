"""siteSettings(site:) through real HTTP."""

from __future__ import annotations

import pytest

from cms.home.models import SiteSettings
from tests.api.builders import other_site
from tests.factories import PolicyPageFactory

QUERY = """
query ($site: String) {
  siteSettings(site: $site) {
    siteName hostname footer disclosureNotice
    contact { phone email address officeHours }
  }
}
"""


@pytest.mark.django_db
def test_settings_of_the_request_site_and_of_another(graphql, site_tree):
    settings = SiteSettings.objects.get(site__root_page=site_tree.home)
    settings.footer = (
        f'<p>主办：<b>闵行区人社局</b> <a linktype="page" id="{site_tree.policies.pk}">'
        "政策文件库</a></p>"
    )
    settings.contact_phone = "021-64120000"
    settings.contact_email = "rsj@shmh.gov.cn"
    settings.contact_address = "闵行区沪闵路 6258 号"
    settings.office_hours = "工作日 9:00-17:00"
    settings.save()
    other = other_site()

    assert graphql(QUERY) == {
        "data": {
            "siteSettings": {
                "siteName": "闵行区人力资源和社会保障局",
                "hostname": "127.0.0.1:8000",
                "footer": (
                    '<p>主办：<b>闵行区人社局</b> <a href="/zhengce/">政策文件库</a></p>'
                ),
                "disclosureNotice": settings.disclosure_notice,
                "contact": {
                    "phone": "021-64120000",
                    "email": "rsj@shmh.gov.cn",
                    "address": "闵行区沪闵路 6258 号",
                    "officeHours": "工作日 9:00-17:00",
                },
            }
        }
    }
    # A site nobody configured yet shows the defaults, and reading creates nothing.
    result = graphql(QUERY, {"site": "b.example.gov.cn"})["data"]["siteSettings"]
    assert (result["siteName"], result["hostname"], result["footer"]) == (
        "闵行区人力资源和社会保障局",
        "b.example.gov.cn",
        "",
    )
    assert not SiteSettings.objects.filter(site=other.site).exists()
    assert graphql(QUERY, {"site": "unknown.example"})["data"]["siteSettings"] is None


FOOTER_BY_CHANNEL = """
query {
  siteSettings {
    web: footer
    mp: footer(channel: MINIPROGRAM)
    text: footer(channel: TEXT)
  }
}
"""


@pytest.mark.django_db
def test_footer_is_rendered_per_channel_and_hides_drafts(graphql, site_tree, bureau):
    draft = PolicyPageFactory(parent=site_tree.policies, live=False, issuers=[bureau])
    settings = SiteSettings.objects.get(site__root_page=site_tree.home)
    settings.footer = (
        f'<p><a linktype="page" id="{site_tree.policies.pk}">政策文件库</a>'
        f'<a linktype="page" id="{draft.pk}">内部草稿</a>'
        "<script>alert(1)</script></p>"
    )
    settings.save()

    assert graphql(FOOTER_BY_CHANNEL)["data"]["siteSettings"] == {
        "web": '<p><a href="/zhengce/">政策文件库</a>内部草稿</p>',
        "mp": (
            '<p><a href="http://127.0.0.1:8000/zhengce/">政策文件库</a>内部草稿</p>'
        ),
        "text": "政策文件库内部草稿",
    }
