"""Record vocabularies: categories, departments, legal bases, validity and statuses per kind.

Authority = prefix by level and region + department."""

from __future__ import annotations

from graph_credit.model import RecordKind, RecordStatus

from .regions import R_ADMIN, R_CITY, R_PROVINCE, REGIONS

L_CITY, L_LOCAL, L_TAX_CITY, L_TAX_LOCAL, L_COURT_CITY, L_COURT_LOCAL, L_PROVINCE = range(7)


def _authority_prefixes() -> list[str]:
    out: list[str] = []
    for level in range(7):
        for r in range(len(REGIONS)):
            city, admin = R_CITY[r], R_ADMIN[r]
            out.append(
                {
                    L_CITY: city,
                    L_LOCAL: admin,
                    L_TAX_CITY: "国家税务总局" + city,
                    L_TAX_LOCAL: "国家税务总局" + admin,
                    L_COURT_CITY: city,
                    L_COURT_LOCAL: admin,
                    L_PROVINCE: R_PROVINCE[r],
                }[level]
            )
    return out


AUTH_PREFIX = _authority_prefixes()

# category, department, level, basis, repairable, weight, summary
BLACKLIST = (
    ("食品药品", "市场监督管理局", L_CITY, "《市场监督管理严重违法失信名单管理办法》第九条", False, 12, "生产经营不符合食品安全标准的食品"),
    ("环境保护", "生态环境局", L_CITY, "《企业环境信用评价办法（试行）》第十六条", True, 12, "超标排放污染物且拒不改正"),
    ("税收", "税务局", L_TAX_CITY, "《重大税收违法失信主体信息公布管理办法》第六条", True, 15, "虚开增值税专用发票"),
    ("拖欠工资", "人力资源和社会保障局", L_CITY, "《拖欠农民工工资失信联合惩戒对象名单管理暂行办法》第五条", True, 15, "拖欠农民工工资数额较大"),
    ("招标投标", "发展和改革委员会", L_CITY, "《中华人民共和国招标投标法》第五十三条", True, 8, "串通投标 情节严重"),
    ("拒不履行法院判决", "中级人民法院", L_COURT_CITY, "《最高人民法院关于公布失信被执行人名单信息的若干规定》第一条", True, 12, "有履行能力而拒不履行生效法律文书确定义务"),
    ("安全生产", "应急管理局", L_CITY, "《安全生产严重失信主体名单管理办法》第七条", False, 8, "发生较大生产安全事故负有责任"),
    ("产品质量", "市场监督管理局", L_CITY, "《中华人民共和国产品质量法》第五十条", True, 6, "在产品中掺杂掺假 以次充好"),
    ("工程质量", "住房和城乡建设局", L_CITY, "《建设工程质量管理条例》第六十四条", True, 5, "违反工程建设强制性标准造成质量事故"),
    ("社会保险", "医疗保障局", L_CITY, "《医疗保障基金使用监督管理条例》第四十条", True, 4, "以欺诈手段骗取医疗保障基金"),
    ("合同欺诈", "市场监督管理局", L_CITY, "《合同行政监督管理办法》第六条", True, 3, "利用合同实施欺诈"),
    ("非法集资", "地方金融监督管理局", L_CITY, "《防范和处置非法集资条例》第三十条", False, 2, "非法吸收公众存款"),
    ("骗取财政资金", "财政局", L_CITY, "《财政违法行为处罚处分条例》第十四条", True, 2, "以虚报冒领手段骗取财政资金"),
)  # fmt: skip
# category, department, level, basis
PENALTY = (
    ("食品安全", "市场监督管理局", L_LOCAL, "《中华人民共和国食品安全法》第一百二十四条"),
    ("产品质量", "市场监督管理局", L_LOCAL, "《中华人民共和国产品质量法》第四十九条"),
    ("价格", "市场监督管理局", L_LOCAL, "《价格违法行为行政处罚规定》第七条"),
    ("广告", "市场监督管理局", L_LOCAL, "《中华人民共和国广告法》第五十八条"),
    ("环境保护", "生态环境局", L_CITY, "《中华人民共和国大气污染防治法》第九十九条"),
    ("安全生产", "应急管理局", L_CITY, "《中华人民共和国安全生产法》第九十九条"),
    ("税收", "税务局", L_TAX_LOCAL, "《中华人民共和国税收征收管理法》第六十二条"),
    ("消防", "消防救援支队", L_CITY, "《中华人民共和国消防法》第六十条"),
    ("道路运输", "交通运输局", L_CITY, "《中华人民共和国道路运输条例》第六十三条"),
    ("劳动保障", "人力资源和社会保障局", L_LOCAL, "《劳动保障监察条例》第二十六条"),
    ("城市管理", "城市管理综合执法局", L_LOCAL, "《城市市容和环境卫生管理条例》第三十四条"),
    ("卫生", "卫生健康委员会", L_CITY, "《公共场所卫生管理条例实施细则》第三十六条"),
    ("工程建设", "住房和城乡建设局", L_CITY, "《建设工程质量管理条例》第六十四条"),
)
PENALTY_BY_IND = {
    "C": (1, 4, 5, 0, 6),
    "E": (12, 5, 9, 6),
    "F": (0, 1, 2, 3, 6, 7),
    "G": (8, 5, 6),
    "H": (0, 11, 7, 10),
    "O": (11, 10, 2),
    "": (6, 3, 2, 9, 7, 10),  # any other industry
}
# category, department, level, basis, years valid (0: no set end)
LICENCE = (
    ("食品经营许可", "市场监督管理局", L_LOCAL, "《食品经营许可和备案管理办法》第六条", 5),
    ("食品生产许可", "市场监督管理局", L_CITY, "《食品生产许可管理办法》第二条", 5),
    ("排污许可", "生态环境局", L_CITY, "《排污许可管理条例》第二条", 5),
    ("道路运输经营许可", "交通运输局", L_CITY, "《中华人民共和国道路运输条例》第二十四条", 4),
    ("建筑业企业资质", "住房和城乡建设局", L_CITY, "《建筑业企业资质管理规定》第三条", 5),
    ("安全生产许可", "住房和城乡建设局", L_CITY, "《安全生产许可证条例》第二条", 3),
    ("公共场所卫生许可", "卫生健康委员会", L_CITY, "《公共场所卫生管理条例》第八条", 4),
    ("药品经营许可", "市场监督管理局", L_CITY, "《药品经营和使用质量监督管理办法》第十三条", 5),
    ("医疗机构执业许可", "卫生健康委员会", L_CITY, "《医疗机构管理条例》第十五条", 5),
    ("烟草专卖零售许可", "烟草专卖局", L_CITY, "《中华人民共和国烟草专卖法实施条例》第十一条", 5),
    ("危险化学品经营许可", "应急管理局", L_CITY, "《危险化学品安全管理条例》第三十三条", 3),
    ("商品房预售许可", "住房和城乡建设局", L_CITY, "《城市商品房预售管理办法》第六条", 0),
    ("民办学校办学许可", "教育局", L_CITY, "《中华人民共和国民办教育促进法》第十二条", 5),
    ("娱乐场所经营许可", "文化广电和旅游局", L_CITY, "《娱乐场所管理条例》第九条", 5),
    ("建设工程规划许可", "自然资源局", L_CITY, "《中华人民共和国城乡规划法》第四十条", 0),
    ("特种设备使用登记", "市场监督管理局", L_LOCAL, "《中华人民共和国特种设备安全法》第三十三条", 0),
    ("增值电信业务经营许可", "通信管理局", L_PROVINCE, "《中华人民共和国电信条例》第十三条", 5),
    ("劳务派遣经营许可", "人力资源和社会保障局", L_CITY, "《劳务派遣行政许可实施办法》第六条", 3),
)
LICENCE_BY_IND = dict(
    A=(2, 15), B=(10, 2, 5), C=(1, 2, 15), D=(2, 15), E=(4, 5, 14), F=(0, 9, 10, 7), G=(3, 15),
    H=(0, 6), I=(16,), J=(15,), K=(11, 14), L=(17,), M=(2, 15), N=(2,), O=(6,), P=(12,),
    Q=(8, 7), R=(13,), S=(15,), T=(15,),
)  # fmt: skip
JUDGMENT_ITEMS = (
    ("第一项", "有履行能力而拒不履行生效法律文书确定义务"),
    ("第二项", "以伪造证据、暴力、威胁等方法妨碍、抗拒执行"),
    ("第三项", "以虚假诉讼、虚假仲裁或者以隐匿、转移财产等方法规避执行"),
    ("第四项", "违反财产报告制度"),
    ("第五项", "违反限制消费令"),
    ("第六项", "无正当理由拒不履行执行和解协议"),
)
ABNORMAL = (
    ("未按期公示年度报告", "《企业信息公示暂行条例》第八条", "未依照规定期限公示年度报告"),
    ("住所无法联系", "《市场主体登记管理条例》第二十九条", "通过登记的住所或者经营场所无法联系"),
    ("公示信息隐瞒真实情况", "《企业信息公示暂行条例》第十条", "公示企业信息隐瞒真实情况、弄虚作假"),
)
PROCUREMENT = (
    ("《中华人民共和国政府采购法》第七十七条", "提供虚假材料谋取中标、成交"),
    ("《中华人民共和国政府采购法》第七十七条", "与采购人、其他供应商或者采购代理机构恶意串通"),
    ("《中华人民共和国政府采购法实施条例》第七十二条", "中标、成交后无正当理由拒不与采购人签订政府采购合同"),
    ("《中华人民共和国政府采购法实施条例》第七十三条", "捏造事实、提供虚假材料进行投诉"),
)
# category, department, level, basis, years valid
RED = (
    ("纳税信用A级", "税务局", L_TAX_CITY, "《关于对纳税信用A级纳税人实施联合激励措施的合作备忘录》", 1),
    ("守合同重信用", "市场监督管理局", L_CITY, "《“守合同重信用”企业公示活动管理办法》", 2),
    ("劳动保障守法诚信", "人力资源和社会保障局", L_CITY, "《劳动保障守法诚信示范单位评选办法》", 3),
    (
        "诚信示范企业",
        "发展和改革委员会",
        L_CITY,
        "《关于建立完善守信联合激励和失信联合惩戒制度的指导意见》",
        3,
    ),
)
RECORD_STATUS = (
    RecordStatus.ACTIVE,
    RecordStatus.UNDER_OBJECTION,
    RecordStatus.CORRECTED,
    RecordStatus.REVOKED,
    RecordStatus.REPAIRED,
    RecordStatus.EXPIRED,
)
S_ACTIVE, S_OBJECTION, S_CORRECTED, S_REVOKED, S_REPAIRED, S_EXPIRED = range(6)
KIND_ORDER = (
    RecordKind.BLACKLIST,
    RecordKind.JUDGMENT_DEBTOR,
    RecordKind.ADMIN_PENALTY,
    RecordKind.ADMIN_LICENCE,
    RecordKind.ABNORMAL_OPERATION,
    RecordKind.TAX_CREDIT,
    RecordKind.PROCUREMENT_BAD_CONDUCT,
    RecordKind.RED_LIST,
)
NEGATIVE = {
    RecordKind.BLACKLIST: 0.12,  # kind -> share repaired among records still in force
    RecordKind.JUDGMENT_DEBTOR: 0.25,
    RecordKind.ADMIN_PENALTY: 0.10,
    RecordKind.ABNORMAL_OPERATION: 0.45,
    RecordKind.PROCUREMENT_BAD_CONDUCT: 0.05,
}
