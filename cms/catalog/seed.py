"""The catalog's seed: items of 《就业和社会保险领域基层政务公开标准指引》
(人社厅函〔2019〕113号) and this bureau's own additions.

Only items whose names, elements and basis agree in at least two independently
published copies of the guideline's tables are seeded as 标准指引 items (就业 3,
社会保险 8); the guideline has 9 一级 and 25 二级 items for 就业 alone, the rest are
entered or imported (import_catalog) from the bureau's copy of the tables.
Re-running the seed changes nothing that exists.

Copies compared (county and township republications of the ministry's tables):

- 就业: 腾冲市 (tengchong.gov.cn/info/7151/5817803.htm), 合川区双槐镇
  (hc.gov.cn/.../t20240226_12959812.html), 红海湾经济开发区
  (hhw.gov.cn/hhw/ztzl/jczwbzml/content/post_653545.html; its 广东省 basis entries are
  local additions and not copied), 花垣县 (huayuan.gov.cn/.../t20230830_2055235.html,
  the guideline's scope: 9 一级 / 25 二级 items). Only 1.1-1.3 of 就业信息服务 could be
  read in more than one copy; 职业介绍、职业指导和创业开业指导, 公共就业服务专项活动,
  就业失业登记, 创业服务, 就业援助, 高校毕业生就业服务, 基本公共就业创业政府购买服务
  and 国（境）外人员入境就业 are not seeded.
- 社会保险: 淄博经开区 (zbjkq.gov.cn), 广水市 (guangshui.gov.cn), 赛罕区
  (saihan.gov.cn/zwgk_new/jczwgk/shbxly/bzml), 多伦县
  (dlx.gov.cn/.../shbxly/gkbzml/index.html), 巴林左旗 (blzq.gov.cn), 三门县
  (sanmen.gov.cn/col/col1229468256/index.html), 平武县 (pingwu.gov.cn), 勐统镇
  (yncn.gov.cn/info/32584/8967630.htm), 大关县天星镇. 职工参保登记 is in 赛罕区 and
  多伦县 (巴林左旗: 机关事业单位职工参保登记) with the basis of its neighbours; the
  养老保险制度改革 decision as basis of 机关事业单位社会保险登记 is in every copy that
  lists the item (its number, 国发〔2015〕2号, in 三门县). 多伦县 drops 结果送达 and
  收费依据及标准 from every item; the other copies keep all 11 elements.
"""

from __future__ import annotations

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from .choices import Area, BindingKind, Channel, Source, TimeLimitKind

OGI = "《中华人民共和国政府信息公开条例》（中华人民共和国国务院令第711号）"
EMPLOYMENT_LAW = "《中华人民共和国就业促进法》"
HR_MARKET = "《人力资源市场暂行条例》（中华人民共和国国务院令第700号）"
SOCIAL_INSURANCE_LAW = "《中华人民共和国社会保险法》"
CONTRIBUTIONS = "《社会保险费征缴暂行条例》"
PENSION_REFORM = (
    "《国务院关于机关事业单位工作人员养老保险制度改革的决定》（国发〔2015〕2号）"
)

SERVICE_ELEMENTS = (
    "事项名称",
    "事项简述",
    "办理材料",
    "办理方式",
    "办理时限",
    "结果送达",
    "收费依据及标准",
    "办事时间",
    "办理机构及地点",
    "咨询查询途径",
    "监督投诉渠道",
)

