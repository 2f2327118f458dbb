"""Realistic 双公示 decisions generated locally, for the demo and the benchmark:
rows as the bureau's export names its columns (importing.py reads them)."""

from __future__ import annotations

import datetime
import random

from cms.participation.validators import resident_id_check_char
from cms.taxonomy.validators import CREDIT_CODE_ALPHABET, credit_code_check_char

AUTHORITY = "上海市闵行区人力资源和社会保障局"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤康易乔赖文"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文斌海波宇浩鹏飞俊峰雪梅琳晨欣怡子涵雨轩佳琪思远嘉诚"
STREETS = (
    "莘庄",
    "七宝",
    "浦江",
    "梅陇",
    "虹桥",
    "颛桥",
    "华漕",
    "吴泾",
    "马桥",
    "江川路",
    "古美路",
    "新虹",
    "浦锦",
)
TRADES = (
    "人力资源",
    "劳务派遣",
    "餐饮管理",
    "物业管理",
    "建筑工程",
    "机械制造",
    "电子科技",
    "物流",
    "保洁服务",
    "职业技能培训",
)
SUFFIXES = ("有限公司", "股份有限公司", "有限责任公司")
ROADS = (
    "沪闵路",
    "莘松路",
    "七莘路",
    "漕宝路",
    "剑川路",
    "都市路",
    "虹梅南路",
    "浦星公路",
    "春申路",
    "颛兴路",
)

PENALTIES = (
    (
        "未按照规定支付劳动者工资",
        "《劳动保障监察条例》第二十六条",
        "警告；罚款",
        "一般",
    ),
    (
        "安排未成年工从事国家规定的第四级体力劳动强度的劳动",
        "《劳动保障监察条例》第二十三条",
        "罚款",
        "一般",
    ),
    (
        "未按照规定建立职工名册",
        "《劳动合同法实施条例》第三十三条",
        "警告",
        "轻微",
    ),
    (
        "违反规定延长劳动者工作时间",
        "《劳动保障监察条例》第二十五条",
        "警告；罚款",
        "一般",
    ),
    (
        "未经许可擅自经营劳务派遣业务",
        "《劳动合同法》第九十二条第一款",
        "没收违法所得；罚款",
        "严重",
    ),
    (
        "以欺诈手段骗取社会保险基金支出",
        "《社会保险法》第八十八条",
        "责令退回；罚款",
        "严重",
    ),
    (
        "无理抗拒、阻挠劳动保障行政部门实施劳动保障监察",
        "《劳动保障监察条例》第三十条",
        "罚款",
        "一般",
    ),
)
LICENSES = (
    (
        "劳务派遣经营许可（新设）",
        "《劳动合同法》第五十七条；《劳务派遣行政许可实施办法》",
    ),
    (
        "劳务派遣经营许可（延续）",
        "《劳动合同法》第五十七条；《劳务派遣行政许可实施办法》第十九条",
    ),
    ("人力资源服务许可：职业中介活动", "《人力资源市场暂行条例》第十八条"),
    ("民办职业培训学校办学许可", "《民办教育促进法》第十八条"),
    ("特殊工时工作制审批（综合计算工时）", "《劳动法》第三十九条"),
)


def credit_code(rng: random.Random) -> str:
    body = "9131011" + "".join(rng.choice(CREDIT_CODE_ALPHABET) for _ in range(10))
    return body + credit_code_check_char(body)


def resident_id(rng: random.Random) -> str:
    born = datetime.date(1960, 1, 1) + datetime.timedelta(days=rng.randrange(16000))
    body = f"310112{born:%Y%m%d}{rng.randrange(1000):03d}"
    return body + resident_id_check_char(body)


def person_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(
        rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2)))
    )


def company_name(rng: random.Random) -> str:
    return f"上海{rng.choice(STREETS)}{rng.choice(TRADES)}{rng.choice(SUFFIXES)}"


def decision_rows(
    count: int,
    *,
    start: datetime.date,
    end: datetime.date,
    seed: int = 13,
    skip_months: tuple[tuple[int, int], ...] = (),
) -> list[dict[str, object]]:
    """``count`` decisions dated from ``start`` to ``end``; about a third are
    行政许可, a fifth of the penalties against natural persons. No 行政处罚 is
    dated in ``skip_months`` ((year, month) pairs: months without cases)."""
    rng = random.Random(seed)  # noqa: S311 - sample data, not secrets
    span = (end - start).days
    rows: list[dict[str, object]] = []
    numbers = {"行政许可": 0, "行政处罚": 0}
    for n in range(count):
        kind = "行政许可" if n % 3 == 0 else "行政处罚"
        day = start + datetime.timedelta(days=rng.randrange(span + 1))
        while kind == "行政处罚" and (day.year, day.month) in skip_months:
            day = start + datetime.timedelta(days=rng.randrange(span + 1))
        numbers[kind] += 1
        natural = kind == "行政处罚" and n % 5 == 1
        row: dict[str, object] = {"决定类别": kind, "决定日期": day.isoformat()}
        if natural:
            name = person_name(rng)
            id_number = resident_id(rng)
            row |= {
                "当事人": name,
                "当事人类型": "自然人",
                "身份证号码": id_number,
            }
            subject = f"当事人{name}（身份证号码{id_number}）"
        else:
            name = company_name(rng) + (f"第{n}分公司" if n % 7 == 0 else "")
            row |= {
                "当事人": name,
                "当事人类型": "法人",
                "统一社会信用代码": credit_code(rng),
            }
            subject = f"当事人{name}"
        address = f"闵行区{rng.choice(ROADS)}{rng.randrange(1, 3000)}号"
        if kind == "行政处罚":
            facts, basis, penalty_type, severity = rng.choice(PENALTIES)
            fine = (
                rng.choice((2000, 5000, 10000, 20000, 50000))
                if "罚款" in penalty_type
                else None
            )
            row |= {
                "文书号": f"闵人社监罚字〔{day.year}〕第{numbers[kind]:05d}号",
                "违法事实": (
                    f"经查，{subject}在{address}经营期间{facts}，"
                    f"涉及劳动者{rng.randrange(1, 60)}人。"
                ),
                "依据": basis,
                "处罚种类": penalty_type,
                "罚款金额": fine if fine is not None else "",
                "决定内容": f"{penalty_type}"
                + (f"人民币{fine}元" if fine is not None else "")
                + "，责令限期改正。",
                "失信严重程度": severity,
            }
        else:
            content, basis = rng.choice(LICENSES)
            row |= {
                "文书号": f"闵人社许字〔{day.year}〕第{numbers[kind]:05d}号",
                "许可内容": f"{content}；经营场所：{address}",
                "依据": basis,
                "决定内容": "准予许可",
                "有效期自": day.isoformat(),
                "有效期至": (
                    day.replace(year=day.year + 3) - datetime.timedelta(days=1)
                ).isoformat()
                if not (day.month == 2 and day.day == 29)
                else day.replace(year=day.year + 3, day=28).isoformat(),
            }
        row["决定机关"] = AUTHORITY
        rows.append(row)
    return rows
