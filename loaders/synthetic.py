"""Synthetic CSV bundles shaped like one prefecture-level city's credit register.

`generate(scale, out_dir)` writes the eight files of `docs/data-format.md` (English codes,
UTF-8, dates `YYYY-MM-DD`) for a main city, 佳木斯 (230800) and its districts and counties,
with a minority of subjects registered in the other seed regions (洛阳 410300, 德州 371400,
本溪 210500, 武汉汉阳区 420105, 新县 411523). The same seed and scale give byte-identical
files: every random draw comes from one `numpy.random.Generator` in a fixed order.

What the bundle contains, beyond plain rows, so that the analyses have something to find:

- enterprise groups up to 8 levels deep, state holders (the city's 国资委 is a hub), cross
  holdings (A holds B, B holds A), ownership cycles of length 3-4, stakes that change over time
  (100% -> 40% -> 30% -> 20%), holdings given as a percentage (`33.03%`) or only as
  subscribed capital (ratio derived by the loader), and a handful of targets (at most 0.01%
  of the held enterprises, at least one) whose holdings add up to more than 100% on some date,
  as real registry exports do;
- legal representatives that change over time, professional nominees who represent hundreds
  of companies, addresses and phones shared by thousands (an incubator, agencies);
- credit records of every kind, with consistent dates and lifecycle statuses judged against
  the export date `EXPORT_DATE`, responsible persons named on blacklist and penalty records;
- projects with bidders and winners, guarantee chains and guarantee circles.

The default output loads cleanly (apart from the over-100% targets above, which the loader
reports but loads). `dirty_rows=True` appends the bad rows listed in `DIRTY_ROWS` to the end
of each file, for the loader's tests.

The files are written with pyarrow's CSV writer and an unquoted header: byte for byte what
`pandas.DataFrame.to_csv(index=False)` writes for the same string columns (the tests check
this), at a fraction of the time; no value needs quoting, and the writer refuses any that does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from graph_credit.identifiers import USCC_ALPHABET
from graph_credit.model import EnterpriseStatus, OrgType, ProjectKind, RecordKind, RecordStatus, Role

__all__ = [
    "DIRTY_ROWS",
    "EXPORT_DATE",
    "FILES",
    "SCALES",
    "Scale",
    "generate",
    "resident_id_array",
    "uscc_array",
]


@dataclass(frozen=True)
class Scale:
    enterprises: int
    persons_per_enterprise: float = 1.1


SCALES: dict[str, Scale] = {
    "tiny": Scale(300),  # for tests: seconds
    "demo": Scale(20_000),
    "city": Scale(1_000_000),
}

FILES = (
    "enterprises.csv",
    "persons.csv",
    "holdings.csv",
    "roles.csv",
    "records.csv",
    "projects.csv",
    "participations.csv",
    "guarantees.csv",
)

# The day the register was exported: record statuses and validity are judged against it.
EXPORT_DATE = dt.date(2026, 11, 1)
_EPOCH = dt.date(1970, 1, 1)


def _day(iso: str) -> int:
    return (dt.date.fromisoformat(iso) - _EPOCH).days


_TODAY = _day(EXPORT_DATE.isoformat())
_YEAR = 365

# The bad rows `dirty_rows=True` appends, per file, in order: what each one breaks.
DIRTY_ROWS: dict[str, tuple[str, ...]] = {
    "enterprises.csv": (
        "uscc with a wrong check character",
        "established 2023-02-30 (a date that does not exist)",
        "uscc repeated from an earlier row (duplicate key)",
    ),
    "persons.csv": (
        "id_number with a wrong check digit",
        "ref repeated from an earlier row (duplicate key)",
        "ref that is a valid USCC",
    ),
    "holdings.csv": (
        "holder is an unknown person ref",
        "ratio 1.5",
        "until before since",
        "since 2023-02-30",
        "target uscc with a wrong check character",
        "bare ratio 33.03 (ambiguous: not a fraction, no % sign)",
        "target is the enterprise rejected for its 2023-02-30 date (refers to a rejected row)",
    ),
    "roles.csv": (
        "person is an unknown ref",
        "until before since",
        "role is not a known code",
        "since 2023-02-30",
    ),
    "records.csv": (
        "subject is an unknown person ref",
        "decision_date 2023-02-30",
        "valid_until before decision_date",
        "tax_credit without a level",
        "subject uscc with a wrong check character",
    ),
    "projects.csv": (
        "ended before started",
        "started 2023-02-30",
    ),
    "participations.csv": (
        "unknown project code",
        "enterprise uscc with a wrong check character",
    ),
    "guarantees.csv": (
        "until before since",
        "guarantor is an unknown person ref",
        "debtor uscc with a wrong check character",
    ),
}

# ------------------------------------------------------------------------------------------
# Vectorised identifiers (the same arithmetic as graph_credit.identifiers.make_uscc and
# make_resident_id, which cost ~10 us a call: 20 s at city scale; the tests prove equality).

_USCC_W = np.array((1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28), np.int64)
_ORG_W = np.array((3, 7, 9, 10, 5, 8, 4, 2), np.int64)  # GB 11714
_ID_W = np.array((7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2), np.int64)
_ID_CHECK = np.frombuffer(b"10X98765432", np.uint8)
_ALPHA = np.frombuffer(USCC_ALPHABET.encode("ascii"), np.uint8)
_USCC_VAL = np.full(256, -1, np.int64)
_USCC_VAL[_ALPHA] = np.arange(len(_ALPHA))
_B36_VAL = np.full(256, -1, np.int64)
_B36_VAL[np.arange(48, 58)] = np.arange(10)
_B36_VAL[np.arange(65, 91)] = np.arange(10, 36)


def _digits(values: np.ndarray, width: int) -> np.ndarray:
    """(n, width) ASCII digit matrix of non-negative integers, zero-padded."""
    powers = 10 ** np.arange(width - 1, -1, -1, dtype=np.int64)
    return ((np.asarray(values, np.int64)[:, None] // powers) % 10 + 48).astype(np.uint8)


def uscc_array(head: np.ndarray, region: np.ndarray, body: np.ndarray) -> np.ndarray:
    """USCCs for many subjects at once, as an `S18` array.

    head: (n, 2) ASCII of registration authority and kind (b"91"); region: n 6-digit division
    codes as integers; body: (n, 8) ASCII of the organisation code body. Both check characters
    are computed as `graph_credit.identifiers.make_uscc` does.
    """
    n = len(region)
    m = np.empty((n, 18), np.uint8)
    m[:, 0:2] = head
    m[:, 2:8] = _digits(region, 6)
    m[:, 8:16] = body
    total = _B36_VAL[body] @ _ORG_W
    check = 11 - total % 11
    m[:, 16] = np.where(check == 10, ord("X"), np.where(check == 11, ord("0"), 48 + check))
    total = _USCC_VAL[m[:, :17]] @ _USCC_W
    m[:, 17] = _ALPHA[(31 - total % 31) % 31]
    return m.view("S18").ravel()


def resident_id_array(region: np.ndarray, birth_days: np.ndarray, sequence: np.ndarray) -> np.ndarray:
    """Resident IDs (GB 11643) as an `S18` array, as `make_resident_id` composes them.

    region: 6-digit codes as integers; birth_days: days since 1970-01-01; sequence: 0-999.
    """
    d = np.asarray(birth_days, np.int64).astype("datetime64[D]")
    year = d.astype("datetime64[Y]").astype(np.int64) + 1970
    month_start = d.astype("datetime64[M]")
    month = month_start.astype(np.int64) % 12 + 1
    day = (d - month_start.astype("datetime64[D]")).astype(np.int64) + 1
    body = np.asarray(region, np.int64) * 10**11 + (year * 10000 + month * 100 + day) * 1000 + sequence % 1000
    m = np.empty((len(d), 18), np.uint8)
    m[:, :17] = _digits(body, 17)
    m[:, 17] = _ID_CHECK[((m[:, :17].astype(np.int64) - 48) @ _ID_W) % 11]
    return m.view("S18").ravel()


# ------------------------------------------------------------------------------------------
# Geography. code, admin name, city, name prefix (企业名称的行政区划), short, province, phone
# area code, weight of registrations, court code (案号).

_REGIONS = (
    ("230800", "佳木斯市", "佳木斯市", "佳木斯", "佳木斯", "黑龙江省", "0454", 22.0, "黑08"),
    ("230803", "佳木斯市向阳区", "佳木斯市", "佳木斯", "向阳", "黑龙江省", "0454", 14.0, "黑0803"),
    ("230804", "佳木斯市前进区", "佳木斯市", "佳木斯", "前进", "黑龙江省", "0454", 14.0, "黑0804"),
    ("230805", "佳木斯市东风区", "佳木斯市", "佳木斯", "东风", "黑龙江省", "0454", 9.0, "黑0805"),
    ("230811", "佳木斯市郊区", "佳木斯市", "佳木斯", "郊区", "黑龙江省", "0454", 9.0, "黑0811"),
    ("230822", "桦南县", "佳木斯市", "桦南县", "桦南", "黑龙江省", "0454", 5.0, "黑0822"),
    ("230826", "桦川县", "佳木斯市", "桦川县", "桦川", "黑龙江省", "0454", 3.0, "黑0826"),
    ("230828", "汤原县", "佳木斯市", "汤原县", "汤原", "黑龙江省", "0454", 3.0, "黑0828"),
    ("230881", "同江市", "佳木斯市", "同江市", "同江", "黑龙江省", "0454", 3.0, "黑0881"),
    ("230882", "富锦市", "佳木斯市", "富锦市", "富锦", "黑龙江省", "0454", 5.0, "黑0882"),
    ("230883", "抚远市", "佳木斯市", "抚远市", "抚远", "黑龙江省", "0454", 2.0, "黑0883"),
    ("410300", "洛阳市", "洛阳市", "洛阳", "洛阳", "河南省", "0379", 2.0, "豫03"),
    ("410305", "洛阳市涧西区", "洛阳市", "洛阳", "涧西", "河南省", "0379", 1.5, "豫0305"),
    ("410311", "洛阳市洛龙区", "洛阳市", "洛阳", "洛龙", "河南省", "0379", 1.5, "豫0311"),
    ("371400", "德州市", "德州市", "德州", "德州", "山东省", "0534", 1.5, "鲁14"),
    ("371402", "德州市德城区", "德州市", "德州", "德城", "山东省", "0534", 1.0, "鲁1402"),
    ("210500", "本溪市", "本溪市", "本溪", "本溪", "辽宁省", "024", 1.0, "辽05"),
    ("210502", "本溪市平山区", "本溪市", "本溪", "平山", "辽宁省", "024", 0.8, "辽0502"),
    ("420105", "武汉市汉阳区", "武汉市", "武汉", "汉阳", "湖北省", "027", 1.5, "鄂0105"),
    ("411523", "新县", "信阳市", "新县", "新县", "河南省", "0376", 0.7, "豫1523"),
)
_R_CODE = np.array([int(r[0]) for r in _REGIONS], np.int64)
_R_CODE_STR = [r[0] for r in _REGIONS]
_R_ADMIN = [r[1] for r in _REGIONS]
_R_CITY = [r[2] for r in _REGIONS]
_R_PREFIX = [r[3] for r in _REGIONS]
_R_SHORT = [r[4] for r in _REGIONS]
_R_PROVINCE = [r[5] for r in _REGIONS]
_R_AREA = [r[6] for r in _REGIONS]
_R_WEIGHT = np.array([r[7] for r in _REGIONS])
_R_P = _R_WEIGHT / _R_WEIGHT.sum()
_R_COURT = [r[8] for r in _REGIONS]
_R_COURT_CITY = [r[8][:3] for r in _REGIONS]  # 黑0804 -> 黑08
_R_CITY_LEVEL = np.array([r[0].endswith("00") for r in _REGIONS])
_R_ADDRESS = [
    prov + ("" if admin.startswith(city) else city) + admin
    for prov, admin, city in zip(_R_PROVINCE, _R_ADMIN, _R_CITY, strict=True)
]
_MAIN = np.array([c.startswith("2308") for c in _R_CODE_STR])
_MAIN_IDX = np.flatnonzero(_MAIN)
_MAIN_P = _R_WEIGHT[_MAIN] / _R_WEIGHT[_MAIN].sum()
_CITY_CORE = np.array([c in ("230800", "230803", "230804", "230805", "230811") for c in _R_CODE_STR])

# Government bodies always present (机关, USCC 11...): state holders and record authorities.
_ANCHORS = (
    ("佳木斯市人民政府国有资产监督管理委员会", "230800", "2005-06-28"),
    ("佳木斯市财政局", "230800", "1990-03-01"),
    ("佳木斯市市场监督管理局", "230800", "2019-01-25"),
    ("佳木斯市生态环境局", "230800", "2019-01-25"),
    ("佳木斯市人力资源和社会保障局", "230800", "2010-03-15"),
    ("佳木斯市住房和城乡建设局", "230800", "2010-03-15"),
    ("佳木斯市应急管理局", "230800", "2019-01-25"),
    ("佳木斯市发展和改革委员会", "230800", "2004-08-10"),
    ("佳木斯市交通运输局", "230800", "2010-03-15"),
    ("佳木斯市卫生健康委员会", "230800", "2019-01-25"),
    ("佳木斯市医疗保障局", "230800", "2019-01-25"),
    ("桦南县财政局", "230822", "1991-05-06"),
    ("桦川县财政局", "230826", "1991-05-06"),
    ("汤原县财政局", "230828", "1991-05-06"),
    ("同江市财政局", "230881", "1993-02-10"),
    ("富锦市财政局", "230882", "1993-02-10"),
    ("抚远市财政局", "230883", "2016-03-01"),
    ("洛阳市人民政府国有资产监督管理委员会", "410300", "2005-01-20"),
    ("德州市人民政府国有资产监督管理委员会", "371400", "2005-04-12"),
    ("本溪市人民政府国有资产监督管理委员会", "210500", "2004-11-30"),
    ("武汉市汉阳区财政局", "420105", "1992-07-01"),
    ("新县财政局", "411523", "1990-06-01"),
)
_A_SASAC, _A_FINANCE = 0, 1


def _state_owner_by_region() -> np.ndarray:
    """The anchor that holds the state enterprises registered in each region."""
    owner = np.zeros(len(_REGIONS), np.int64)
    by_code = {code: i for i, (_, code, _) in enumerate(_ANCHORS)}
    for r, code in enumerate(_R_CODE_STR):
        if _CITY_CORE[r]:
            owner[r] = _A_SASAC
        elif code in by_code:
            owner[r] = by_code[code]
        else:  # a district of another city: that city's holder
            owner[r] = by_code[code[:4] + "00"]
    return owner


_STATE_OWNER = _state_owner_by_region()

# ------------------------------------------------------------------------------------------
# Vocabulary for names.

_SYLLABLES = tuple(
    "恒泰鑫华盛宏达兴隆昌盈丰源通瑞祥福顺安康泽润天宇金鼎新嘉博远志诚信德和美佳亿众汇聚成创联科智云海龙凤鹏"
    "程锦绣乐尚品优宝益弘裕广晟昊晨旭阳光明辉耀星月江山川林森松柏青蓝雅逸轩豪骏驰航帆浩瀚峰岳仁义中正东方北"
    "辰永昇合利荣鸿运發富贵腾飞万佰千禾田野沃农牧春夏秋冬宁静远航骐骥鼎立天成玉龙金桥银河星火红旗长城黑土"
    "三江松花雪原冰城北大荒"
)
_SYLLABLES = tuple(dict.fromkeys(_SYLLABLES))  # unique, in order

_INDUSTRY_LETTERS = tuple("ABCDEFGHIJKLMNOPQRST")
_INDUSTRY_WORDS = {
    "A": ("农业发展", "种植", "养殖", "农业科技", "生态农业", "林业"),
    "B": ("矿业", "石材"),
    "C": ("机械制造", "食品", "木业", "化工", "新型建材", "制药", "服装", "粮油加工", "米业", "电气设备"),
    "D": ("热电", "供热", "燃气", "新能源", "水务"),
    "E": ("建筑工程", "建设工程", "建筑安装工程", "市政工程", "装饰工程", "路桥工程"),
    "F": ("商贸", "贸易", "经贸", "农资", "医药", "汽车销售", "建材", "粮油贸易", "五金机电"),
    "G": ("物流", "运输", "仓储", "货运代理", "客运"),
    "H": ("餐饮管理", "酒店管理", "宾馆", "餐饮服务"),
    "I": ("网络科技", "信息技术", "软件开发", "电子商务", "数据科技"),
    "J": ("投资", "融资担保", "小额贷款", "资产管理", "典当"),
    "K": ("房地产开发", "置业", "物业管理", "房地产经纪"),
    "L": ("商务咨询", "企业管理咨询", "人力资源", "广告传媒", "设备租赁", "劳务派遣", "财务咨询"),
    "M": ("技术服务", "工程设计", "检测", "环境科技", "工程咨询"),
    "N": ("环保工程", "园林绿化", "环境卫生", "水利工程"),
    "O": ("家政服务", "汽车维修", "保洁服务", "美容美发"),
    "P": ("教育科技", "职业技能培训", "教育咨询"),
    "Q": ("医疗器械", "健康管理", "医院管理", "养老服务"),
    "R": ("文化传媒", "体育发展", "影视", "文化旅游"),
    "S": ("社会服务",),
    "T": ("国际交流",),
}
_SHOP_WORDS = {
    "A": ("家庭农场", "养殖场", "种植园"),
    "C": ("豆制品加工坊", "面食加工坊", "木器加工部"),
    "F": (
        "便利店",
        "超市",
        "五金商店",
        "服装店",
        "烟酒商店",
        "水果店",
        "粮油商店",
        "建材商店",
        "手机店",
        "农资经销处",
    ),
    "G": ("货运部", "运输服务部"),
    "H": ("小吃部", "饭店", "快餐店", "烧烤店", "面馆"),
    "O": ("理发店", "汽车修理部", "干洗店", "家电维修部", "美容美发店"),
    "Q": ("药店", "眼镜店"),
    "R": ("棋牌室", "摄影部"),
}
_COMPANY_IND_P = dict(
    A=5, B=1, C=10, D=1.5, E=9, F=30, G=5, H=4, I=6, J=1.5, K=4, L=9, M=5, N=2, O=3, P=1.5, Q=1.5, R=2.5
)
_INDIVIDUAL_IND_P = dict(A=5, C=2, F=50, G=5, H=18, O=15, Q=2, R=3)
_PUBLIC_IND_P = dict(M=5, P=40, Q=25, R=5, S=25)
_SOCIAL_IND_P = dict(P=15, Q=5, R=10, S=69.9, T=0.1)
_STATE_WORDS = (
    "城市建设投资", "国有资产经营", "交通投资", "水务", "供热", "公共交通", "农业投资", "产业投资",
    "文化旅游投资", "粮食储备", "融资担保", "建设开发", "保障性住房建设", "市政设施管理", "供水",
    "热电", "林业发展", "物资储备", "城市燃气", "广播电视网络",
)  # fmt: skip
_GROUP_ROOT_WORDS = ("投资集团", "控股集团", "实业集团", "集团", "投资控股")
_COOP_WORDS = ("种植", "养殖", "农机", "果蔬", "食用菌", "水稻种植", "大豆种植", "畜牧")
_GOV_WORDS = ("镇人民政府", "乡人民政府", "街道办事处", "镇财政所", "镇农业综合服务中心")
_PUBLIC_WORDS = {
    "M": ("镇农业技术推广站", "镇林业站"),
    "P": ("镇中心小学", "镇中心幼儿园", "镇中学"),
    "Q": ("镇卫生院", "街道社区卫生服务中心"),
    "R": ("镇综合文化站", "街道文化活动中心"),
    "S": ("镇便民服务中心", "街道社会保障服务中心"),
}
_SOCIAL_WORDS = {
    "51": ("志愿者协会", "老年人协会", "文体协会", "种植业协会", "商会", "书画协会", "个体劳动者协会"),
    "52": ("幼儿园", "职业培训学校", "养老院", "社会工作服务中心", "艺术培训学校", "康复中心"),
    "53": ("慈善基金会", "教育基金会"),
}
_ROADS = tuple(
    [
        "长安路",
        "中山路",
        "光复路",
        "友谊路",
        "杏林路",
        "胜利路",
        "解放路",
        "保卫路",
        "西林路",
        "站前路",
        "安庆路",
        "长青路",
        "德祥街",
        "红旗路",
        "建设街",
        "和平路",
        "人民路",
        "文化路",
        "新华路",
        "民主路",
        "永安街",
        "中华路",
        "顺和街",
        "西环路",
        "东环路",
        "沿江路",
        "滨江路",
        "通江路",
        "富强街",
        "光明路",
        "华夏路",
        "湘江路",
        "松花江路",
        "黑龙江路",
        "百合路",
        "星光路",
        "前进路",
        "向阳路",
        "东风路",
        "南岗路",
        "北苑路",
        "育才路",
        "学府路",
        "工业路",
        "开发路",
        "经纬路",
        "兴业街",
        "振兴路",
        "繁荣路",
        "团结路",
        "幸福街",
        "健康路",
        "春晖路",
        "丰收路",
        "五四路",
        "八一路",
        "红星路",
        "锦绣路",
    ]
)
_SURNAMES = tuple(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
)
_SURNAMES_2 = tuple(
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴孔"
)
_GIVEN = tuple(
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英霞平刚桂兰华玉萍红梅鹏飞辉建国志宏海波宇浩然欣怡子涵雪婷晶晶"
    "东升文博俊峰佳琪凤林春生淑珍立新建华秀兰玉兰凯旭鑫宏伟丹阳德福振江永胜长青翠花金凤彩霞学军"
)
_GIVEN = tuple(dict.fromkeys(_GIVEN))

_HUB_ADDRESSES = (
    ("黑龙江省佳木斯市前进区长安东路1188号大学生创业孵化基地", "230804", 0.004),
    ("黑龙江省佳木斯市向阳区光复路356号财富大厦1206室", "230803", 0.002),
    ("黑龙江省佳木斯市东风区建国路88号商务中心502室", "230805", 0.0012),
    ("黑龙江省佳木斯市前进区中山街215号2楼", "230804", 0.0008),
    ("黑龙江省佳木斯市郊区长青路60号众创空间", "230811", 0.0005),
)
_HUB_PHONES = (
    ("0454-8226688", 0.0025),
    ("13904548866", 0.0015),
    ("0454-8351234", 0.001),
    ("18845400012", 0.0005),
)

_CN_DIGITS = "零一二三四五六七八九"


def _cn_number(k: int) -> str:
    """1..99 in Chinese numerals (一, 十二, 三十五)."""
    tens, ones = divmod(k, 10)
    if tens == 0:
        return _CN_DIGITS[ones]
    return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + ("" if ones == 0 else _CN_DIGITS[ones])


# Organisation kinds (internal) -> USCC head and org_type.
K_COMPANY, K_COOP, K_INDIVIDUAL, K_PUBLIC, K_SOCIAL, K_GOV = range(6)
_KIND_P = np.array([0.645, 0.025, 0.30, 0.015, 0.012, 0.003])
_KIND_P = _KIND_P / _KIND_P.sum()
_ORG_TYPE = (
    OrgType.ENTERPRISE,
    OrgType.ENTERPRISE,
    OrgType.INDIVIDUAL_BUSINESS,
    OrgType.PUBLIC_INSTITUTION,
    OrgType.SOCIAL_ORGANISATION,
    OrgType.GOVERNMENT,
)

# Company roles in the ownership structure.
C_NONE, C_PLAIN, C_BRANCH, C_STATE, C_MIXED, C_GROUP, C_NOMINEE, C_CROSS, C_CYCLE, C_OVER, C_DILUTION = range(
    11
)

# ------------------------------------------------------------------------------------------
# Record vocabularies. Authority = prefix by level and region + department.
L_CITY, L_LOCAL, L_TAX_CITY, L_TAX_LOCAL, L_COURT_CITY, L_COURT_LOCAL, L_PROVINCE = range(7)


def _authority_prefixes() -> list[str]:
    out: list[str] = []
    for level in range(7):
        for r in range(len(_REGIONS)):
            city, admin = _R_CITY[r], _R_ADMIN[r]
            out.append(
                {
                    L_CITY: city,
                    L_LOCAL: admin,
                    L_TAX_CITY: "国家税务总局" + city,
                    L_TAX_LOCAL: "国家税务总局" + admin,
                    L_COURT_CITY: city,
                    L_COURT_LOCAL: admin,
                    L_PROVINCE: _R_PROVINCE[r],
                }[level]
            )
    return out


_AUTH_PREFIX = _authority_prefixes()

# category, department, level, basis, repairable, weight, summary
_BLACKLIST = (
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
_PENALTY = (
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
_PENALTY_BY_IND = {
    "C": (1, 4, 5, 0, 6),
    "E": (12, 5, 9, 6),
    "F": (0, 1, 2, 3, 6, 7),
    "G": (8, 5, 6),
    "H": (0, 11, 7, 10),
    "O": (11, 10, 2),
    "": (6, 3, 2, 9, 7, 10),  # any other industry
}
# category, department, level, basis, years valid (0: no set end)
_LICENCE = (
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
_LICENCE_BY_IND = dict(
    A=(2, 15), B=(10, 2, 5), C=(1, 2, 15), D=(2, 15), E=(4, 5, 14), F=(0, 9, 10, 7), G=(3, 15),
    H=(0, 6), I=(16,), J=(15,), K=(11, 14), L=(17,), M=(2, 15), N=(2,), O=(6,), P=(12,),
    Q=(8, 7), R=(13,), S=(15,), T=(15,),
)  # fmt: skip
_JUDGMENT_ITEMS = (
    ("第一项", "有履行能力而拒不履行生效法律文书确定义务"),
    ("第二项", "以伪造证据、暴力、威胁等方法妨碍、抗拒执行"),
    ("第三项", "以虚假诉讼、虚假仲裁或者以隐匿、转移财产等方法规避执行"),
    ("第四项", "违反财产报告制度"),
    ("第五项", "违反限制消费令"),
    ("第六项", "无正当理由拒不履行执行和解协议"),
)
_ABNORMAL = (
    ("未按期公示年度报告", "《企业信息公示暂行条例》第八条", "未依照规定期限公示年度报告"),
    ("住所无法联系", "《市场主体登记管理条例》第二十九条", "通过登记的住所或者经营场所无法联系"),
    ("公示信息隐瞒真实情况", "《企业信息公示暂行条例》第十条", "公示企业信息隐瞒真实情况、弄虚作假"),
)
_PROCUREMENT = (
    ("《中华人民共和国政府采购法》第七十七条", "提供虚假材料谋取中标、成交"),
    ("《中华人民共和国政府采购法》第七十七条", "与采购人、其他供应商或者采购代理机构恶意串通"),
    ("《中华人民共和国政府采购法实施条例》第七十二条", "中标、成交后无正当理由拒不与采购人签订政府采购合同"),
    ("《中华人民共和国政府采购法实施条例》第七十三条", "捏造事实、提供虚假材料进行投诉"),
)
# category, department, level, basis, years valid
_RED = (
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
_RECORD_STATUS = (
    RecordStatus.ACTIVE,
    RecordStatus.UNDER_OBJECTION,
    RecordStatus.CORRECTED,
    RecordStatus.REVOKED,
    RecordStatus.REPAIRED,
    RecordStatus.EXPIRED,
)
S_ACTIVE, S_OBJECTION, S_CORRECTED, S_REVOKED, S_REPAIRED, S_EXPIRED = range(6)
_KIND_ORDER = (
    RecordKind.BLACKLIST,
    RecordKind.JUDGMENT_DEBTOR,
    RecordKind.ADMIN_PENALTY,
    RecordKind.ADMIN_LICENCE,
    RecordKind.ABNORMAL_OPERATION,
    RecordKind.TAX_CREDIT,
    RecordKind.PROCUREMENT_BAD_CONDUCT,
    RecordKind.RED_LIST,
)
_NEGATIVE = {
    RecordKind.BLACKLIST: 0.12,  # kind -> share repaired among records still in force
    RecordKind.JUDGMENT_DEBTOR: 0.25,
    RecordKind.ADMIN_PENALTY: 0.10,
    RecordKind.ABNORMAL_OPERATION: 0.45,
    RecordKind.PROCUREMENT_BAD_CONDUCT: 0.05,
}

_PROJECT_KINDS = (
    ProjectKind.BIDDING,
    ProjectKind.PROCUREMENT,
    ProjectKind.CONSTRUCTION,
    ProjectKind.INVESTMENT,
)
_PROJECT_PREFIX = ("ZB", "CG", "JS", "ZS")
_WORKS = (
    "道路改造工程",
    "老旧小区改造工程",
    "供热管网改造工程",
    "排水管网工程",
    "教学楼建设工程",
    "河道治理工程",
    "公园绿化工程",
    "农田水利工程",
)
_WORK_PHASE = ("施工", "监理", "勘察设计")
_BUYERS = (
    "第一人民医院",
    "中心医院",
    "第一中学",
    "实验小学",
    "公安局",
    "教育局",
    "城市管理综合执法局",
    "人民政府办公室",
    "疾病预防控制中心",
    "图书馆",
)
_GOODS = (
    "医疗设备",
    "教学设备",
    "办公设备",
    "物业管理服务",
    "信息化系统建设",
    "公务用车",
    "食堂食材配送服务",
    "保安服务",
    "印刷服务",
    "空调设备",
)
_BUILDS = ("产业园", "商贸城", "物流园", "住宅小区", "污水处理厂", "农贸市场", "冷链仓储中心")
_INVESTS = ("新材料", "农产品精深加工", "绿色食品", "生物质能源", "现代物流", "数字经济", "文旅康养", "寒地黑土大米加工")  # fmt: skip
_PROJECT_STATUS = ("planned", "running", "completed", "terminated")
_ROLE_CODES = (
    Role.LEGAL_REP,
    Role.PRINCIPAL,
    Role.CHAIR,
    Role.DIRECTOR,
    Role.SUPERVISOR,
    Role.MANAGER,
    Role.FINANCE_HEAD,
)
RO_LEGAL, RO_PRINCIPAL, RO_CHAIR, RO_DIRECTOR, RO_SUPERVISOR, RO_MANAGER, RO_FINANCE = range(7)

# ------------------------------------------------------------------------------------------
# Arrow helpers: columns are built as Arrow string arrays, nulls written as empty fields.

_STR = pa.string()


def _lookup(table: list[str] | tuple[str, ...], idx: np.ndarray) -> pa.Array:
    """table[idx] as a string array; negative indices give nulls."""
    idx = np.asarray(idx, np.int64)
    neg = idx < 0
    return pa.array(list(table), _STR).take(pa.array(idx, mask=neg if neg.any() else None))


def _join(*parts) -> pa.Array:
    return pc.binary_join_element_wise(*parts, "")


def _num(values: np.ndarray, mask: np.ndarray | None = None) -> pa.Array:
    return pc.cast(pa.array(values, mask=mask), _STR)


def _zpad(values: np.ndarray, width: int) -> pa.Array:
    return pc.utf8_lpad(_num(values), width, "0")


def _date(days: np.ndarray, mask: np.ndarray | None = None) -> pa.Array:
    """Days since 1970-01-01 as `YYYY-MM-DD`; where mask is true, an empty field."""
    return pc.cast(pa.array(np.asarray(days, np.int32), pa.date32(), mask=mask), _STR)


def _wan(yuan: np.ndarray, mask: np.ndarray | None = None) -> pa.Array:
    """Integer yuan as 万元, shortest decimal form (12345678 -> 1234.5678)."""
    return pc.cast(pa.array(np.asarray(yuan, np.int64) / 10000.0, mask=mask), _STR)


def _codes(values: np.ndarray) -> pa.Array:
    """An `S` bytes array (USCCs, IDs) as strings."""
    return pa.array(values).cast(_STR)


def _concat(parts: list[pa.Array]) -> pa.Array:
    return pa.concat_arrays([p.cast(_STR) if p.type != _STR else p for p in parts])


def _by_case(case: np.ndarray, *builders: Callable[[np.ndarray], pa.Array]) -> pa.Array:
    """Row i from builders[case[i]]; each builder is called once, with its rows' positions."""
    parts: list[tuple[np.ndarray, pa.Array]] = []
    for j, build in enumerate(builders):
        rows = np.flatnonzero(case == j)
        if len(rows):
            parts.append((rows, build(rows)))
    order = np.concatenate([rows for rows, _ in parts])
    inverse = np.empty(len(order), np.int64)
    inverse[order] = np.arange(len(order))
    return _concat([a for _, a in parts]).take(pa.array(inverse))


