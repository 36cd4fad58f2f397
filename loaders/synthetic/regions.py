"""The main city, its districts and counties, the other seed regions, and the government
bodies (anchors) always present."""

from __future__ import annotations

import numpy as np

# Geography. code, admin name, city, name prefix (企业名称的行政区划), short, province, phone
# area code, weight of registrations, court code (案号).
REGIONS = (
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
R_CODE = np.array([int(r[0]) for r in REGIONS], np.int64)
R_CODE_STR = [r[0] for r in REGIONS]
R_ADMIN = [r[1] for r in REGIONS]
R_CITY = [r[2] for r in REGIONS]
R_PREFIX = [r[3] for r in REGIONS]
R_SHORT = [r[4] for r in REGIONS]
R_PROVINCE = [r[5] for r in REGIONS]
R_AREA = [r[6] for r in REGIONS]
_R_WEIGHT = np.array([r[7] for r in REGIONS])
R_P = _R_WEIGHT / _R_WEIGHT.sum()
R_COURT = [r[8] for r in REGIONS]
R_COURT_CITY = [r[8][:3] for r in REGIONS]  # 黑0804 -> 黑08
R_CITY_LEVEL = np.array([r[0].endswith("00") for r in REGIONS])
R_ADDRESS = [
    prov + ("" if admin.startswith(city) else city) + admin
    for prov, admin, city in zip(R_PROVINCE, R_ADMIN, R_CITY, strict=True)
]
MAIN = np.array([c.startswith("2308") for c in R_CODE_STR])
MAIN_IDX = np.flatnonzero(MAIN)
MAIN_P = _R_WEIGHT[MAIN] / _R_WEIGHT[MAIN].sum()
CITY_CORE = np.array([c in ("230800", "230803", "230804", "230805", "230811") for c in R_CODE_STR])

# Government bodies always present (机关, USCC 11...): state holders and record authorities.
ANCHORS = (
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
A_SASAC, A_FINANCE = 0, 1


def _state_owner_by_region() -> np.ndarray:
    """The anchor that holds the state enterprises registered in each region."""
    owner = np.zeros(len(REGIONS), np.int64)
    by_code = {code: i for i, (_, code, _) in enumerate(ANCHORS)}
    for r, code in enumerate(R_CODE_STR):
        if CITY_CORE[r]:
            owner[r] = A_SASAC
        elif code in by_code:
            owner[r] = by_code[code]
        else:  # a district of another city: that city's holder
            owner[r] = by_code[code[:4] + "00"]
    return owner


STATE_OWNER = _state_owner_by_region()


R_AREA_LEN = np.array([len(a) for a in R_AREA])
