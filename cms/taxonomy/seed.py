"""The bureau's vocabulary that every installation starts with (idempotent)."""

from __future__ import annotations

from django.db import transaction

from .models import Audience, AudienceKind, Organization, OrganizationLevel, Topic

BUREAU_NAME = "闵行区人力资源和社会保障局"

TOPICS: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = (
    (
        "就业创业",
        "jiuye-chuangye",
        (
            ("就业补贴", "jiuye-butie"),
            ("创业扶持", "chuangye-fuchi"),
            ("高校毕业生就业", "gaoxiao-biyesheng"),
            ("就业援助", "jiuye-yuanzhu"),
            ("灵活就业", "linghuo-jiuye"),
        ),
    ),
    (
        "社会保险",
        "shehui-baoxian",
        (
            ("养老保险", "yanglao"),
            ("失业保险", "shiye"),
            ("工伤保险", "gongshang"),
            ("医疗保险", "yiliao"),
            ("生育保险", "shengyu"),
            ("征地养老", "zhengdi-yanglao"),
        ),
    ),
    (
        "技能培训",
        "jineng-peixun",
        (
            ("职业技能提升", "jineng-tisheng"),
            ("职业技能评价", "jineng-pingjia"),
        ),
    ),
    (
        "人才人事",
        "rencai-renshi",
        (
            ("人才引进", "rencai-yinjin"),
            ("职称评审", "zhicheng"),
            ("事业单位人事", "shiye-danwei"),
        ),
    ),
    (
        "劳动关系",
        "laodong-guanxi",
        (
            ("劳动合同与工资", "hetong-gongzi"),
            ("劳动人事争议仲裁", "zhongcai"),
            ("劳动保障监察", "jiancha"),
        ),
    ),
    (
        "财政信息",
        "caizheng",
        (
            ("部门预决算", "yujuesuan"),
            ("绩效管理", "jixiao"),
        ),
    ),
    (
        "执法信息",
        "zhifa",
        (
            ("行政处罚", "xingzheng-chufa"),
            ("行政许可", "xingzheng-xuke"),
        ),
    ),
    (
        "政务公开",
        "zhengwu-gongkai",
        (
            ("工作要点", "gongzuo-yaodian"),
            ("年度报告", "niandu-baogao"),
        ),
    ),
)

AUDIENCES: tuple[tuple[str, str, str], ...] = (
    ("高校毕业生", "gaoxiao-biyesheng", AudienceKind.PERSON),
    ("失业人员", "shiye-renyuan", AudienceKind.PERSON),
    ("就业困难人员", "jiuye-kunnan", AudienceKind.PERSON),
    ("退役军人", "tuiyi-junren", AudienceKind.PERSON),
    ("灵活就业人员", "linghuo-jiuye", AudienceKind.PERSON),
    ("来沪务工人员", "laihu-wugong", AudienceKind.PERSON),
    ("老年人", "laonianren", AudienceKind.PERSON),
    ("残疾人", "canjiren", AudienceKind.PERSON),
    ("创业者", "chuangyezhe", AudienceKind.PERSON),
    ("技能人才", "jineng-rencai", AudienceKind.PERSON),
    ("被征地人员", "bei-zhengdi", AudienceKind.PERSON),
    ("小微企业", "xiaowei-qiye", AudienceKind.ENTERPRISE),
    ("重点企业", "zhongdian-qiye", AudienceKind.ENTERPRISE),
    ("民营企业", "minying-qiye", AudienceKind.ENTERPRISE),
    ("个体工商户", "geti-gongshanghu", AudienceKind.ENTERPRISE),
    ("人力资源服务机构", "renli-fuwu-jigou", AudienceKind.ENTERPRISE),
    ("用人单位", "yongren-danwei", AudienceKind.ENTERPRISE),
)

# (name, short name, credit code, level, parent name)
ORGANIZATIONS: tuple[tuple[str, str, str, str, str | None], ...] = (
    (
        "上海市人力资源和社会保障局",
        "市人社局",
        "11310000002418397C",
        OrganizationLevel.CITY,
        None,
    ),
    (
        "闵行区人民政府",
        "区政府",
        "113101120024259609",
        OrganizationLevel.DISTRICT,
        None,
    ),
    (BUREAU_NAME, "区人社局", "11310112MB2F12345Q", OrganizationLevel.DISTRICT, None),
    (
        "闵行区财政局",
        "区财政局",
        "11310112002426341F",
        OrganizationLevel.DISTRICT,
        None,
    ),
    ("办公室", "办公室", "", OrganizationLevel.DEPARTMENT, BUREAU_NAME),
    ("法制科", "法制科", "", OrganizationLevel.DEPARTMENT, BUREAU_NAME),
    ("就业促进科", "就业科", "", OrganizationLevel.DEPARTMENT, BUREAU_NAME),
    ("社会保险科", "社保科", "", OrganizationLevel.DEPARTMENT, BUREAU_NAME),
    ("职业能力建设科", "职建科", "", OrganizationLevel.DEPARTMENT, BUREAU_NAME),
    ("人才人事科", "人才科", "", OrganizationLevel.DEPARTMENT, BUREAU_NAME),
    ("劳动关系科", "劳动关系科", "", OrganizationLevel.DEPARTMENT, BUREAU_NAME),
    (
        "闵行区劳动人事争议仲裁院",
        "仲裁院",
        "",
        OrganizationLevel.DEPARTMENT,
        BUREAU_NAME,
    ),
    ("闵行区就业促进中心", "就业中心", "", OrganizationLevel.DEPARTMENT, BUREAU_NAME),
)

# The departments that draft content and get an editor group each.
DRAFTING_DEPARTMENTS = (
    "办公室",
    "就业促进科",
    "社会保险科",
    "职业能力建设科",
    "人才人事科",
    "劳动关系科",
    "闵行区劳动人事争议仲裁院",
    "闵行区就业促进中心",
)


@transaction.atomic
def seed_taxonomy() -> None:
    for order, (name, slug, children) in enumerate(TOPICS):
        parent, _ = Topic.objects.get_or_create(
            slug=slug, defaults={"name": name, "sort_order": order}
        )
        for child_order, (child_name, child_slug) in enumerate(children):
            Topic.objects.get_or_create(
                slug=child_slug,
                defaults={
                    "name": child_name,
                    "parent": parent,
                    "sort_order": child_order,
                },
            )
    for order, (name, slug, kind) in enumerate(AUDIENCES):
        Audience.objects.get_or_create(
            slug=slug, defaults={"name": name, "kind": kind, "sort_order": order}
        )
    for order, (name, short, code, level, parent_name) in enumerate(ORGANIZATIONS):
        parent = Organization.objects.get(name=parent_name) if parent_name else None
        Organization.objects.get_or_create(
            name=name,
            defaults={
                "short_name": short,
                "credit_code": code,
                "level": level,
                "parent": parent,
                "sort_order": order,
            },
        )