def _write(path: Path, columns: dict[str, pa.Array], extra: list[dict[str, str]] | None = None) -> int:
    """Write one CSV file: an unquoted header, then the rows, then any extra (dirty) rows."""
    if extra:
        columns = {
            name: _concat([col, pa.array([row.get(name, "") for row in extra], _STR)])
            for name, col in columns.items()
        }
    table = pa.table(columns)
    with path.open("wb") as f:
        f.write((",".join(table.column_names) + "\n").encode("utf-8"))
        pacsv.write_csv(
            table, f, write_options=pacsv.WriteOptions(include_header=False, quoting_style="none")
        )
    return table.num_rows


def _after(rng: np.random.Generator, days: np.ndarray, first: np.ndarray) -> np.ndarray:
    """days, except where not after first: then a day drawn between first and the export."""
    late = days <= first
    redraw = first + 1 + (rng.random(len(days)) * (_TODAY - 2 - first)).astype(np.int64)
    return np.where(late, np.minimum(redraw, _TODAY - 1), days)


def _unique_ints(rng: np.random.Generator, low: int, high: int, size: int) -> np.ndarray:
    """`size` distinct integers in [low, high), in draw order."""
    out = np.empty(0, np.int64)
    while len(out) < size:
        draw = rng.integers(low, high, size=int((size - len(out)) * 1.05) + 16)
        cat = np.concatenate([out, draw])
        _, first = np.unique(cat, return_index=True)
        out = cat[np.sort(first)][:size]
    return out