# (area, level1, level2, elements, basis, department, section key of the binding)
STANDARD_ITEMS = (
    (
        Area.EMPLOYMENT,
        "就业信息服务",
        "就业政策法规咨询",
        (
            "就业创业政策项目",
            "对象范围",
            "政策申请条件",
            "政策申请材料",
            "办理流程",
            "办理地点（方式）",
            "咨询电话",
        ),
        (OGI, EMPLOYMENT_LAW, HR_MARKET),
        "就业促进科",
        "policies",
    ),
    (
        Area.EMPLOYMENT,
        "就业信息服务",
        "岗位信息发布",
        ("招聘单位", "岗位要求", "福利待遇", "招聘流程", "应聘方式", "咨询电话"),
        (OGI, EMPLOYMENT_LAW, HR_MARKET),
        "闵行区就业促进中心",
        "events",
    ),
    (
        Area.EMPLOYMENT,
        "就业信息服务",
        "求职信息登记",
        (
            "服务对象",
            "提交材料",
            "办理流程",
            "服务时间",
            "服务地点（方式）",
            "咨询电话",
        ),
        (OGI, EMPLOYMENT_LAW),
        "闵行区就业促进中心",
        "",
    ),
    (
        Area.SOCIAL_INSURANCE,
        "社会保险登记",
        "机关事业单位社会保险登记",
        SERVICE_ELEMENTS,
        (OGI, SOCIAL_INSURANCE_LAW, PENSION_REFORM),
        "社会保险科",
        "",
    ),
    (
        Area.SOCIAL_INSURANCE,
        "社会保险登记",
        "工程建设项目办理工伤保险参保登记",
        SERVICE_ELEMENTS,
        (OGI, SOCIAL_INSURANCE_LAW, CONTRIBUTIONS),
        "社会保险科",
        "",
    ),
    (
        Area.SOCIAL_INSURANCE,
        "社会保险登记",
        "参保单位注销",
        SERVICE_ELEMENTS,
        (OGI, SOCIAL_INSURANCE_LAW, CONTRIBUTIONS),
        "社会保险科",
        "",
    ),
    (
        Area.SOCIAL_INSURANCE,
        "社会保险登记",
        "职工参保登记",
        SERVICE_ELEMENTS,
        (OGI, SOCIAL_INSURANCE_LAW, CONTRIBUTIONS),
        "社会保险科",
        "",
    ),
    (
        Area.SOCIAL_INSURANCE,
        "社会保险登记",
        "城乡居民养老保险参保登记",
        SERVICE_ELEMENTS,
        (OGI, SOCIAL_INSURANCE_LAW, CONTRIBUTIONS),
        "社会保险科",
        "",
    ),
    (
        Area.SOCIAL_INSURANCE,
        "社会保险参保信息维护",
        "单位（项目）基本信息变更",
        SERVICE_ELEMENTS,
        (OGI, SOCIAL_INSURANCE_LAW, CONTRIBUTIONS),
        "社会保险科",
        "",
    ),
    (
        Area.SOCIAL_INSURANCE,
        "社会保险参保信息维护",
        "个人基本信息变更",
        SERVICE_ELEMENTS,
        (OGI, SOCIAL_INSURANCE_LAW, CONTRIBUTIONS),
        "社会保险科",
        "",
    ),
    (
        Area.SOCIAL_INSURANCE,
        "社会保险参保信息维护",
        "养老保险待遇发放账户维护申请",
        SERVICE_ELEMENTS,
        (OGI, SOCIAL_INSURANCE_LAW, CONTRIBUTIONS),
        "社会保险科",
        "",
    ),
)

# The bureau's own items (2025 工作要点: 就业创业政策清单, 待遇标准调整, 政策解读 ...).
LOCAL_ITEMS = (
    (
        Area.EMPLOYMENT,
        "就业信息服务",
        "就业创业政策清单",
        ("政策名称", "支持对象", "补贴标准", "申请材料", "办理渠道", "咨询电话"),
        (OGI, EMPLOYMENT_LAW),
        "就业促进科",
        "releases",
    ),
    (
        Area.SOCIAL_INSURANCE,
        "社会保险待遇标准调整",
        "征地养老、失业保险、工伤保险待遇标准调整",
        ("调整文件", "调整对象", "调整标准", "执行时间", "咨询电话"),
        (OGI, SOCIAL_INSURANCE_LAW),
        "社会保险科",
        "policies",
    ),
    (
        Area.OTHER,
        "政策文件及解读",
        "规范性文件",
        ("文件名称", "发文字号", "成文日期", "发布日期", "有效性", "政策解读"),
        (OGI, "《上海市行政规范性文件管理规定》"),
        "办公室",
        "",
    ),
    (
        Area.OTHER,
        "政民互动",
        "网上咨询答复选登",
        ("咨询标题", "咨询内容", "答复内容", "答复单位", "答复时间"),
        (OGI,),
        "办公室",
        "questions",
    ),
)

CHANNELS = [Channel.WEBSITE, Channel.SERVICE_CENTER, Channel.OTHER]


def _section(key: str):
    from cms.home.sections import declared_sections

    for section in declared_sections():
        if section.key == key:
            return section.model_class.objects.first()
    return None


def _department(name: str):
    Organization = apps.get_model("taxonomy", "Organization")
    return Organization.objects.filter(name=name).first()


@transaction.atomic
def seed_catalog() -> None:
    from .models import CatalogBinding, CatalogItem

    rows = [(Source.STANDARD, row) for row in STANDARD_ITEMS] + [
        (Source.LOCAL, row) for row in LOCAL_ITEMS
    ]
    sequence: dict[str, int] = {}
    for source, (area, one, two, elements, basis, department, section) in rows:
        sequence[area] = sequence.get(area, 0) + 1
        item = CatalogItem(
            area=area,
            source=source,
            sequence=sequence[area],
            level1=one,
            level2=two,
        )
        if CatalogItem.objects.filter(path=item.build_path()).exists():
            continue
        item.elements = "\n".join(elements)
        item.basis = "\n".join(basis)
        item.time_limit_kind = TimeLimitKind.FORMED
        item.time_limit_days = 20
        item.subject = "闵行区人力资源和社会保障局"
        item.channels = list(CHANNELS)
        item.for_specific_groups = area != Area.OTHER
        item.department = _department(department)
        item.full_clean()
        item.save()
        page = _section(section) if section else None
        if page is not None:
            CatalogBinding.objects.create(
                item=item, kind=BindingKind.SECTION, page=page
            )
    regulations = CatalogItem.objects.filter(path="政策文件及解读 › 规范性文件").first()
    if regulations is not None and not regulations.bindings.exists():
        PolicyPage = apps.get_model("policies", "PolicyPage")
        CatalogBinding.objects.create(
            item=regulations,
            kind=BindingKind.PAGE_TYPE,
            page_type=ContentType.objects.get_for_model(PolicyPage),
            filters={"is_normative": True},
        )
