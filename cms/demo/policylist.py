"""Demo 就业创业政策清单: structured items for the demo policies (cms/demo/data), with
the machine-checkable conditions that 政策计算器 (matchPolicies) matches on.

Invented for the demo, like the policies they rest on: the amounts follow the rows
of the demo 政策清单 spreadsheet (employment_policy_list.json) and are plausible for
a district of Shanghai, not official figures. One item rests on the 2025 稳岗返还
notice, which expired on 2025-12-31: the list flags it "所依据政策已失效" and the
calculator leaves it out.

Imported through the list's own importer (cms/policylist/importing.py), keyed by
policy and title: loading twice changes nothing.
"""

from __future__ import annotations

from cms.core.importing import ImportReport, Source, SourceRow
from cms.policylist.importing import PolicyListImporter

GRADUATE_MATERIALS = "身份证；毕业证书或学籍在线验证报告；"
ONLINE = "“一网通办”线上申请；或到区就业促进中心（闵行区沪闵路6258号）窗口办理"
PHONE = "021-64120000"

# Rows by the importer's column names; 条件 in the syntax of cms/policylist/syntax.py.
ITEMS: tuple[dict, ...] = (
    {
        "title": "一次性创业补贴",
        "policy": "闵府办发〔2025〕7号",
        "scope": "在本区首次创办企业或个体工商户的高校毕业生等青年群体",
        "requirements": (
            "年龄 16 至 35 周岁，本市户籍或持《上海市居住证》，毕业 5 年以内；"
            "在本区首次创业，正常经营 6 个月以上，并为本人依法缴纳社会保险。"
        ),
        "conditions": (
            "年龄 介于 16-35；毕业年限<=5；就业状态 = 自主创业；"
            "户籍 属于 本区,本市外区；正常缴纳社会保险 是"
        ),
        "materials": GRADUATE_MATERIALS + "营业执照；经营场所租赁合同",
        "procedure": "网上申请 → 区就业促进中心审核（15 个工作日）→ 公示 5 个工作日 → 拨付",
        "venue": ONLINE,
        "phone": PHONE,
        "service_item": "310112003010",
        "department": "闵行区就业促进中心",
        "audiences": ["高校毕业生", "创业者"],
        "topics": ["创业扶持", "高校毕业生就业"],
        "benefit_amount": "8000",
        "benefit_unit": "元",
        "benefit_text": "一次性创业补贴 8000 元",
    },
    {
        "title": "创业担保贷款及贴息（个人）",
        "policy": "闵人社规〔2024〕5号",
        "scope": "在本区创业的个人及合伙创业者",
        "requirements": (
            "法定劳动年龄内，本市户籍或持《上海市居住证》，在本区登记注册创业"
            "且经营正常，本人及配偶无不良信用记录。"
        ),
        "conditions": "年龄 介于 18-60；就业状态 = 自主创业；户籍 属于 本区,本市外区",
        "materials": "身份证；营业执照；经营场所证明；个人信用报告",
        "procedure": "网上申请 → 区就业促进中心初审 → 担保机构和经办银行审核 → 放款，按季贴息",
        "venue": ONLINE,
        "phone": PHONE,
        "service_item": "310112003010",
        "department": "闵行区就业促进中心",
        "audiences": ["创业者"],
        "topics": ["创业扶持"],
        "benefit_text": "个人最高 50 万元，合伙创业最高 300 万元，免反担保，全额贴息",
    },
    {
        "title": "创业担保贷款及贴息（小微企业）",
        "policy": "闵人社规〔2024〕5号",
        "scope": "在本区注册的初创小微企业",
        "requirements": "在本区注册 3 年以内的小型、微型企业，依法为职工缴纳社会保险。",
        "conditions": "企业规模 属于 微型,小型；注册年限<=3；在本区注册 是；依法参保缴费 是",
        "materials": "营业执照；法定代表人身份证；近 6 个月社会保险缴费记录；财务报表",
        "procedure": "网上申请 → 区就业促进中心初审 → 担保机构和经办银行审核 → 放款，按季贴息",
        "venue": ONLINE,
        "phone": PHONE,
        "service_item": "310112003010",
        "department": "闵行区就业促进中心",
        "audiences": ["小微企业"],
        "topics": ["创业扶持"],
        "benefit_text": "最高 300 万元，按贷款市场报价利率的 50% 贴息",
    },
    {
        "title": "创业场地房租补贴",
        "policy": "闵府规发〔2023〕5号",
        "scope": "入驻本区创业孵化基地或租用经营场地的初创企业",
        "requirements": "在本区注册 3 年以内的小型、微型企业，租用经营场地并正常经营。",
        "conditions": "企业规模 属于 微型,小型；注册年限<=3；在本区注册 是",
        "materials": "营业执照；租赁合同及租金发票；法定代表人身份证",
        "procedure": "每年 3 月、9 月集中申请 → 区就业促进中心审核 → 公示 → 拨付",
        "venue": ONLINE,
        "phone": PHONE,
        "service_item": "310112003012",
        "department": "闵行区就业促进中心",
        "audiences": ["小微企业", "创业者"],
        "topics": ["创业扶持"],
        "benefit_amount": "30000",
        "benefit_unit": "元/年",
        "benefit_text": "按实际租金的 50% 补贴，每年最高 3 万元，最长 3 年",
    },
    {
        "title": "就业见习补贴",
        "policy": "闵府办发〔2025〕7号",
        "scope": "离校 2 年内未就业的高校毕业生",
        "requirements": "离校 2 年以内未就业，在本区认定的就业见习基地参加见习。",
        "conditions": "毕业年限<=2；就业状态 属于 未就业,失业",
        "materials": GRADUATE_MATERIALS + "见习协议",
        "procedure": "选择见习岗位 → 签订见习协议 → 见习基地按月申领 → 区就业促进中心审核拨付",
        "venue": ONLINE,
        "phone": PHONE,
        "service_item": "310112003015",
        "department": "就业促进科",
        "audiences": ["高校毕业生"],
        "topics": ["高校毕业生就业", "就业补贴"],
        "benefit_amount": "2192",
        "benefit_unit": "元/月",
        "benefit_text": "按本市月最低工资标准的 80% 补贴见习基地，用于见习人员生活费",
    },
    {
        "title": "见习留用奖励",
        "policy": "闵府办发〔2025〕7号",
        "scope": "见习期满留用见习人员的就业见习基地",
        "requirements": "在本区注册，见习期满留用率达到 50% 以上，并为留用人员缴纳社会保险。",
        "conditions": "在本区注册 是；依法参保缴费 是",
        "materials": "留用人员劳动合同；社会保险缴费记录",
        "procedure": "见习期满后 3 个月内申请 → 区就业促进中心审核 → 拨付",
        "venue": ONLINE,
        "phone": PHONE,
        "service_item": "310112003015",
        "department": "就业促进科",
        "audiences": ["用人单位"],
        "topics": ["高校毕业生就业", "就业补贴"],
        "benefit_amount": "2000",
        "benefit_unit": "元/人",
        "benefit_text": "每留用 1 人奖励 2000 元",
    },
    {
        "title": "一次性吸纳就业补贴",
        "policy": "闵人社规〔2024〕2号",
        "scope": "招用离校 2 年内高校毕业生或登记失业人员的本区用人单位",
        "requirements": "在本区注册，与新招用人员签订 1 年以上劳动合同并为其缴纳社会保险。",
        "conditions": "在本区注册 是；依法参保缴费 是；当年新招用人数>=1",
        "materials": "营业执照；劳动合同；社会保险缴费记录",
        "procedure": "网上申请 → 区就业促进中心审核（20 个工作日）→ 拨付",
        "venue": ONLINE,
        "phone": PHONE,
        "service_item": "310112003001",
        "department": "就业促进科",
        "audiences": ["用人单位", "小微企业"],
        "topics": ["就业补贴"],
        "benefit_amount": "2000",
        "benefit_unit": "元/人",
        "benefit_text": "每招用 1 人补贴 2000 元",
    },
    {
        "title": "招用就业困难人员吸纳补贴",
        "policy": "闵人社规〔2024〕2号",
        "scope": "招用本区认定的就业困难人员的用人单位",
        "requirements": "在本区注册，招用就业困难人员并签订 1 年以上劳动合同、缴纳社会保险。",
        "conditions": "在本区注册 是；依法参保缴费 是；当年新招用人数>=1",
        "materials": "营业执照；劳动合同；就业困难人员认定证明",
        "procedure": "网上申请 → 区就业促进中心审核 → 拨付",
        "venue": ONLINE,
        "phone": PHONE,
        "service_item": "310112003001",
        "department": "就业促进科",
        "audiences": ["用人单位"],
        "topics": ["就业补贴", "就业援助"],
        "benefit_amount": "3000",
        "benefit_unit": "元/人",
        "benefit_text": "每招用 1 名就业困难人员补贴 3000 元",
    },
    {
        "title": "灵活就业社会保险费补贴",
        "policy": "闵人社规〔2026〕2号",
        "scope": "以灵活方式就业的本区就业困难人员和离校 2 年内高校毕业生",
        "requirements": "本区户籍，灵活就业并按月缴纳社会保险费。",
        "conditions": (
            "就业状态 = 灵活就业；人员类别 包含任一 就业困难人员,高校毕业生；"
            "户籍 = 本区；正常缴纳社会保险 是"
        ),
        "materials": "身份证；灵活就业登记证明；社会保险缴费记录",
        "procedure": "按季度网上申请 → 街镇社区事务受理服务中心初审 → 区就业促进中心复核 → 拨付",
        "venue": "“一网通办”线上申请；或到户籍所在街镇社区事务受理服务中心办理",
        "phone": PHONE,
        "service_item": "310112003020",
        "department": "就业促进科",
        "audiences": ["灵活就业人员", "就业困难人员", "高校毕业生"],
        "topics": ["灵活就业", "就业援助"],
        "benefit_amount": "800",
        "benefit_unit": "元/月",
        "benefit_text": "按实际缴纳社会保险费的 50% 补贴，每月最高 800 元，最长 3 年",
    },
    {
        "title": "职业技能提升补贴",
        "policy": "闵人社规〔2025〕3号",
        "scope": "参加失业保险、取得职业资格或职业技能等级证书的企业职工",
        "requirements": "累计缴纳失业保险费 12 个月以上，自 2025 年起取得相应证书。",
        "conditions": "累计缴纳失业保险>=12；正常缴纳社会保险 是",
        "materials": "身份证；职业资格证书或职业技能等级证书；本人社会保障卡",
        "procedure": "取得证书之日起 12 个月内网上申请 → 审核 → 发放至社会保障卡",
        "venue": "“一网通办”线上申请",
        "phone": PHONE,
        "service_item": "310112005002",
        "department": "职业能力建设科",
        "audiences": ["技能人才"],
        "topics": ["职业技能提升"],
        "benefit_amount": "1000",
        "benefit_unit": "元",
        "benefit_text": "初级 1000 元、中级 1500 元、高级 2000 元",
    },
    {
        "title": "脱产培训生活费补贴",
        "policy": "闵人社规〔2025〕3号",
        "scope": "参加脱产职业技能培训的登记失业人员、就业困难人员和未就业高校毕业生",
        "requirements": "处于失业或未就业状态，参加本区组织的脱产培训并取得合格证书。",
        "conditions": (
            "就业状态 属于 失业,未就业；"
            "人员类别 包含任一 登记失业人员,就业困难人员,高校毕业生"
        ),
        "materials": "身份证；培训合格证书；考勤记录",
        "procedure": "培训结束后由培训机构汇总申请 → 区就业促进中心审核 → 发放",
        "venue": "培训机构代为申请",
        "phone": PHONE,
        "department": "职业能力建设科",
        "audiences": ["失业人员", "就业困难人员", "高校毕业生"],
        "topics": ["职业技能提升", "就业援助"],
        "benefit_amount": "50",
        "benefit_unit": "元/天",
        "benefit_text": "每人每天 50 元，最长 60 天",
    },
    {
        "title": "失业保险金",
        "policy": "沪人社规〔2025〕6号",
        "scope": "非因本人意愿中断就业的参保失业人员",
        "requirements": "失业前累计缴纳失业保险费满 1 年，已办理失业登记并有求职要求。",
        "conditions": "就业状态 = 失业；累计缴纳失业保险>=12",
        "materials": "身份证；社会保障卡；解除或终止劳动合同证明",
        "procedure": "网上申领 → 审核 → 按月发放至社会保障卡",
        "venue": "“一网通办”线上申请；或到街镇社区事务受理服务中心办理",
        "phone": "12333",
        "service_item": "310000037001",
        "department": "社会保险科",
        "audiences": ["失业人员"],
        "topics": ["失业保险"],
        "benefit_amount": "2175",
        "benefit_unit": "元/月",
        "benefit_text": "第 1 至 12 个月每月 2175 元至 2360 元（按缴费年限）",
    },
    {
        "title": "就业困难人员认定",
        "policy": "沪人社规〔2023〕12号",
        "scope": "本市户籍、处于失业状态的大龄、残疾或零就业家庭等人员",
        "requirements": "本市户籍，处于失业状态，女性年满 40 周岁、男性年满 50 周岁等。",
        "conditions": "户籍 属于 本区,本市外区；就业状态 属于 失业,未就业；年龄>=40",
        "materials": "身份证；户口簿；相关证明材料",
        "procedure": "网上申请 → 街镇初审 → 区就业促进中心认定（10 个工作日）",
        "venue": "“一网通办”线上申请；或到街镇社区事务受理服务中心办理",
        "phone": PHONE,
        "service_item": "310112003005",
        "department": "就业促进科",
        "audiences": ["就业困难人员", "失业人员"],
        "topics": ["就业援助"],
        "benefit_text": "认定后享受就业援助、岗位推荐和社会保险补贴",
    },
    {
        "title": "失业保险稳岗返还",
        "policy": "沪人社就〔2025〕8号",
        "scope": "依法参加失业保险、上年度未裁员或裁员率不高于规定的企业",
        "requirements": "足额缴纳失业保险费满 12 个月，裁员率不高于全国城镇调查失业率控制目标。",
        "conditions": "依法参保缴费 是",
        "materials": "免申即享，无需提交材料",
        "procedure": "经办机构比对名单 → 公示 → 直接返还至企业账户",
        "venue": "免申即享",
        "phone": "12333",
        "service_item": "310000037012",
        "department": "就业促进科",
        "audiences": ["用人单位"],
        "topics": ["失业保险"],
        "benefit_text": "中小微企业返还上年度实际缴纳失业保险费的 60%，大型企业 30%",
    },
    {
        "title": "零工驿站就业服务",
        "policy": "闵人社发〔2024〕18号",
        "scope": "有就业意愿的灵活就业人员和求职者",
        "requirements": "无条件限制，就近到社区就业服务站获取服务。",
        "materials": "身份证",
        "procedure": "到站登记求职意向 → 岗位推荐和职业指导",
        "venue": "各街镇社区就业服务站（零工驿站）",
        "phone": PHONE,
        "department": "闵行区就业促进中心",
        "audiences": ["灵活就业人员"],
        "topics": ["灵活就业"],
        "benefit_text": "零工岗位信息发布和对接、职业指导、政策咨询",
    },
)


def load_policy_list_demo() -> ImportReport:
    """Import the demo items; a row whose policy is missing is reported, not raised."""
    source = Source(
        format="jsonl",
        rows=[SourceRow(line, item) for line, item in enumerate(ITEMS, start=1)],
    )
    return PolicyListImporter().run(source)