def _weighted(rng: np.random.Generator, weights: dict[str, float], size: int) -> np.ndarray:
    """Draw industry letters (as indices into _INDUSTRY_LETTERS) with the given weights."""
    letters = np.array([_INDUSTRY_LETTERS.index(k) for k in weights])
    p = np.array(list(weights.values()), float)
    return letters[rng.choice(len(p), size=size, p=p / p.sum())]


def _pick_words(rng: np.random.Generator, table: dict[str, tuple], keys: list[str], key_idx: np.ndarray):
    """For each row a value from table[keys[key_idx]]: returns (flat value list, flat indices);
    rows whose key has no values get index 0 (callers only use rows whose key has some)."""
    flat: list = []
    start = np.zeros(len(keys), np.int64)
    count = np.zeros(len(keys), np.int64)
    for i, k in enumerate(keys):
        words = table.get(k, ())
        start[i], count[i] = len(flat), len(words)
        flat.extend(words)
    c = count[key_idx]
    idx = start[key_idx] + (rng.random(len(key_idx)) * c).astype(np.int64)
    return flat, np.where(c > 0, idx, 0)


class _PersonStream:
    """Persons for secondary places (co-holders, directors, ...): first those not used yet, in
    random order, then anyone from the pool."""

    def __init__(self, rng: np.random.Generator, fresh: np.ndarray, pool: np.ndarray):
        self.rng, self.fresh, self.pool, self.pos = rng, fresh, pool, 0

    def take(self, k: int) -> np.ndarray:
        k = int(k)
        out = self.fresh[self.pos : self.pos + k]
        self.pos += len(out)
        if len(out) < k:
            out = np.concatenate([out, self.pool[self.rng.integers(0, len(self.pool), k - len(out))]])
        return out


# ------------------------------------------------------------------------------------------


def generate(scale: str, out_dir: Path, seed: int = 20230811, *, dirty_rows: bool = False) -> dict[str, int]:
    """Write a synthetic bundle of the named scale into out_dir; return the rows per file."""
    if scale not in SCALES:
        raise ValueError(f"unknown scale {scale!r}: one of {', '.join(SCALES)}")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    g = _Generator(SCALES[scale], seed)
    counts: dict[str, int] = {}
    for name, build in (
        ("enterprises.csv", g.enterprises),
        ("persons.csv", g.persons),
        ("holdings.csv", g.holdings),
        ("roles.csv", g.roles),
        ("projects.csv", g.projects),
        ("participations.csv", g.participations),
        ("records.csv", g.records),
        ("guarantees.csv", g.guarantees),
    ):
        columns = build()
        extra = g.dirty(name) if dirty_rows else None
        counts[name] = _write(out_dir / name, columns, extra)
    return {name: counts[name] for name in FILES}


class _Generator:
    def __init__(self, scale: Scale, seed: int):
        self.rng = np.random.default_rng(seed)
        self.n = max(scale.enterprises, len(_ANCHORS) + 50)
        self.n_persons = round(self.n * scale.persons_per_enterprise)
        self.ref_width = max(7, len(str(self.n_persons)))
        self._plan_enterprises()
        self._plan_persons()
        self._plan_people_in_enterprises()

    # --------------------------------------------------------------------------------------
    # Enterprises: kinds, regions, dates and the company roles of the ownership structure.

    def _established(self, kind: np.ndarray) -> np.ndarray:
        rng = self.rng
        years = np.arange(1990, 2027)
        jan1 = np.array([_day(f"{y}-01-01") for y in years] + [_day("2027-01-01")])
        # fast growth until the 2014 registration reform, a jump, then slower growth
        before, after = np.minimum(years, 2014) - 1990, np.maximum(years, 2014) - 2014
        reform = np.where(years >= 2014, 1.6, 1.0)
        partial = np.where(years == 2026, 10 / 12, 1.0)
        weights = {
            K_COMPANY: np.exp(0.10 * before + 0.03 * after) * reform * partial,
            K_COOP: np.where(years >= 2007, 1.0, 0.0) * partial,
            K_INDIVIDUAL: np.exp(0.12 * before + 0.03 * after) * reform * partial,
            K_PUBLIC: np.where(years <= 2020, 1.0, 0.0),
            K_SOCIAL: np.where(years >= 1995, 1.0, 0.0) * partial,
            K_GOV: np.where(years <= 2019, 1.0, 0.0) * np.where(years == 2019, 4.0, 1.0),
        }
        est = np.zeros(len(kind), np.int64)
        for k, w in weights.items():
            rows = np.flatnonzero(kind == k)
            y = rng.choice(len(years), size=len(rows), p=w / w.sum())
            span = np.minimum(jan1[y + 1], _TODAY) - jan1[y]
            est[rows] = jan1[y] + (rng.random(len(rows)) * span).astype(np.int64)
        return np.minimum(est, _TODAY - 1)

    def _plan_enterprises(self) -> None:
        rng, n = self.rng, self.n
        na = len(_ANCHORS)
        kind = np.empty(n, np.int8)
        kind[:na] = K_GOV
        kind[na:] = rng.choice(6, size=n - na, p=_KIND_P)
        region = np.empty(n, np.int64)
        region[:na] = [_R_CODE_STR.index(code) for _, code, _ in _ANCHORS]
        region[na:] = rng.choice(len(_REGIONS), size=n - na, p=_R_P)
        est = self._established(kind)
        est[:na] = [_day(d) for _, _, d in _ANCHORS]
        self.kind, self.region, self.est = kind, region, est

        # Company roles ---------------------------------------------------------------------
        comp = np.flatnonzero(kind == K_COMPANY)
        nc = len(comp)
        perm = rng.permutation(comp)
        crole = np.full(n, C_NONE, np.int8)
        crole[comp] = C_PLAIN
        sizes = {
            C_STATE: max(3, round(0.0035 * nc)),
            C_MIXED: max(2, round(0.001 * nc)),
            C_GROUP: max(24, round(0.07 * nc)),
            C_NOMINEE: max(6, round(0.003 * nc)),
            C_BRANCH: round(0.045 * nc),
            C_CROSS: 2 * max(2, round(0.0002 * nc)),
            C_OVER: max(1, int(0.00009 * nc)),  # at most 0.01% of the held enterprises
        }
        n_cycles = max(2, round(0.00005 * nc))
        cycle_len = np.where(rng.random(n_cycles) < 0.5, 3, 4)
        cycle_len[:2] = (3, 4)
        sizes[C_CYCLE] = int(cycle_len.sum())
        pos = 0
        self.members: dict[int, np.ndarray] = {}
        for role, size in sizes.items():
            chosen = perm[pos : pos + size]
            crole[chosen] = role
            self.members[role] = chosen
            pos += size
        rest = perm[pos:]
        old = rest[est[rest] <= _TODAY - 3 * _YEAR]
        n_dil = round(0.10 * nc)
        dil = old[:n_dil]
        crole[dil] = C_DILUTION
        self.members[C_DILUTION] = dil
        later = old[n_dil:]
        self.transfer = np.sort(later[rng.random(len(later)) < 0.3])
        self.cycles = np.split(self.members[C_CYCLE], np.cumsum(cycle_len)[:-1])
        self.crole = crole

        self._plan_groups()
        self._plan_branches()
        # Nominee shells: recent, small.
        nom = self.members[C_NOMINEE]
        est[nom] = _day("2016-01-01") + (rng.random(len(nom)) * (_TODAY - 30 - _day("2016-01-01"))).astype(
            np.int64
        )
        # State enterprises of the city core are held by the city's 国资委: a hub.
        state = self.members[C_STATE]
        core = rng.random(len(state)) < 0.7
        region[state[core]] = rng.choice(np.flatnonzero(_CITY_CORE), size=int(core.sum()))
        self._plan_status()
        self._plan_industry()
        self._plan_capital()

    def _plan_groups(self) -> None:
        """Enterprise groups: trees of holding companies, a spine of the drawn depth (one group
        of 8 levels always) and the rest attached near the top."""
        rng, est, region = self.rng, self.est, self.region
        members = self.members[C_GROUP]
        n = self.n
        parent = np.full(n, -1, np.int64)
        level = np.full(n, -1, np.int64)
        group = np.full(n, -1, np.int64)
        roots, state_groups, diamonds = [], [], []
        depth_p = np.array([35, 30, 15, 8, 5, 4, 3], float)
        pos, gi = 0, 0
        while pos < len(members):
            left = len(members) - pos
            if gi == 0:
                size, deepest = min(12, left), min(7, left - 1)
            else:
                size = min(left, 200, 2 + int(rng.pareto(1.6) * 2))
                deepest = min(size - 1, 1 + int(rng.choice(7, p=depth_p / depth_p.sum())))
            nodes = members[pos : pos + size]
            lv = np.zeros(size, np.int64)
            par = np.full(size, -1, np.int64)
            u = rng.random(size)
            for i in range(1, size):
                if i <= deepest:
                    p = i - 1
                else:
                    p = int(i * u[i] ** 2)
                    while lv[p] >= deepest:
                        p = par[p]
                par[i], lv[i] = p, lv[p] + 1
            parent[nodes[1:]] = nodes[par[1:]]
            level[nodes] = lv
            group[nodes] = gi
            roots.append(nodes[0])
            if gi % 15 == 1:
                state_groups.append(gi)
            # a second holder inside the group for some subsidiaries (diamonds)
            for i in range(2, size):
                if u[i] < 0.15:
                    cand = np.flatnonzero((lv < lv[i]) & (np.arange(size) != par[i]))
                    if len(cand):
                        diamonds.append((nodes[cand[int(u[i] * 1e6) % len(cand)]], nodes[i]))
            pos += size
            gi += 1
        self.group_parent, self.group_level, self.group_of = parent, level, group
        self.group_roots = np.array(roots, np.int64)
        self.n_groups = gi
        self.state_group = np.zeros(gi, bool)
        self.state_group[state_groups] = True
        self.diamonds = np.array(diamonds, np.int64).reshape(-1, 2)
        # State groups sit in the city core; subsidiaries mostly where their parent is.
        in_state = np.flatnonzero((group >= 0) & self.state_group[np.maximum(group, 0)])
        region[in_state] = rng.choice(np.flatnonzero(_CITY_CORE), size=len(in_state))
        # A subsidiary is founded after its parent.
        for lv in range(1, 8):
            kids = np.flatnonzero(level == lv)
            if len(kids) == 0:
                break
            p = parent[kids]
            est[kids] = _after(rng, est[kids], est[p])
            same = rng.random(len(kids)) < 0.8
            region[kids[same]] = region[p[same]]

    def _plan_branches(self) -> None:
        rng, est = self.rng, self.est
        branches = self.members[C_BRANCH]
        pool = np.flatnonzero(np.isin(self.crole, (C_PLAIN, C_GROUP, C_STATE)))
        parent = pool[rng.integers(0, len(pool), len(branches))]
        self.branch_parent = np.full(self.n, -1, np.int64)
        self.branch_parent[branches] = parent
        est[branches] = _after(rng, est[branches], est[parent])

    def _plan_status(self) -> None:
        rng, kind, est, n = self.rng, self.kind, self.est, self.n
        age = (_TODAY - est) / 365.25
        u = rng.random(n)
        status = np.zeros(n, np.int8)  # 0 active, 1 revoked, 2 deregistered, 3 moved_out
        company = (kind == K_COMPANY) | (kind == K_COOP)
        p_d = np.where(
            company,
            np.clip(0.012 * age, 0, 0.3),
            np.where(kind == K_INDIVIDUAL, np.clip(0.025 * age, 0, 0.45), 0.02),
        )
        p_r = np.where(
            company, np.where(est < _day("2012-01-01"), 0.12, 0.02), np.where(kind == K_INDIVIDUAL, 0.05, 0.0)
        )
        p_m = np.where(company, 0.01, 0.0)
        status[u < p_d] = 2
        status[(u >= p_d) & (u < p_d + p_r)] = 1
        status[(u >= p_d + p_r) & (u < p_d + p_r + p_m)] = 3
        keep = np.concatenate(
            [np.arange(len(_ANCHORS)), self.members[C_STATE], self.group_roots, self.members[C_NOMINEE]]
        )
        status[keep] = 0
        self.status = status

    def _plan_industry(self) -> None:
        rng, kind, n = self.rng, self.kind, self.n
        ind = np.zeros(n, np.int64)
        for k, weights in (
            (K_COMPANY, _COMPANY_IND_P),
            (K_INDIVIDUAL, _INDIVIDUAL_IND_P),
            (K_PUBLIC, _PUBLIC_IND_P),
            (K_SOCIAL, _SOCIAL_IND_P),
        ):
            rows = np.flatnonzero(kind == k)
            ind[rows] = _weighted(rng, weights, len(rows))
        ind[kind == K_COOP] = _INDUSTRY_LETTERS.index("A")
        ind[kind == K_GOV] = _INDUSTRY_LETTERS.index("S")
        roots = self.group_roots
        ind[roots] = _INDUSTRY_LETTERS.index("L")  # holding companies: 商务服务业 (控股公司服务)
        state = self.members[C_STATE]
        ind[state] = _weighted(rng, dict(D=3, E=3, G=2, J=2, K=2, L=3, N=2, A=1), len(state))
        br = self.members[C_BRANCH]
        ind[br] = ind[self.branch_parent[br]]
        self.industry = ind

    def _plan_capital(self) -> None:
        """Registered capital in yuan (0 = not known); mostly round numbers of 万元."""
        rng, kind, n = self.rng, self.kind, self.n
        median = np.select(
            [kind == K_COMPANY, kind == K_COOP, kind == K_INDIVIDUAL, kind == K_PUBLIC, kind == K_SOCIAL],
            [100.0, 100.0, 5.0, 200.0, 10.0],
            1.0,
        )
        sigma = np.select([kind == K_COMPANY, kind == K_INDIVIDUAL], [1.5, 1.0], 0.9)
        big = np.zeros(n, bool)
        big[self.group_roots] = True
        big[self.members[C_STATE]] = True
        median[big] = 5000.0
        sigma[big] = 1.2
        in_group = (self.group_of >= 0) & ~big
        median[in_group] = 1000.0
        median[self.members[C_NOMINEE]] = 30.0
        sigma[self.members[C_NOMINEE]] = 0.6
        wan = np.clip(np.exp(rng.normal(np.log(median), sigma)), 1.0, 1e6)
        mag = 10.0 ** np.floor(np.log10(wan))
        nice = np.maximum(np.round(wan / mag * 2) / 2 * mag, 1.0)
        exact = rng.random(n) < 0.15
        yuan = np.where(exact, np.round(wan * 100) * 100, np.round(nice * 10000)).astype(np.int64)
        unknown = (
            (kind == K_GOV)
            | ((kind == K_INDIVIDUAL) & (rng.random(n) < 0.6))
            | ((kind == K_PUBLIC) & (rng.random(n) < 0.5))
            | ((self.crole == C_PLAIN) & (rng.random(n) < 0.03))
        )
        unknown[self.members[C_BRANCH]] = True
        yuan[unknown] = 0
        self.capital = yuan

    # --------------------------------------------------------------------------------------
    # Persons and who does what.

    def _plan_persons(self) -> None:
        rng, p = self.rng, self.n_persons
        has_id = rng.random(p) >= 0.05
        # People without an ID number: half from the courts' feed (judgment debtors), half
        # registered holders with foreign or HK/Macao/Taiwan documents.
        court = ~has_id & (rng.random(p) < 0.5)
        self.has_id, self.court_feed = has_id, court
        main = rng.random(p) < 0.88
        reg = np.where(
            main, _MAIN_IDX[rng.choice(len(_MAIN_IDX), size=p, p=_MAIN_P)], rng.integers(0, len(_REGIONS), p)
        )
        lo, hi = _day("1950-01-01"), _day("2000-12-31")
        birth = lo + (rng.beta(2.2, 2.0, p) * (hi - lo)).astype(np.int64)
        seq = rng.integers(0, 1000, p)
        rows = np.flatnonzero(has_id)
        # unique ID numbers: redraw the sequence of any repeat
        for _ in range(20):
            key = _R_CODE[reg[rows]] * 10**11 + birth[rows] * 1000 + seq[rows]
            _, first = np.unique(key, return_index=True)
            dup = np.ones(len(rows), bool)
            dup[first] = False
            if not dup.any():
                break
            seq[rows[dup]] = rng.integers(0, 1000, int(dup.sum()))
        self.person_region, self.birth, self.seq = reg, birth, seq

    def _plan_people_in_enterprises(self) -> None:
        """The principal person of each enterprise (its founder / head), the stream of others,
        the nominees and the legal representatives over time."""
        rng, n = self.rng, self.n
        with_id = np.flatnonzero(self.has_id)
        perm = rng.permutation(with_id)
        order = rng.permutation(n)
        u_count = min(int(0.8 * n), len(perm))
        principal = np.empty(n, np.int64)
        principal[order[:u_count]] = perm[:u_count]
        # serial entrepreneurs: a few persons found many enterprises
        principal[order[u_count:]] = perm[(u_count * rng.random(n - u_count) ** 1.5).astype(np.int64)]
        foreign = np.flatnonzero(~self.has_id & ~self.court_feed)
        fresh = np.concatenate([perm[u_count:], foreign])
        fresh = fresh[rng.permutation(len(fresh))]
        self.principal = principal
        self.stream = _PersonStream(rng, fresh, with_id)

        # Professional nominees: legal representatives of hundreds of shells.
        nom = self.members[C_NOMINEE]
        n_nominees = 2 if n < 100_000 else 8
        self.nominees = self.stream.take(n_nominees)
        share = 1.0 / np.arange(1, n_nominees + 1)
        which = rng.choice(n_nominees, size=len(nom), p=share / share.sum())
        which[:n_nominees] = np.arange(n_nominees)

        # Group executives: each group has a pool that fills its subsidiaries' offices.
        gsize = np.bincount(self.group_of[self.group_of >= 0], minlength=self.n_groups)
        pool_size = 2 + gsize // 4
        self.pool_start = np.concatenate([[0], np.cumsum(pool_size)[:-1]])
        self.pool_size = pool_size
        self.pool = self.stream.take(int(pool_size.sum()))

        rep = principal.copy()
        rep[nom] = self.nominees[which]
        sub = np.flatnonzero(self.group_parent >= 0)
        from_pool = sub[rng.random(len(sub)) < 0.7]
        rep[from_pool] = self._pool_person(self.group_of[from_pool])
        self.rep = rep

        # Changes of legal representative: (former, until the change), (earlier, its change).
        est = self.est
        c_last = np.full(n, -(10**9), np.int64)
        c_prev = np.full(n, -(10**9), np.int64)
        f_last = np.full(n, -1, np.int64)
        f_prev = np.full(n, -1, np.int64)
        eligible = (est <= _TODAY - _YEAR) & (np.arange(n) >= len(_ANCHORS))
        # ~20% in all: these, plus equity transfers and nominees installed in shells (below)
        changed = eligible & (rng.random(n) < 0.11)
        changed[self.transfer] = False
        rows = np.flatnonzero(changed)
        span = _TODAY - 30 - (est[rows] + 90)
        c_last[rows] = est[rows] + 90 + (rng.random(len(rows)) * span).astype(np.int64)
        f_last[rows] = self.stream.take(len(rows))
        twice = rows[(rng.random(len(rows)) < 0.15) & (c_last[rows] - est[rows] > 400)]
        c_prev[twice] = (
            est[twice] + 60 + (rng.random(len(twice)) * (c_last[twice] - est[twice] - 120)).astype(np.int64)
        )
        f_prev[twice] = self.stream.take(len(twice))
        # nominees were installed in shells somebody else founded
        shells = nom[(rng.random(len(nom)) < 0.6) & (est[nom] < _TODAY - 120)]
        shells = shells[~changed[shells]]
        c_last[shells] = (
            est[shells] + 30 + (rng.random(len(shells)) * (_TODAY - 60 - est[shells])).astype(np.int64)
        )
        f_last[shells] = principal[shells]
        # equity transfers: the old owner was the legal representative until the transfer
        tr = self.transfer
        self.transfer_date = (
            est[tr] + 180 + (rng.random(len(tr)) * (_TODAY - 30 - est[tr] - 180)).astype(np.int64)
        )
        self.transfer_from = self.stream.take(len(tr))
        c_last[tr] = self.transfer_date
        f_last[tr] = self.transfer_from
        self.c_last, self.c_prev, self.f_last, self.f_prev = c_last, c_prev, f_last, f_prev

    def _pool_person(self, groups: np.ndarray) -> np.ndarray:
        k = (self.rng.random(len(groups)) * self.pool_size[groups]).astype(np.int64)
        return self.pool[self.pool_start[groups] + k]

    def rep_at(self, ent: np.ndarray, day: np.ndarray) -> np.ndarray:
        """The legal representative of each enterprise on each day."""
        out = self.rep[ent].copy()
        earlier = day < self.c_last[ent]
        out[earlier] = self.f_last[ent[earlier]]
        earliest = day < self.c_prev[ent]
        out[earliest] = self.f_prev[ent[earliest]]
        return out

    # --------------------------------------------------------------------------------------
    # enterprises.csv

    def enterprises(self) -> dict[str, pa.Array]:
        rng, n, kind, region = self.rng, self.n, self.kind, self.region
        crole, est = self.crole, self.est

        # Shared addresses and phones: an incubator, agencies (the nominees' shells live there).
        hub_addr = np.full(n, -1, np.int64)
        open_ = np.flatnonzero(((kind == K_COMPANY) | (kind == K_INDIVIDUAL)) & (crole != C_BRANCH))
        nom = self.members[C_NOMINEE]
        nom_hub = nom[rng.random(len(nom)) < 0.7]
        hub_addr[nom_hub] = 1 + (rng.random(len(nom_hub)) * (len(_HUB_ADDRESSES) - 1)).astype(np.int64)
        for h, (_, _, share) in enumerate(_HUB_ADDRESSES):
            k = max(3, round(share * n))
            chosen = open_[rng.integers(0, len(open_), k)]
            hub_addr[chosen] = h
        hubbed = np.flatnonzero(hub_addr >= 0)
        region[hubbed] = [_R_CODE_STR.index(_HUB_ADDRESSES[h][1]) for h in hub_addr[hubbed]]
        self.hub_addr = hub_addr

        # USCC: head by kind, region, body (old organisation code before 2015-10, else MA/MJ).
        social_kind = rng.choice(3, size=n, p=(0.45, 0.5, 0.05))
        head = np.select(
            [kind == K_COMPANY, kind == K_COOP, kind == K_INDIVIDUAL, kind == K_PUBLIC, kind == K_SOCIAL],
            [91, 93, 92, 12, 51 + social_kind],
            11,
        )
        self.social_kind = social_kind
        old = ((est < _day("2015-10-01")) | (kind == K_PUBLIC) | (kind == K_GOV)) & (kind != K_SOCIAL)
        body = np.empty((n, 8), np.uint8)
        rows = np.flatnonzero(old)
        body[rows] = _digits(_unique_ints(rng, 10**6, 10**8, len(rows)), 8)
        rows = np.flatnonzero(~old)
        code = _unique_ints(rng, 0, 31**6, len(rows))
        letters = _ALPHA[(code[:, None] // (31 ** np.arange(5, -1, -1))) % 31]
        body[rows, 0] = ord("M")
        body[rows, 1] = np.where(kind[rows] == K_SOCIAL, ord("J"), ord("A"))
        body[rows, 2:] = letters
        head_ascii = _digits(head, 2)
        self.uscc = uscc_array(head_ascii, _R_CODE[region], body)
        self.uscc_str = _codes(self.uscc)

        names = self._names()
        self.names = names

        # Addresses: region + road + number, then building/unit/room, a floor or nothing;
        # a few shared by thousands; some government bodies without one.
        road = rng.integers(0, len(_ROADS), n)
        number = 1 + (rng.random(n) ** 2 * 900).astype(np.int64)
        case = rng.choice(4, size=n, p=(0.4, 0.3, 0.2, 0.1))
        building, unit, floor_ = rng.integers(1, 30, n), rng.integers(1, 7, n), rng.integers(1, 25, n)
        room = rng.integers(1, 7, n) * 100 + rng.integers(1, 5, n)
        case[(rng.random(n) < np.where(kind == K_GOV, 0.15, 0.0)) & (np.arange(n) >= len(_ANCHORS))] = 4
        case[hub_addr >= 0] = 5
        hubs = [a for a, _, _ in _HUB_ADDRESSES]

        def street(r: np.ndarray) -> pa.Array:
            return _join(_lookup(_R_ADDRESS, region[r]), _lookup(_ROADS, road[r]), _num(number[r]), "号")

        address = _by_case(
            case,
            lambda r: street(r),
            lambda r: _join(street(r), _num(building[r]), "号楼", _num(unit[r]), "单元", _num(room[r]), "室"),
            lambda r: _join(street(r), _num(floor_[r]), "层"),
            lambda r: _join(street(r), _num(room[r]), "室"),
            lambda r: pa.nulls(len(r), _STR),
            lambda r: _lookup(hubs, hub_addr[r]),
        )

        # Phones: mobiles, landlines (offices always), some empty, agency numbers shared by many.
        case = rng.choice(3, size=n, p=(0.6, 0.3, 0.1))
        case[(kind == K_GOV) | (kind == K_PUBLIC)] = 1
        second = np.array([3, 5, 7, 8, 9])[rng.integers(0, 5, n)]
        mobile = (10 + second) * 10**9 + rng.integers(0, 10**9, n)
        local = np.where(
            _R_AREA_LEN[region] == 3, rng.integers(10**7, 10**8, n), 8 * 10**6 + rng.integers(0, 10**6, n)
        )
        hub_phone = np.full(n, -1, np.int64)
        nom_ph = nom[rng.random(len(nom)) < 0.8]
        hub_phone[nom_ph] = (rng.random(len(nom_ph)) * len(_HUB_PHONES)).astype(np.int64)
        for h, (_, share) in enumerate(_HUB_PHONES):
            chosen = open_[rng.integers(0, len(open_), max(3, round(share * n)))]
            hub_phone[chosen] = h
        case[hub_phone >= 0] = 3
        phone = _by_case(
            case,
            lambda r: _num(mobile[r]),
            lambda r: _join(_lookup(_R_AREA, region[r]), "-", _num(local[r])),
            lambda r: pa.nulls(len(r), _STR),
            lambda r: _lookup([p for p, _ in _HUB_PHONES], hub_phone[r]),
        )

        status_names = (
            EnterpriseStatus.ACTIVE,
            EnterpriseStatus.REVOKED,
            EnterpriseStatus.DEREGISTERED,
            EnterpriseStatus.MOVED_OUT,
        )
        parent = self.branch_parent
        return {
            "uscc": self.uscc_str,
            "name": names,
            "org_type": _lookup([t.value for t in _ORG_TYPE], kind),
            "status": _lookup([s.value for s in status_names], self.status),
            "established": _date(est),
            "registered_capital": _wan(self.capital, mask=self.capital == 0),
            "region_code": _lookup(_R_CODE_STR, region),
            "industry": _lookup(_INDUSTRY_LETTERS, self.industry),
            "address": address,
            "phone": phone,
            "parent_uscc": self.uscc_str.take(pa.array(np.maximum(parent, 0), mask=parent < 0)),
        }

    def _names(self) -> pa.Array:
        """Registered names: region + 字号 + industry word + organisational form.

        Each template is built only for its own rows; repeats get a three-syllable 字号
        (twice), except individual businesses, which registers allow to share a name.
        """
        rng, n, kind, region = self.rng, self.n, self.kind, self.region
        syl = len(_SYLLABLES)
        syl_or_empty = (*_SYLLABLES, "")

        # per-row parts, drawn up front
        county = np.array([p[-1] in "县市" for p in _R_PREFIX])[region]
        prefix_idx = region + len(_REGIONS) * ((rng.random(n) < 0.3) & ~county)  # 佳木斯 / 佳木斯市
        prefixes = [*_R_PREFIX, *(p + "市" for p in _R_PREFIX)]
        flat_w, word_idx = _pick_words(rng, _INDUSTRY_WORDS, list(_INDUSTRY_LETTERS), self.industry)
        form = np.where(rng.random(n) < 0.75, 0, 1)
        form[(self.capital >= 5000 * 10000) & (rng.random(n) < 0.3)] = 2
        root_w = rng.integers(0, len(_GROUP_ROOT_WORDS), n)
        state_w = rng.integers(0, len(_STATE_WORDS), n)
        state_form = rng.choice(3, size=n, p=(0.6, 0.3, 0.1))
        coop_w = rng.integers(0, len(_COOP_WORDS), n)
        flat_s, shop_idx = _pick_words(rng, _SHOP_WORDS, list(_INDUSTRY_LETTERS), self.industry)
        flat_p, pub_idx = _pick_words(rng, _PUBLIC_WORDS, list(_INDUSTRY_LETTERS), self.industry)
        ordinal = rng.random(n) < 0.3
        school_no = rng.integers(1, 40, n)
        school = rng.integers(0, 3, n)
        flat_o, soc_idx = _pick_words(rng, _SOCIAL_WORDS, ["51", "52", "53"], self.social_kind)
        gov_w = rng.integers(0, len(_GOV_WORDS), n)
        forms = ("有限公司", "有限责任公司", "股份有限公司")
        cn = [_cn_number(k) for k in range(100)]

        choice = np.select(
            [kind == K_COOP, kind == K_INDIVIDUAL, kind == K_PUBLIC, kind == K_SOCIAL, kind == K_GOV],
            [1, 2, 3, 4, 5],
            0,
        )
        in_group = self.group_of >= 0
        is_root = np.zeros(n, bool)
        is_root[self.group_roots] = True
        state_member = in_group & self.state_group[np.maximum(self.group_of, 0)]
        choice[is_root & ~state_member] = 6
        choice[is_root & state_member] = 8
        choice[self.crole == C_STATE] = 7

        def build(rows: np.ndarray, z: pa.Array, retry: bool) -> pa.Array:
            return _by_case(choice[rows], *(partial(template, j, rows, z, retry) for j in range(9)))

        def template(j: int, rows: np.ndarray, z: pa.Array, retry: bool, sel: np.ndarray) -> pa.Array:
            r, zz = rows[sel], z.take(pa.array(sel))
            pre, admin = _lookup(prefixes, prefix_idx[r]), _lookup(_R_ADMIN, region[r])
            if j == 0:
                out = _join(pre, zz, _lookup(flat_w, word_idx[r]), _lookup(forms, form[r]))
            elif j == 1:
                out = _join(pre, zz, _lookup(_COOP_WORDS, coop_w[r]), "专业合作社")
            elif j == 2:
                out = _join(admin, zz, _lookup(flat_s, shop_idx[r]))
            elif j == 3:
                numbered = _join(
                    admin, "第", _lookup(cn, school_no[r]), _lookup(("中学", "小学", "幼儿园"), school[r])
                )
                named = _join(admin, zz, _lookup(flat_p, pub_idx[r]))
                out = named if retry else pc.if_else(pa.array(ordinal[r]), numbered, named)
            elif j == 4:
                where = pc.if_else(pa.array(self.social_kind[r] == 1), admin, _lookup(_R_CITY, region[r]))
                out = _join(where, zz, _lookup(flat_o, soc_idx[r]))
            elif j == 5:
                out = _join(admin, zz, _lookup(_GOV_WORDS, gov_w[r]))
            elif j == 6:
                out = _join(pre, zz, _lookup(_GROUP_ROOT_WORDS, root_w[r]), "有限公司")
            else:  # 7: state enterprise, 8: root of a state group
                suffix = _lookup(
                    ("有限公司", "有限责任公司", "集团有限公司"), np.where(j == 8, 2, state_form[r])
                )
                out = _join(admin, zz if retry else "", _lookup(_STATE_WORDS, state_w[r]), suffix)
            return out

        # 字号: two syllables, sometimes three; group members share their group's
        s1, s2 = rng.integers(0, syl, n), rng.integers(0, syl, n)
        s3 = np.where(rng.random(n) < 0.08, rng.integers(0, syl, n), syl)
        g1, g2 = rng.integers(0, syl, self.n_groups), rng.integers(0, syl, self.n_groups)
        m = np.flatnonzero(in_group)
        s1[m], s2[m], s3[m] = g1[self.group_of[m]], g2[self.group_of[m]], syl
        z = _join(_lookup(_SYLLABLES, s1), _lookup(_SYLLABLES, s2), _lookup(syl_or_empty, s3))
        names = build(np.arange(n), z, retry=False)
        na = len(_ANCHORS)
        anchors = np.zeros(n, bool)
        anchors[:na] = True
        names = pc.replace_with_mask(names, pa.array(anchors), pa.array([a for a, _, _ in _ANCHORS], _STR))

        for _ in range(2):
            codes = np.asarray(pc.dictionary_encode(names).indices)
            _, first = np.unique(codes, return_index=True)
            dup = np.ones(n, bool)
            dup[first] = False
            dup &= ~anchors & (kind != K_INDIVIDUAL)
            rows = np.flatnonzero(dup)
            if len(rows) == 0:
                break
            k = len(rows)
            z3 = _join(*(_lookup(_SYLLABLES, rng.integers(0, syl, k)) for _ in range(3)))
            names = pc.replace_with_mask(names, pa.array(dup), build(rows, z3, retry=True))

        # Branches: the parent's name + place + 分公司 (第二分公司 ... for repeats).
        br = np.sort(self.members[C_BRANCH])
        if len(br):
            base = _join(names.take(pa.array(self.branch_parent[br])), _lookup(_R_SHORT, region[br]))
            codes = np.asarray(pc.dictionary_encode(base).indices).astype(np.int64)
            order = np.argsort(codes, kind="stable")
            sorted_codes = codes[order]
            group_start = np.r_[0, np.flatnonzero(sorted_codes[1:] != sorted_codes[:-1]) + 1]
            starts = np.repeat(group_start, np.diff(np.r_[group_start, len(codes)]))
            rank = np.empty(len(codes), np.int64)
            rank[order] = np.arange(len(codes)) - starts
            suffixes = ["分公司"] + [f"第{_cn_number(k + 1)}分公司" for k in range(1, 99)]
            mask = np.zeros(n, bool)
            mask[br] = True
            names = pc.replace_with_mask(
                names, pa.array(mask), _join(base, _lookup(suffixes, np.minimum(rank, 98)))
            )
        return names

    # --------------------------------------------------------------------------------------
    # persons.csv

    def persons(self) -> dict[str, pa.Array]:
        rng, p = self.rng, self.n_persons
        s1 = rng.integers(0, len(_SURNAMES), p)
        s2 = rng.integers(0, len(_SURNAMES_2), p)
        surname = pc.if_else(pa.array(rng.random(p) < 0.75), _lookup(_SURNAMES, s1), _lookup(_SURNAMES_2, s2))
        g1 = _lookup(_GIVEN, rng.integers(0, len(_GIVEN), p))
        g2 = _lookup(_GIVEN, rng.integers(0, len(_GIVEN), p))
        name = pc.if_else(pa.array(rng.random(p) < 0.7), _join(surname, g1, g2), _join(surname, g1))
        self.ref_str = _join("P", _zpad(np.arange(1, p + 1), self.ref_width))
        ids = _codes(resident_id_array(_R_CODE[self.person_region], self.birth, self.seq))
        ids = pc.if_else(pa.array(self.has_id), ids, pa.nulls(p, _STR))
        source = np.where(self.has_id, 0, np.where(self.court_feed, 1, 2))
        return {
            "ref": self.ref_str,
            "name": name,
            "id_number": ids,
            "source": _lookup(("market_register", "court_feed", "foreign_document"), source),
        }

    # --------------------------------------------------------------------------------------
    # holdings.csv

    def holdings(self) -> dict[str, pa.Array]:
        rng, n, est, crole = self.rng, self.n, self.est, self.crole
        # Rows are collected as (holder, is_person, target, units of 0.01%, since, until).
        h_list, p_list, t_list, u_list, s_list, e_list = [], [], [], [], [], []

        def add(holder, is_person, target, units, since=None, until=None):
            k = len(target)
            h_list.append(np.asarray(holder, np.int64))
            p_list.append(np.full(k, is_person) if np.isscalar(is_person) else is_person)
            t_list.append(np.asarray(target, np.int64))
            u_list.append(np.asarray(units, np.int64))
            s_list.append(np.full(k, -1, np.int64) if since is None else np.asarray(since, np.int64))
            e_list.append(np.full(k, -1, np.int64) if until is None else np.asarray(until, np.int64))

        def pick(values, k, p=None):
            values = np.asarray(values)
            return values[rng.choice(len(values), size=k, p=p)]

        # Institutional stakes -------------------------------------------------------------
        kids = np.flatnonzero(self.group_parent >= 0)
        form = rng.choice(3, size=len(kids), p=(0.55, 0.35, 0.10))
        units = np.where(
            form == 0,
            10000,
            np.where(
                form == 1,
                pick([5100, 6000, 6500, 7000, 7500, 8000, 9000, 9500], len(kids)),
                100 * rng.integers(20, 50, len(kids)),
            ),
        )
        add(self.group_parent[kids], False, kids, units)
        inst_sum = np.bincount(kids, weights=units, minlength=n).astype(np.int64)
        if len(self.diamonds):
            h, t = self.diamonds[:, 0], self.diamonds[:, 1]
            room = 10000 - inst_sum[t]
            u2 = np.minimum(room, 100 * rng.integers(10, 31, len(t)))
            ok = u2 >= 500
            # one diamond per target
            _, first = np.unique(t, return_index=True)
            once = np.zeros(len(t), bool)
            once[first] = True
            ok &= once
            add(h[ok], False, t[ok], u2[ok])
            inst_sum += np.bincount(t[ok], weights=u2[ok], minlength=n).astype(np.int64)
        roots = self.group_roots
        sroots = roots[self.state_group[self.group_of[roots]]]
        add(_STATE_OWNER[self.region[sroots]], False, sroots, np.full(len(sroots), 10000))
        inst_sum[sroots] += 10000
        state = self.members[C_STATE]
        su = np.where(
            rng.random(len(state)) < 0.75, 10000, pick([5100, 6000, 6500, 7000, 8000, 9000], len(state))
        )
        add(_STATE_OWNER[self.region[state]], False, state, su)
        inst_sum[state] += su
        mixed = self.members[C_MIXED]
        mu = 100 * rng.integers(10, 35, len(mixed))
        add(np.where(rng.random(len(mixed)) < 0.8, _A_SASAC, _A_FINANCE), False, mixed, mu)
        inst_sum[mixed] += mu
        cross = self.members[C_CROSS]
        a, b = cross[0::2], cross[1::2]
        ua, ub = 100 * rng.integers(5, 21, len(a)), 100 * rng.integers(5, 21, len(a))
        add(a, False, b, ua)
        add(b, False, a, ub)
        inst_sum[b] += ua
        inst_sum[a] += ub
        for cyc in self.cycles:
            cu = 100 * rng.integers(5, 31, len(cyc))
            add(cyc, False, np.roll(cyc, -1), cu)
            inst_sum[np.roll(cyc, -1)] += cu
        # Corporate shareholders of ordinary companies: always an older company (no new cycles).
        plain = np.flatnonzero(crole == C_PLAIN)
        corp_t = plain[rng.random(len(plain)) < 0.08]
        pool = np.flatnonzero(np.isin(crole, (C_PLAIN, C_GROUP, C_STATE)))
        corp_h = pool[rng.integers(0, len(pool), len(corp_t))]
        ok = est[corp_h] < est[corp_t]
        corp_t, corp_h = corp_t[ok], corp_h[ok]
        cu = 100 * rng.integers(20, 61, len(corp_t))
        add(corp_h, False, corp_t, cu)
        inst_sum[corp_t] += cu
        assert inst_sum.max() <= 10000

        # Natural-person holders take what is left ------------------------------------------
        held = np.isin(crole, (C_PLAIN, C_STATE, C_MIXED, C_GROUP, C_NOMINEE, C_CROSS, C_CYCLE, C_OVER)) | (
            self.kind == K_COOP
        )
        targets = np.flatnonzero(held & (inst_sum < 10000))
        rem = 10000 - inst_sum[targets]
        short = (crole[targets] == C_PLAIN) & (rng.random(len(targets)) < 0.03)
        rem[short] -= (rem[short] * rng.uniform(0.01, 0.15, int(short.sum()))).astype(np.int64) // 100 * 100
        k = rng.choice(3, size=len(targets), p=(0.30, 0.40, 0.30)) + 1  # 1-3 persons
        coop = self.kind[targets] == K_COOP
        k[coop] = rng.integers(5, 10, int(coop.sum()))
        q = np.where((rng.random(len(targets)) < 0.8) & (rem % 100 == 0), 100, 1)
        grid = rem // q
        k = np.maximum(np.minimum(k, grid), 1)
        slots = 9
        w = rng.gamma(np.where(np.arange(slots) == 0, 2.5, 1.0), size=(len(targets), slots))
        w[np.arange(slots)[None, :] >= k[:, None]] = 0.0
        w /= w.sum(axis=1, keepdims=True)
        counts = rng.multinomial(grid - k, w) + (np.arange(slots)[None, :] < k[:, None])
        share = counts * q[:, None]
        share[:, 0] += rem - grid * q
        tt, ss = np.nonzero(counts > 0)
        target = targets[tt]
        units = share[tt, ss]
        first = ss == 0
        holder = self.stream.take(len(target))
        own = first & np.isin(crole[target], (C_PLAIN, C_CROSS, C_CYCLE, C_OVER, C_MIXED)) | first & (
            self.kind[target] == K_COOP
        )
        holder[own] = self.principal[target[own]]
        # Over 100%: a former holder whose exit the registry never recorded.
        over = self.members[C_OVER]
        holder = np.concatenate([holder, self.stream.take(len(over))])
        target = np.concatenate([target, over])
        units = np.concatenate([units, 100 * rng.integers(10, 31, len(over))])
        # no person twice for one target
        for _ in range(10):
            key = holder * n + target
            _, first_at = np.unique(key, return_index=True)
            dup = np.ones(len(key), bool)
            dup[first_at] = False
            if not dup.any():
                break
            holder[dup] = self.stream.take(int(dup.sum()))
        # Co-holders who sold their stake: the buyer holds it from the sale, the seller until
        # the day before (ordinary companies old enough, not the founder's slot).
        base = len(tt)  # the rows before the over-100% extras
        t0 = target[:base]
        sellable = (ss > 0) & (crole[t0] == C_PLAIN) & (est[t0] <= _TODAY - 400) & ~np.isin(t0, self.transfer)
        sold = np.flatnonzero(sellable & (rng.random(base) < 0.45))
        st = target[sold]
        sale = est[st] + 180 + (rng.random(len(sold)) * (_TODAY - 30 - est[st] - 180)).astype(np.int64)
        seller = self.stream.take(len(sold))
        sale_since = np.full(len(holder), -1, np.int64)
        sale_since[sold] = sale
        add(holder, True, target, units, since=sale_since)

        # Current rows: since = the target's establishment (or the holder's, if later).
        H = np.concatenate(h_list)
        IP = np.concatenate(p_list)
        T = np.concatenate(t_list)
        U = np.concatenate(u_list)
        given = np.concatenate(s_list)
        since = np.where(IP, est[T], np.maximum(est[T], est[np.where(IP, 0, H)]))
        # Equity transfers: the current holders came in on the transfer date.
        tdate = np.full(n, -1, np.int64)
        tdate[self.transfer] = self.transfer_date
        moved = tdate[T] >= 0
        since[moved] = np.maximum(since[moved], tdate[T[moved]])
        since = np.where(given >= 0, given, since)
        history = np.zeros(n, bool)
        history[self.transfer] = True
        history[over] = True
        history[st] = True
        unknown_since = ~history[T] & (rng.random(len(T)) < 0.08)
        S = np.where(unknown_since, -1, since)
        E = np.full(len(T), -1, np.int64)
        H = np.concatenate([H, seller])
        IP = np.concatenate([IP, np.ones(len(sold), bool)])
        T = np.concatenate([T, st])
        U = np.concatenate([U, units[sold]])
        S = np.concatenate([S, est[st]])
        E = np.concatenate([E, sale - 1])
        tr = self.transfer
        H = np.concatenate([H, self.transfer_from])
        IP = np.concatenate([IP, np.ones(len(tr), bool)])
        T = np.concatenate([T, tr])
        U = np.concatenate([U, np.full(len(tr), 10000)])
        S = np.concatenate([S, est[tr]])
        E = np.concatenate([E, self.transfer_date - 1])

        # Dilution: the founder's stake falls step by step as new holders come in.
        dil = self.members[C_DILUTION]
        m = rng.choice([2, 3, 4], size=len(dil), p=(0.4, 0.35, 0.25))
        drops = 100 * 5 * rng.integers(1, 7, size=(len(dil), 3))  # 5%..30% each
        ratio = 10000 - np.cumsum(drops, axis=1)  # after change 1, 2, 3
        lo = est[dil] + 180
        days = np.sort(
            lo[:, None] + (rng.random((len(dil), 3)) * (_TODAY - 30 - lo)[:, None]).astype(np.int64), axis=1
        )
        days += np.arange(3)[None, :]
        founder = self.principal[dil]
        for j in range(4):  # the founder's row for stage j
            rows = m > j
            start = est[dil] if j == 0 else days[:, j - 1]
            stop = np.where(m - 1 > j, days[:, min(j, 2)] - 1, -1)
            units = 10000 if j == 0 else ratio[:, j - 1]
            H = np.concatenate([H, founder[rows]])
            IP = np.concatenate([IP, np.ones(int(rows.sum()), bool)])
            T = np.concatenate([T, dil[rows]])
            U = np.concatenate([U, np.broadcast_to(units, len(dil))[rows]])
            S = np.concatenate([S, np.broadcast_to(start, len(dil))[rows]])
            E = np.concatenate([E, stop[rows]])
        for j in range(1, 4):  # the newcomer of change j keeps its stake
            rows = m > j
            newcomer = self.stream.take(int(rows.sum()))
            same = newcomer == founder[rows]
            newcomer[same] = self.stream.take(int(same.sum()))
            H = np.concatenate([H, newcomer])
            IP = np.concatenate([IP, np.ones(int(rows.sum()), bool)])
            T = np.concatenate([T, dil[rows]])
            U = np.concatenate([U, drops[rows, j - 1]])
            S = np.concatenate([S, days[rows, j - 1]])
            E = np.concatenate([E, np.full(int(rows.sum()), -1)])

        # One row per holder, target and since (a random co-holder may repeat a holder).
        key = ((H * 2 + IP) * n + T) * 65536 + (S - _day("1900-01-01"))
        _, first_at = np.unique(key, return_index=True)
        keep = np.zeros(len(key), bool)
        keep[first_at] = True
        keep &= (H != T) | IP
        H, IP, T, U, S, E = H[keep], IP[keep], T[keep], U[keep], S[keep], E[keep]
        order = np.lexsort((S, T))
        H, IP, T, U, S, E = H[order], IP[order], T[order], U[order], S[order], E[order]
        self.holdings_table = (H, IP, T, U, S, E)
        k = len(T)
        cap = self.capital[T]
        derived = (cap > 0) & (rng.random(k) < 0.03) & ~history[T]
        with_sub = derived | ((cap > 0) & (rng.random(k) < 0.6))
        percent = ~derived & (rng.random(k) < 0.1)
        sub_yuan = (U * cap + 5000) // 10000
        ratio_str = pc.if_else(pa.array(percent), _join(_num(U / 100.0), "%"), _num(U / 10000.0))
        ratio_str = pc.if_else(pa.array(derived), pa.nulls(k, _STR), ratio_str)
        holder_str = pc.if_else(
            pa.array(IP),
            self.ref_str.take(pa.array(np.where(IP, H, 0))),
            self.uscc_str.take(pa.array(np.where(IP, 0, H))),
        )
        return {
            "holder": holder_str,
            "target": self.uscc_str.take(pa.array(T)),
            "ratio": ratio_str,
            "subscribed_capital": _wan(sub_yuan, mask=~with_sub),
            "since": _date(np.maximum(S, 0), mask=S < 0),
            "until": _date(np.maximum(E, 0), mask=E < 0),
        }

    # --------------------------------------------------------------------------------------
    # roles.csv

    def roles(self) -> dict[str, pa.Array]:
        rng, n, est, kind, crole = self.rng, self.n, self.est, self.kind, self.crole
        P_, E_, R_, S_, U_ = [], [], [], [], []

        def add(person, ent, role, since, until=None):
            P_.append(np.asarray(person, np.int64))
            E_.append(np.asarray(ent, np.int64))
            R_.append(np.full(len(ent), role, np.int64))
            S_.append(np.asarray(since, np.int64))
            U_.append(np.full(len(ent), -1, np.int64) if until is None else np.asarray(until, np.int64))

        allents = np.arange(n)
        changed = self.c_last > -(10**8)
        twice = self.c_prev > -(10**8)
        since_cur = np.where(changed, self.c_last, np.where(rng.random(n) < 0.05, -1, est))
        add(self.rep, allents, RO_LEGAL, since_cur)
        one = np.flatnonzero(changed & ~twice)
        add(self.f_last[one], one, RO_LEGAL, est[one], self.c_last[one] - 1)
        two = np.flatnonzero(twice)
        add(self.f_prev[two], two, RO_LEGAL, est[two], self.c_prev[two] - 1)
        add(self.f_last[two], two, RO_LEGAL, self.c_prev[two], self.c_last[two] - 1)

        company = (kind == K_COMPANY) & (crole != C_BRANCH)
        big = company & ((self.capital >= 1000 * 10000) | (self.group_of >= 0) | (crole == C_STATE))
        small = company & ~big
        grp = self.group_of

        def people(ents: np.ndarray) -> np.ndarray:
            """Group companies draw from their group's pool, others from the stream."""
            out = self.stream.take(len(ents))
            ing = grp[ents] >= 0
            out[ing] = self._pool_person(grp[ents[ing]])
            return out

        def later(ents: np.ndarray, p: float) -> np.ndarray:
            """Appointment day: the founding day, or some later day for a share p."""
            d = est[ents].copy()
            moved = rng.random(len(ents)) < p
            d[moved] += (rng.random(int(moved.sum())) * (_TODAY - 1 - d[moved])).astype(np.int64)
            return d

        # small companies: a supervisor, often a manager (the legal rep as 执行董事兼经理)
        e = np.flatnonzero(small & (rng.random(n) < 0.7))
        add(self.stream.take(len(e)), e, RO_SUPERVISOR, later(e, 0.15))
        mgr_e = np.flatnonzero(small & (rng.random(n) < 0.55))
        mgr_p = np.where(rng.random(len(mgr_e)) < 0.6, self.rep[mgr_e], self.stream.take(len(mgr_e)))
        e = np.flatnonzero(small & (rng.random(n) < 0.08))
        add(self.stream.take(len(e)), e, RO_FINANCE, later(e, 0.3))

        # larger companies: a board
        b = np.flatnonzero(big)
        chair = np.where(rng.random(len(b)) < 0.8, self.rep[b], people(b))
        add(chair, b, RO_CHAIR, later(b, 0.2))
        nd = rng.integers(2, 5, len(b))
        e = np.repeat(b, nd)
        add(people(e), e, RO_DIRECTOR, later(e, 0.2))
        ns = rng.integers(1, 4, len(b))
        e = np.repeat(b, ns)
        add(self.stream.take(len(e)), e, RO_SUPERVISOR, later(e, 0.2))
        add(people(b), b, RO_FINANCE, later(b, 0.3))
        big_mgr_p = np.where(rng.random(len(b)) < 0.3, self.rep[b], people(b))
        mgr_e = np.concatenate([mgr_e, b])
        mgr_p = np.concatenate([mgr_p, big_mgr_p])

        # managers, some replaced over time
        mgr_since = later(mgr_e, 0.1)
        replaced = (rng.random(len(mgr_e)) < 0.15) & (mgr_since < _TODAY - 400)
        r = np.flatnonzero(replaced)
        cut = mgr_since[r] + 200 + (rng.random(len(r)) * (_TODAY - 30 - mgr_since[r] - 200)).astype(np.int64)
        add(self.stream.take(len(r)), mgr_e[r], RO_MANAGER, mgr_since[r], cut - 1)
        mgr_since[r] = cut
        add(mgr_p, mgr_e, RO_MANAGER, mgr_since)
        self.manager = np.full(n, -1, np.int64)
        self.manager_since = np.full(n, -1, np.int64)
        self.manager[mgr_e] = mgr_p
        self.manager_since[mgr_e] = mgr_since

        # cooperatives: a supervisor; public bodies and social organisations: a principal
        e = np.flatnonzero((kind == K_COOP) & (rng.random(n) < 0.5))
        add(self.stream.take(len(e)), e, RO_SUPERVISOR, later(e, 0.1))
        e = np.flatnonzero(
            ((kind == K_PUBLIC) | (kind == K_GOV)) & (rng.random(n) < 0.5)
            | (kind == K_SOCIAL) & (rng.random(n) < 0.3)
        )
        pr = np.where(rng.random(len(e)) < 0.5, self.rep[e], self.stream.take(len(e)))
        add(pr, e, RO_PRINCIPAL, later(e, 0.3))

        Pp, Ee, Rr, Ss, Uu = (np.concatenate(x) for x in (P_, E_, R_, S_, U_))
        # A person holds an office of one enterprise once at a time: drop repeated open rows
        # (the same director drawn twice); history rows were built not to overlap.
        key = (Pp * n + Ee) * 8 + Rr
        keep = np.ones(len(key), bool)
        open_ = np.flatnonzero(Uu < 0)
        _, first = np.unique(key[open_], return_index=True)
        keep[open_] = False
        keep[open_[first]] = True
        _, first = np.unique(key * 65536 + (Ss + 1), return_index=True)  # Ss: -1 .. ~21000
        unique_key = np.zeros(len(key), bool)
        unique_key[first] = True
        keep &= unique_key
        Pp, Ee, Rr, Ss, Uu = Pp[keep], Ee[keep], Rr[keep], Ss[keep], Uu[keep]
        order = np.lexsort((Rr, Ss, Ee))
        Pp, Ee, Rr, Ss, Uu = Pp[order], Ee[order], Rr[order], Ss[order], Uu[order]
        return {
            "person": self.ref_str.take(pa.array(Pp)),
            "enterprise": self.uscc_str.take(pa.array(Ee)),
            "role": _lookup([r.value for r in _ROLE_CODES], Rr),
            "since": _date(np.maximum(Ss, 0), mask=Ss < 0),
            "until": _date(np.maximum(Uu, 0), mask=Uu < 0),
        }

    # --------------------------------------------------------------------------------------
    # projects.csv and participations.csv

    def projects(self) -> dict[str, pa.Array]:
        rng, n = self.rng, self.n
        k = max(12, n // 40)
        kind = rng.choice(4, size=k, p=(0.35, 0.35, 0.18, 0.12))
        kind[:8] = np.repeat(np.arange(4), 2)
        region = _MAIN_IDX[rng.choice(len(_MAIN_IDX), size=k, p=_MAIN_P)]
        lo = _day("2015-01-01")
        started = lo + (rng.random(k) ** 0.8 * (_TODAY - 60 - lo)).astype(np.int64)
        status = rng.choice(4, size=k, p=(0.08, 0.25, 0.57, 0.10))
        status[:8] = (2, 3, 2, 1, 2, 1, 2, 0)
        duration = rng.integers(20, 900, k)
        ended = started + duration
        status[(status >= 2) & (ended >= _TODAY)] = 1
        has_end = status >= 2
        has_start = status != 0
        year = started.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970
        code = _join(
            _lookup(_PROJECT_PREFIX, kind),
            _num(year),
            "-",
            _lookup(_R_CODE_STR, region),
            "-",
            _zpad(np.arange(1, k + 1), 6),
        )
        admin = _lookup(_R_ADMIN, region)
        bidding = _join(
            admin,
            _lookup(_ROADS, rng.integers(0, len(_ROADS), k)),
            _lookup(_WORKS, rng.integers(0, len(_WORKS), k)),
            _lookup(_WORK_PHASE, rng.integers(0, 3, k)),
            "招标项目",
        )
        procurement = _join(
            admin,
            _lookup(_BUYERS, rng.integers(0, len(_BUYERS), k)),
            _lookup(_GOODS, rng.integers(0, len(_GOODS), k)),
            "采购项目",
        )
        z = _join(
            _lookup(_SYLLABLES, rng.integers(0, len(_SYLLABLES), k)),
            _lookup(_SYLLABLES, rng.integers(0, len(_SYLLABLES), k)),
        )
        construction = _join(admin, z, _lookup(_BUILDS, rng.integers(0, len(_BUILDS), k)), "建设项目")
        investment = _join(
            admin, z, _lookup(_INVESTS, rng.integers(0, len(_INVESTS), k)), "产业园招商引资项目"
        )
        name = pc.choose(pa.array(kind.astype(np.int8)), bidding, procurement, construction, investment)
        outcomes = {
            (0, 2): "中标", (0, 3): "流标", (1, 2): "成交", (1, 3): "废标", (2, 2): "竣工验收",
            (2, 3): "停工", (3, 2): "已签约落地", (3, 3): "未落地",
        }  # fmt: skip
        table = [outcomes.get((kk, ss), "") for kk in range(4) for ss in range(4)]
        self.project_kind, self.project_status, self.project_start = kind, status, started
        self.project_code = code
        return {
            "code": code,
            "name": name,
            "kind": _lookup([p.value for p in _PROJECT_KINDS], kind),
            "region_code": _lookup(_R_CODE_STR, region),
            "status": _lookup(_PROJECT_STATUS, status),
            "started": _date(started, mask=~has_start),
            "ended": _date(ended, mask=~has_end),
            "outcome": _lookup(table, kind * 4 + status),
        }

    def participations(self) -> dict[str, pa.Array]:
        rng, n = self.rng, self.n
        kind, status = self.project_kind, self.project_status
        k = len(kind)
        firms = np.flatnonzero(
            np.isin(self.crole, (C_PLAIN, C_GROUP, C_STATE, C_MIXED, C_NOMINEE, C_OVER, C_DILUTION))
            & (self.status == 0)
        )
        builders = firms[self.industry[firms] == _INDUSTRY_LETTERS.index("E")]
        if len(builders) < 10:
            builders = firms
        outside = firms[~_MAIN[self.region[firms]]]
        if len(outside) < 5:
            outside = firms
        # How many take part, by kind: bidders (the winner among them), candidates, contractors, investors.
        count = np.select(
            [kind == 0, kind == 1, kind == 2],
            [rng.integers(3, 8, k), rng.integers(2, 6, k), rng.integers(1, 4, k)],
            rng.integers(1, 3, k),
        )
        count[status == 0] = 0
        count[(kind == 0) & (status == 3)] = rng.integers(1, 3, int(((kind == 0) & (status == 3)).sum()))
        proj = np.repeat(np.arange(k), count)
        pk = kind[proj]
        pool_b = builders[rng.integers(0, len(builders), len(proj))]
        pool_f = firms[rng.integers(0, len(firms), len(proj))]
        pool_o = outside[rng.integers(0, len(outside), len(proj))]
        ent = np.where(
            (pk == 0) | (pk == 2),
            np.where(rng.random(len(proj)) < 0.6, pool_b, pool_f),
            np.where(pk == 3, np.where(rng.random(len(proj)) < 0.6, pool_o, pool_f), pool_f),
        )
        # 围标: some bidding projects are contested only by one nominee's shells
        shells = self.members[C_NOMINEE]
        rigged = np.flatnonzero((kind == 0) & (rng.random(k) < 0.05))
        rigged = rigged[: max(1, len(rigged))] if len(rigged) else np.flatnonzero(kind == 0)[:1]
        ring = np.isin(proj, rigged)
        ent[ring] = shells[rng.integers(0, len(shells), int(ring.sum()))]
        role = np.select([pk == 0, pk == 1, pk == 2], [1, 0, 4], 3)  # index in _PART_ROLES
        # drop repeats of a firm in one project
        key = proj * n + ent
        _, first = np.unique(key, return_index=True)
        keep = np.zeros(len(key), bool)
        keep[first] = True
        proj, ent, role = proj[keep], ent[keep], role[keep]
        order = np.argsort(proj, kind="stable")
        proj, ent, role = proj[order], ent[order], role[order]
        # the winner: the first bidder / candidate of a completed bidding or procurement
        starts = np.flatnonzero(np.r_[True, proj[1:] != proj[:-1]])
        win = starts[np.isin(kind[proj[starts]], (0, 1)) & (status[proj[starts]] == 2)]
        proj = np.concatenate([proj, proj[win]])
        ent = np.concatenate([ent, ent[win]])
        role = np.concatenate([role, np.full(len(win), 2)])
        order = np.lexsort((role, proj))
        proj, ent, role = proj[order], ent[order], role[order]
        self.participants = (proj, ent, role)
        return {
            "enterprise": self.uscc_str.take(pa.array(ent)),
            "project": self.project_code.take(pa.array(proj)),
            "role": _lookup(("candidate", "bidder", "winner", "investor", "contractor"), role),
        }

    # --------------------------------------------------------------------------------------
    # records.csv

    def records(self) -> dict[str, pa.Array]:
        rng, kind, est, region = self.rng, self.kind, self.est, self.region
        blocks: list[dict] = []
        companies = np.flatnonzero((kind == K_COMPANY) & (self.crole != C_BRANCH) | (kind == K_COOP))
        trading = np.flatnonzero((kind == K_COMPANY) | (kind == K_COOP) | (kind == K_INDIVIDUAL))
        old_enough = est <= _TODAY - 60
        companies = companies[old_enough[companies]]
        trading = trading[old_enough[trading]]

        def decided(ents: np.ndarray, lo: str = "2014-01-01", skew: float = 1.3) -> np.ndarray:
            start = np.maximum(est[ents] + 30, _day(lo))
            start = np.minimum(start, _TODAY - 2)
            return _TODAY - 1 - ((rng.random(len(ents)) ** skew) * (_TODAY - 1 - start)).astype(np.int64)

        def sample(pool: np.ndarray, rate: float, minimum: int) -> np.ndarray:
            k = min(len(pool), max(minimum, round(rate * len(pool))))
            return np.sort(rng.choice(pool, size=k, replace=False))

        def plus_years(days: np.ndarray, years: np.ndarray) -> np.ndarray:
            return np.where(years > 0, days + (years * 365.25).astype(np.int64) - 1, -1)

        def responsible(ents: np.ndarray, act: np.ndarray, share: float) -> pa.Array:
            k = len(ents)
            rep = self.rep_at(ents, act)
            mgr = self.manager[ents]
            has_mgr = (mgr >= 0) & (mgr != rep) & (self.manager_since[ents] <= act)
            named = rng.random(k) < share
            mode = rng.random(k)
            first = np.where(has_mgr & (mode < 0.1), mgr, rep)
            second = np.where(has_mgr & (mode >= 0.1) & (mode < 0.45), mgr, -1)
            a = self.ref_str.take(pa.array(first))
            b = _join(";", self.ref_str.take(pa.array(np.maximum(second, 0))))
            both = pc.if_else(pa.array(second >= 0), _join(a, b), a)
            return pc.if_else(pa.array(named), both, pa.nulls(k, _STR))

        def block(kind_: RecordKind, subj: np.ndarray, is_person: np.ndarray | bool, reg: np.ndarray, **cols):
            k = len(subj)
            blocks.append(
                dict(
                    kind=kind_, subj=np.asarray(subj, np.int64),
                    is_person=np.full(k, is_person) if np.isscalar(is_person) else is_person,
                    region=reg, **cols,
                )
            )  # fmt: skip

        def authority(level: np.ndarray, dept: pa.Array, reg: np.ndarray) -> pa.Array:
            return _join(_lookup(_AUTH_PREFIX, level * len(_REGIONS) + reg), dept)

        # blacklist --------------------------------------------------------------------------
        subj = sample(trading, 0.003, 4)
        w = np.array([b[5] for b in _BLACKLIST], float)
        cat = rng.choice(len(_BLACKLIST), size=len(subj), p=w / w.sum())
        dec = decided(subj, "2016-01-01")
        act = np.maximum(dec - rng.integers(20, 400, len(subj)), est[subj])
        years = rng.choice([3, 5, 0], size=len(subj), p=(0.7, 0.15, 0.15))
        years[(cat == 5) & (rng.random(len(subj)) < 0.5)] = 0
        reg = region[subj]
        level = np.array([b[2] for b in _BLACKLIST])[cat]
        block(
            RecordKind.BLACKLIST, subj, False, reg,
            category=_lookup([b[0] for b in _BLACKLIST], cat),
            authority=authority(level, _lookup([b[1] for b in _BLACKLIST], cat), reg),
            basis=_lookup([b[3] for b in _BLACKLIST], cat),
            act=act, dec=dec, valid=plus_years(dec, years),
            repairable=np.array([b[4] for b in _BLACKLIST])[cat],
            monitoring=rng.choice([12, 24, 36], size=len(subj)),
            responsible=responsible(subj, act, 0.85),
            summary=_lookup([b[6] for b in _BLACKLIST], cat),
        )  # fmt: skip

        # judgment debtors: enterprises, their legal representatives, the court feed's persons --
        subj = sample(trading, 0.01, 4)
        court_persons = np.flatnonzero(self.court_feed)
        dec_e = decided(subj, "2015-01-01")
        reps = subj[rng.random(len(subj)) < 0.3]
        dec_r = decided(reps, "2015-01-01")
        rep_persons = self.rep_at(reps, dec_r)
        ps = np.concatenate([rep_persons, court_persons])
        pd_ = np.concatenate(
            [
                dec_r,
                _TODAY
                - 1
                - (rng.random(len(court_persons)) ** 1.3 * (_TODAY - 1 - _day("2015-01-01"))).astype(
                    np.int64
                ),
            ]
        )
        preg = np.concatenate(
            [region[reps], _MAIN_IDX[rng.choice(len(_MAIN_IDX), size=len(court_persons), p=_MAIN_P)]]
        )
        allsubj = np.concatenate([subj, ps])
        is_person = np.concatenate([np.zeros(len(subj), bool), np.ones(len(ps), bool)])
        dec = np.concatenate([dec_e, pd_])
        reg = np.concatenate([region[subj], preg])
        k = len(allsubj)
        act = dec - rng.integers(60, 720, k)  # the judgment that was not performed
        act = np.where(is_person, act, np.maximum(act, est[np.where(is_person, 0, allsubj)]))
        item = rng.choice(6, size=k, p=(0.6, 0.05, 0.1, 0.15, 0.05, 0.05))
        years = np.where(item == 0, 0, 2)
        year = dec.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970
        # a basic court for a district or county, the intermediate court for the city itself
        court_local = (rng.random(k) < 0.75) & ~_R_CITY_LEVEL[reg]
        court_code = pc.if_else(pa.array(court_local), _lookup(_R_COURT, reg), _lookup(_R_COURT_CITY, reg))
        case = _join("（", _num(year), "）", court_code, "执", _num(rng.integers(1, 5000, k)), "号")
        block(
            RecordKind.JUDGMENT_DEBTOR, allsubj, is_person, reg,
            category=pa.array(["拒不履行法院判决"] * k, _STR),
            authority=authority(np.where(court_local, L_COURT_LOCAL, L_COURT_CITY), pc.if_else(pa.array(court_local), "人民法院", "中级人民法院"), reg),
            basis=_join("《最高人民法院关于公布失信被执行人名单信息的若干规定》第一条", _lookup([i[0] for i in _JUDGMENT_ITEMS], item)),
            act=act, dec=dec, valid=plus_years(dec, years), repairable=np.ones(k, bool),
            summary=_join(case, " ", _lookup([i[1] for i in _JUDGMENT_ITEMS], item)),
        )  # fmt: skip

        # administrative penalties ----------------------------------------------------------
        subj = sample(trading, 0.04, 12)
        subj = np.repeat(subj, rng.choice([1, 2, 3], size=len(subj), p=(0.8, 0.15, 0.05)))
        k = len(subj)
        keys = list(_PENALTY_BY_IND)
        key_of_letter = np.array([keys.index(x if x in _PENALTY_BY_IND else "") for x in _INDUSTRY_LETTERS])
        flat, idx = _pick_words(rng, _PENALTY_BY_IND, keys, key_of_letter[self.industry[subj]])
        cat = np.array(flat, np.int64)[idx]
        dec = decided(subj)
        act = np.maximum(dec - rng.integers(7, 200, k), est[subj])
        serious = rng.random(k) < 0.2
        years = np.where(serious, 3, 1)
        fine = (np.exp(rng.normal(np.log(5000), 1.2, k)) // 100 * 100 + 100).astype(np.int64)
        form = rng.choice(4, size=k, p=(0.15, 0.6, 0.15, 0.1))
        fine_s = _num(fine)
        summary = pc.choose(
            pa.array(form.astype(np.int8)),
            pa.array(["警告"] * k, _STR),
            _join("罚款", fine_s, "元"),
            _join("没收违法所得", _num(fine // 3 // 100 * 100 + 100), "元并处罚款", fine_s, "元"),
            _join("责令停产停业并处罚款", fine_s, "元"),
        )
        reg = region[subj]
        block(
            RecordKind.ADMIN_PENALTY, subj, False, reg,
            category=_lookup([p[0] for p in _PENALTY], cat),
            authority=authority(np.array([p[2] for p in _PENALTY])[cat], _lookup([p[1] for p in _PENALTY], cat), reg),
            basis=_lookup([p[3] for p in _PENALTY], cat),
            act=act, dec=dec, valid=plus_years(dec, years),
            repairable=~(serious & (rng.random(k) < 0.4)),
            responsible=responsible(subj, act, 0.4), summary=summary,
        )  # fmt: skip

        # administrative licences -------------------------------------------------------------
        eligible = np.concatenate([trading, np.flatnonzero((kind == K_PUBLIC) & old_enough)])
        subj = eligible[rng.random(len(eligible)) < 0.35]
        subj = np.sort(np.repeat(subj, rng.choice([1, 2, 3], size=len(subj), p=(0.7, 0.22, 0.08))))
        k = len(subj)
        keys = list(_INDUSTRY_LETTERS)
        flat, idx = _pick_words(rng, _LICENCE_BY_IND, keys, self.industry[subj])
        cat = np.array(flat, np.int64)[idx]
        dec = decided(subj, "2010-01-01", 1.0)
        act = dec - rng.integers(1, 20, k)
        act = np.maximum(act, est[subj])
        years = np.array([lic[4] for lic in _LICENCE])[cat]
        reg = region[subj]
        block(
            RecordKind.ADMIN_LICENCE, subj, False, reg,
            category=_lookup([lic[0] for lic in _LICENCE], cat),
            authority=authority(np.array([lic[2] for lic in _LICENCE])[cat], _lookup([lic[1] for lic in _LICENCE], cat), reg),
            basis=_join("《中华人民共和国行政许可法》第三十八条 ", _lookup([lic[3] for lic in _LICENCE], cat)),
            act=act, dec=dec, valid=plus_years(dec, years),
            summary=_join("准予", _lookup([lic[0] for lic in _LICENCE], cat)),
        )  # fmt: skip

        # abnormal operation: the shells at agency addresses far more often ---------------------
        p = np.where(self.hub_addr[trading] >= 0, 0.35, 0.06)
        subj = trading[rng.random(len(trading)) < p]
        if len(subj) < 3:
            subj = trading[:3]
        k = len(subj)
        reason = rng.choice(3, size=k, p=(0.7, 0.25, 0.05))
        dec = decided(subj, "2014-10-01")
        reg = region[subj]
        block(
            RecordKind.ABNORMAL_OPERATION, subj, False, reg,
            category=_lookup([a[0] for a in _ABNORMAL], reason),
            authority=authority(np.full(k, L_LOCAL), pa.array(["市场监督管理局"] * k, _STR), reg),
            basis=_lookup([a[1] for a in _ABNORMAL], reason),
            act=dec - rng.integers(0, 60, k), dec=dec,
            valid=plus_years(dec, np.where(rng.random(k) < 0.3, 3, 0)), repairable=np.ones(k, bool),
            summary=_lookup([a[2] for a in _ABNORMAL], reason),
        )  # fmt: skip

        # tax credit levels: yearly ratings, A-level ones also on the red list ---------------------
        rated = companies[(rng.random(len(companies)) < 0.3) & (est[companies] < _day("2026-01-01"))]
        nyears = rng.choice([1, 2, 3], size=len(rated), p=(0.4, 0.35, 0.25))
        est_year = est[rated].astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970
        last = rng.integers(np.maximum(est_year, 2014), 2026)
        subj = np.repeat(rated, nyears)
        offset = np.arange(len(subj)) - np.repeat(np.cumsum(nyears) - nyears, nyears)
        ryear = np.repeat(last, nyears) - offset
        ok = ryear >= np.maximum(np.repeat(est_year, nyears), 2014)
        subj, ryear = subj[ok], ryear[ok]
        k = len(subj)
        lvl = rng.choice(5, size=k, p=(0.2, 0.45, 0.12, 0.08, 0.15))  # A B C D M
        lvl[ryear == np.repeat(est_year, nyears)[ok]] = 4  # first year: M
        act = np.array([_day(f"{y}-12-31") for y in range(2013, 2027)])[ryear - 2013]
        dec = act + 91 + rng.integers(0, 30, k)  # decided in April
        valid = act + 456  # until the end of March two years on
        reg = region[subj]
        level_tax = np.where(rng.random(k) < 0.5, L_TAX_LOCAL, L_TAX_CITY)
        block(
            RecordKind.TAX_CREDIT, subj, False, reg,
            category=pa.array(["税收"] * k, _STR),
            level=_lookup(("A", "B", "C", "D", "M"), lvl),
            authority=authority(level_tax, pa.array(["税务局"] * k, _STR), reg),
            basis=pa.array(["《纳税信用管理办法（试行）》第二十三条"] * k, _STR),
            act=act, dec=dec, valid=valid, summary=_join(_num(ryear), "年度纳税信用评价"),
        )  # fmt: skip
        a_level = np.flatnonzero((lvl == 0) & (ryear >= 2019) & (rng.random(k) < 0.5))
        red_subj = [subj[a_level]]
        red_cat = [np.zeros(len(a_level), np.int64)]
        red_dec = [dec[a_level]]

        # procurement bad conduct: suppliers that took part in procurement or bidding -----------
        proj, ent, _ = self.participants
        bidders = np.unique(ent[np.isin(self.project_kind[proj], (0, 1))])
        bidders = bidders[old_enough[bidders]]
        if len(bidders) < 2:
            bidders = companies
        subj = sample(bidders, 0.005, 2)
        k = len(subj)
        item = rng.integers(0, len(_PROCUREMENT), k)
        dec = decided(subj, "2016-01-01")
        act = np.maximum(dec - rng.integers(30, 300, k), est[subj])
        reg = region[subj]
        block(
            RecordKind.PROCUREMENT_BAD_CONDUCT, subj, False, reg,
            category=pa.array(["政府采购"] * k, _STR),
            authority=authority(np.full(k, L_CITY), pa.array(["财政局"] * k, _STR), reg),
            basis=_lookup([p[0] for p in _PROCUREMENT], item),
            act=act, dec=dec, valid=plus_years(dec, rng.integers(1, 4, k)), repairable=np.ones(k, bool),
            responsible=responsible(subj, act, 0.5), summary=_lookup([p[1] for p in _PROCUREMENT], item),
        )  # fmt: skip

        # red list -------------------------------------------------------------------------------
        subj = sample(companies, 0.01, 3)
        red_subj.append(subj)
        red_cat.append(rng.integers(1, len(_RED), len(subj)))
        red_dec.append(decided(subj, "2017-01-01"))
        subj, cat, dec = (np.concatenate(x) for x in (red_subj, red_cat, red_dec))
        k = len(subj)
        reg = region[subj]
        year = (dec.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970) - (cat == 0)
        block(
            RecordKind.RED_LIST, subj, False, reg,
            category=_lookup([r[0] for r in _RED], cat),
            authority=authority(np.array([r[2] for r in _RED])[cat], _lookup([r[1] for r in _RED], cat), reg),
            basis=_lookup([r[3] for r in _RED], cat),
            dec=dec, valid=plus_years(dec, np.array([r[4] for r in _RED])[cat]),
            summary=_join(_num(year), "年度", _lookup([r[0] for r in _RED], cat)),
        )  # fmt: skip

        return self._assemble_records(blocks)

    def _assemble_records(self, blocks: list[dict]) -> dict[str, pa.Array]:
        rng = self.rng
        kinds = np.concatenate([np.full(len(b["subj"]), _KIND_ORDER.index(b["kind"])) for b in blocks])
        dec = np.concatenate([b["dec"] for b in blocks])
        valid = np.concatenate([b["valid"] for b in blocks])
        k = len(kinds)
        repairable = np.concatenate([b.get("repairable", np.ones(len(b["subj"]), bool)) for b in blocks])
        has_repairable = np.concatenate([np.full(len(b["subj"]), "repairable" in b) for b in blocks])
        neg = np.isin(kinds, [_KIND_ORDER.index(x) for x in _NEGATIVE])
        p_repaired = np.zeros(len(_KIND_ORDER))
        for x, pr in _NEGATIVE.items():
            p_repaired[_KIND_ORDER.index(x)] = pr
        past = (valid >= 0) & (valid < _TODAY)
        u = rng.random(k)
        status = np.full(k, S_ACTIVE, np.int64)
        # records past their validity
        status[past] = S_EXPIRED
        status[past & neg & repairable & (u < 0.10)] = S_REPAIRED
        status[past & neg & (u >= 0.95) & (u < 0.98)] = S_REVOKED
        status[past & neg & (u >= 0.98)] = S_CORRECTED
        # records still in force
        live = ~past
        recent = dec >= _TODAY - _YEAR
        status[live & neg & recent & (u < 0.05)] = S_OBJECTION
        rep_live = live & neg & repairable & (u >= 0.05) & (u < 0.05 + p_repaired[kinds])
        status[rep_live] = S_REPAIRED
        status[live & neg & (u >= 0.97) & (u < 0.985)] = S_REVOKED
        status[live & neg & (u >= 0.985)] = S_CORRECTED
        pos_live = live & ~neg
        status[pos_live & (kinds == _KIND_ORDER.index(RecordKind.ADMIN_LICENCE)) & (u < 0.01)] = S_REVOKED
        status[pos_live & (kinds == _KIND_ORDER.index(RecordKind.RED_LIST)) & (u < 0.04)] = S_REVOKED
        status[pos_live & (kinds == _KIND_ORDER.index(RecordKind.TAX_CREDIT)) & (u < 0.01)] = S_CORRECTED
        # every lifecycle status appears at least once, even in a tiny bundle
        for s, where in (
            (S_OBJECTION, live & neg),
            (S_REPAIRED, neg & repairable),
            (S_EXPIRED, past),
            (S_REVOKED, neg),
            (S_CORRECTED, neg),
        ):
            if not (status == s).any():
                cand = np.flatnonzero(where & (status == S_ACTIVE))
                if len(cand):
                    status[cand[0]] = s

        subj = np.concatenate([b["subj"] for b in blocks])
        is_person = np.concatenate([b["is_person"] for b in blocks])
        subject = pc.if_else(
            pa.array(is_person),
            self.ref_str.take(pa.array(np.where(is_person, subj, 0))),
            self.uscc_str.take(pa.array(np.where(is_person, 0, subj))),
        )
        prefixes = ("HMD", "SXBZX", "XZCF", "XZXK", "JYYC", "NSXY", "ZFCG", "HONG")
        year = dec.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970
        seq = np.arange(k) - np.searchsorted(kinds, kinds)  # blocks are in kind order
        record_id = _join(_lookup(prefixes, kinds), "-", _num(year), "-", _zpad(seq + 1, 8))

        def col(name: str) -> pa.Array:
            parts = [b[name] if name in b else pa.nulls(len(b["subj"]), _STR) for b in blocks]
            return _concat(parts)

        act = np.concatenate([b.get("act", np.full(len(b["subj"]), -1)) for b in blocks])
        monitoring = np.concatenate([b.get("monitoring", np.full(len(b["subj"]), -1)) for b in blocks])
        return {
            "record_id": record_id,
            "subject": subject,
            "kind": _lookup([x.value for x in _KIND_ORDER], kinds),
            "category": col("category"),
            "level": col("level"),
            "authority": col("authority"),
            "basis": col("basis"),
            "act_date": _date(np.maximum(act, 0), mask=act < 0),
            "decision_date": _date(dec),
            "valid_until": _date(np.maximum(valid, 0), mask=valid < 0),
            "repairable": pc.if_else(
                pa.array(has_repairable),
                _lookup(("false", "true"), repairable.astype(np.int64)),
                pa.nulls(k, _STR),
            ),
            "status": _lookup([s.value for s in _RECORD_STATUS], status),
            "monitoring_months": _num(monitoring, mask=monitoring < 0),
            "responsible": col("responsible"),
            "summary": col("summary"),
        }

    # --------------------------------------------------------------------------------------
    # guarantees.csv

    def guarantees(self) -> dict[str, pa.Array]:
        rng, n = self.rng, self.n
        firms = np.flatnonzero(
            np.isin(self.crole, (C_PLAIN, C_GROUP, C_STATE, C_MIXED, C_OVER, C_DILUTION)) & (self.status == 0)
        )
        nc = int((self.kind == K_COMPANY).sum())
        G, D = [], []
        # chains: a guarantees b, b guarantees c, ...
        n_chains = max(3, round(0.006 * nc))
        length = rng.integers(2, 7, n_chains)
        nodes = firms[rng.integers(0, len(firms), int(length.sum()))]
        chain_id = np.repeat(np.arange(n_chains), length)
        nxt = np.r_[chain_id[1:] == chain_id[:-1], False]
        G.append(nodes[nxt])
        D.append(nodes[np.r_[False, nxt[:-1]]])
        # mutual guarantees (互保)
        m = max(2, round(0.001 * nc))
        a, b = firms[rng.integers(0, len(firms), m)], firms[rng.integers(0, len(firms), m)]
        G += [a, b]
        D += [b, a]
        # circles: A -> B -> C (-> D) -> A
        n_circ = max(2, round(0.0002 * nc))
        circ_len = np.where(rng.random(n_circ) < 0.6, 3, 4)
        circ_len[:2] = (3, 4)
        for L in circ_len:
            c = firms[rng.choice(len(firms), size=int(L), replace=False)]
            G.append(c)
            D.append(np.roll(c, -1))
        # single guarantees between firms
        s = max(3, round(0.01 * nc))
        G.append(firms[rng.integers(0, len(firms), s)])
        D.append(firms[rng.integers(0, len(firms), s)])
        g_ent, d_ent = np.concatenate(G), np.concatenate(D)
        # legal representatives guaranteeing their own company's loans
        pd_ = firms[rng.random(len(firms)) < 0.012]
        g_all = np.concatenate([g_ent, self.rep[pd_]])
        d_all = np.concatenate([d_ent, pd_])
        is_person = np.r_[np.zeros(len(g_ent), bool), np.ones(len(pd_), bool)]
        k = len(d_all)
        start = np.maximum(
            _day("2012-01-01"),
            np.maximum(self.est[d_all], np.where(is_person, 0, self.est[np.where(is_person, 0, g_all)])) + 30,
        )
        start = np.minimum(start, _TODAY - 10)
        since = start + (rng.random(k) * (_TODAY - 1 - start)).astype(np.int64)
        until = np.where(rng.random(k) < 0.1, -1, since + rng.choice([364, 729, 1094], size=k))
        amount = (np.exp(rng.normal(np.log(300), 1.2, k)) * 100).astype(np.int64) * 100 + 10000
        ok = is_person | (g_all != d_all)
        key = np.where(is_person, -1 - g_all, g_all) * (n + 1) + d_all
        key = key * 100000 + since
        _, first = np.unique(key, return_index=True)
        keep = np.zeros(k, bool)
        keep[first] = True
        ok &= keep
        g_all, d_all, is_person, since, until, amount = (
            x[ok] for x in (g_all, d_all, is_person, since, until, amount)
        )
        guarantor = pc.if_else(
            pa.array(is_person),
            self.ref_str.take(pa.array(np.where(is_person, g_all, 0))),
            self.uscc_str.take(pa.array(np.where(is_person, 0, g_all))),
        )
        return {
            "guarantor": guarantor,
            "debtor": self.uscc_str.take(pa.array(d_all)),
            "amount": _wan(amount),
            "since": _date(since),
            "until": _date(np.maximum(until, 0), mask=until < 0),
        }

    # --------------------------------------------------------------------------------------
    # dirty rows (DIRTY_ROWS says what each breaks)

    def dirty(self, name: str) -> list[dict[str, str]]:
        a = self.uscc_str[len(_ANCHORS) + 1].as_py()
        b = self.uscc_str[len(_ANCHORS) + 2].as_py()
        # Codes no generated enterprise has (generated bodies are digits or start with MA/MJ).
        ghost = _valid_uscc("91230804QQQQQQQQ")
        feb30 = _valid_uscc("91230804QQQQQQQR")
        ref1, ref2 = (f"P{i:0{self.ref_width}d}" for i in (1, 2))
        unknown = "PX999999"
        # files are written in order: the projects exist by the time participations are
        project = self.project_code[0].as_py() if hasattr(self, "project_code") else ""
        court = "佳木斯市中级人民法院"
        market = "佳木斯市市场监督管理局"
        rows: dict[str, list[dict[str, str]]] = {
            "enterprises.csv": [
                {"uscc": _wrong_check(ghost), "name": "佳木斯错码商贸有限公司", "org_type": "enterprise"},
                {"uscc": feb30, "name": "佳木斯错日商贸有限公司", "org_type": "enterprise", "established": "2023-02-30"},
                {"uscc": a, "name": "佳木斯重复商贸有限公司", "org_type": "enterprise"},
            ],
            "persons.csv": [
                {"ref": "PX000001", "name": "错号", "id_number": _wrong_id()},
                {"ref": ref1, "name": "重复"},
                {"ref": ghost, "name": "像代码的人"},
            ],
            "holdings.csv": [
                {"holder": unknown, "target": a, "ratio": "0.1"},
                {"holder": ref2, "target": b, "ratio": "1.5"},
                {"holder": ref2, "target": a, "ratio": "0.1", "since": "2022-05-01", "until": "2021-05-01"},
                {"holder": ref1, "target": b, "ratio": "0.1", "since": "2023-02-30"},
                {"holder": ref1, "target": _wrong_check(a), "ratio": "0.1"},
                {"holder": ref2, "target": a, "ratio": "33.03", "since": "2024-01-01"},
                {"holder": ref1, "target": feb30, "ratio": "0.2"},
            ],
            "roles.csv": [
                {"person": unknown, "enterprise": a, "role": "director"},
                {"person": ref1, "enterprise": a, "role": "director", "since": "2022-05-01", "until": "2021-05-01"},
                {"person": ref1, "enterprise": b, "role": "ceo"},
                {"person": ref2, "enterprise": b, "role": "supervisor", "since": "2023-02-30"},
            ],
            "records.csv": [
                {"record_id": "DIRTY-1", "subject": unknown, "kind": "judgment_debtor", "authority": court, "decision_date": "2024-01-10"},
                {"record_id": "DIRTY-2", "subject": a, "kind": "admin_penalty", "authority": market, "decision_date": "2023-02-30"},
                {"record_id": "DIRTY-3", "subject": a, "kind": "admin_penalty", "authority": market, "decision_date": "2024-03-01", "valid_until": "2024-02-01"},
                {"record_id": "DIRTY-4", "subject": a, "kind": "tax_credit", "authority": "国家税务总局佳木斯市税务局", "decision_date": "2024-04-20"},
                {"record_id": "DIRTY-5", "subject": _wrong_check(b), "kind": "admin_penalty", "authority": market, "decision_date": "2024-03-01"},
            ],
            "projects.csv": [
                {"code": "DIRTY-P1", "name": "日期颠倒项目", "kind": "bidding", "started": "2024-05-01", "ended": "2024-04-01"},
                {"code": "DIRTY-P2", "name": "日期不存在项目", "kind": "procurement", "started": "2023-02-30"},
            ],
            "participations.csv": [
                {"enterprise": a, "project": "NO-SUCH-PROJECT", "role": "bidder"},
                {"enterprise": _wrong_check(a), "project": project, "role": "bidder"},
            ],
            "guarantees.csv": [
                {"guarantor": a, "debtor": b, "amount": "100", "since": "2022-05-01", "until": "2021-05-01"},
                {"guarantor": unknown, "debtor": b, "amount": "100", "since": "2022-05-01"},
                {"guarantor": a, "debtor": _wrong_check(b), "amount": "100", "since": "2022-05-01"},
            ],
        }  # fmt: skip
        out = rows[name]
        assert len(out) == len(DIRTY_ROWS[name])
        return out


_R_AREA_LEN = np.array([len(a) for a in _R_AREA])


def _valid_uscc(first16: str) -> str:
    """A valid USCC from its first 16 characters (head, region, body)."""
    body = np.frombuffer(first16[8:16].encode(), np.uint8)[None, :]
    head = np.frombuffer(first16[:2].encode(), np.uint8)[None, :]
    return uscc_array(head, np.array([int(first16[2:8])]), body)[0].decode()


def _wrong_check(code: str) -> str:
    i = USCC_ALPHABET.index(code[-1])
    return code[:-1] + USCC_ALPHABET[(i + 1) % len(USCC_ALPHABET)]


def _wrong_id() -> str:
    good = resident_id_array(np.array([230804]), np.array([_day("1980-05-06")]), np.array([123]))[0].decode()
    return good[:17] + ("0" if good[17] != "0" else "1")
