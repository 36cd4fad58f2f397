"""How the explorer draws things: colours and shapes per node kind, marks, edge labels, vis options.

Kept apart from the graph logic so the look can change without touching what is shown. Labels
are in Chinese, as the users of the credit platform read them; the legend says both. The edge
kinds' words come from their declaration (`graph_credit.model.EDGE_KINDS`).
"""

from __future__ import annotations

from typing import Any

from graph_credit.model import EDGE_KINDS

# node kind -> (shape, background, border, legend text)
NODE_STYLE: dict[str, tuple[str, str, str, str]] = {
    "Enterprise": ("box", "#dbeafe", "#1d4ed8", "企业 enterprise"),
    "State": ("box", "#e0e7ff", "#3730a3", "机关/国资 state body"),
    "Person": ("ellipse", "#fef3c7", "#b45309", "自然人 person"),
    "Project": ("diamond", "#ede9fe", "#6d28d9", "项目 project"),
    "CreditRecord": ("triangle", "#f3f4f6", "#4b5563", "信用记录 credit record"),
}

# flag -> (border colour, border width, label prefix, legend text); the first flag a node has
# in this order decides its border
FLAG_STYLE: dict[str, tuple[str, int, str, str]] = {
    "sanctioned": ("#dc2626", 5, "⚠ ", "严重失信/失信被执行 serious record in force"),
    "restricted": ("#991b1b", 5, "⊘ ", "联合惩戒受限人员 restricted person"),
    "record": ("#f97316", 4, "! ", "其他不良记录 other adverse record in force"),
    "monitored": ("#ca8a04", 4, "◎ ", "退出黑名单后重点监测 key monitoring after exit (004 §20)"),
    "red_list": ("#16a34a", 4, "★ ", "红名单 red list"),
}
FLAG_ORDER = tuple(FLAG_STYLE)

EDGE_COLOUR: dict[str, str] = {
    "HOLDS": "#2563eb",
    "LEGAL_REP_OF": "#b45309",
    "SERVES_AS": "#d97706",
    "GUARANTEES": "#7c3aed",
    "BRANCH_OF": "#0891b2",
    "PARTICIPATES_IN": "#6d28d9",
    "SUBJECT_OF": "#dc2626",
    "RESPONSIBLE_FOR": "#991b1b",
}
# "持股 holds": both names, declared once on the edge kinds (graph_credit.model)
EDGE_NAME: dict[str, str] = {k: e.caption for k, e in EDGE_KINDS.items()}
ROLE_NAME: dict[str, str] = {
    "legal_rep": "法定代表人",
    "principal": "主要负责人",
    "chair": "董事长",
    "director": "董事",
    "supervisor": "监事",
    "manager": "经理",
    "finance_head": "财务负责人",
}
RECORD_NAME: dict[str, str] = {
    "blacklist": "严重失信",
    "judgment_debtor": "失信被执行人",
    "admin_penalty": "行政处罚",
    "admin_licence": "行政许可",
    "abnormal_operation": "经营异常",
    "tax_credit": "纳税信用",
    "procurement_bad_conduct": "政府采购失信",
    "red_list": "红名单",
}


def legend() -> dict[str, list[dict[str, str]]]:
    """What the page's legend lists: node kinds, marks and edge kinds with their colours."""
    return {
        "nodes": [{"shape": s, "fill": f, "border": b, "text": t} for s, f, b, t in NODE_STYLE.values()],
        "flags": [{"border": c, "prefix": p.strip(), "text": t} for c, _, p, t in FLAG_STYLE.values()],
        "edges": [{"colour": EDGE_COLOUR[k], "text": EDGE_NAME[k]} for k in EDGE_COLOUR],
    }


def options(layout: str, nodes: int = 0) -> dict[str, Any]:
    """vis-network options. Physics is tuned so that a few hundred nodes settle well within two
    seconds and stay put: it starts from the radial layout `explore.radial_layout` computes, runs
    ForceAtlas2 (measured cheaper per iteration than Barnes-Hut at this size) for at most 120
    iterations with strong damping, no Kamada-Kawai pre-layout (quadratic) and straight edges
    (curves cost a support node per edge in the simulation); the page then turns physics off.
    Small pictures (`nodes` up to 120) also keep boxes from overlapping."""
    common: dict[str, Any] = {
        "interaction": {"hover": True, "tooltipDelay": 120, "keyboard": False, "multiselect": False},
        "edges": {
            "smooth": False,
            "font": {"size": 11, "strokeWidth": 3, "color": "#374151"},
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "width": 1.4,
        },
        "nodes": {
            "font": {"size": 14, "face": "sans-serif"},
            "margin": 8,
            "widthConstraint": {"maximum": 190},
        },
    }
    if layout in ("tree_up", "tree_down", "path"):
        return {
            **common,
            "layout": {
                "hierarchical": {
                    "enabled": True,
                    "direction": "LR" if layout == "path" else "UD",
                    "sortMethod": "directed",
                    "levelSeparation": 260 if layout == "path" else 140,
                    "nodeSpacing": 210,
                    "treeSpacing": 220,
                    "blockShifting": True,
                    "edgeMinimization": True,
                    "parentCentralization": True,
                }
            },
            "physics": {"enabled": False},
        }
    return {
        **common,
        "layout": {"improvedLayout": False, "randomSeed": 7},
        "physics": {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -80,
                "centralGravity": 0.01,
                "springLength": 120,
                "springConstant": 0.06,
                "damping": 0.6,
                # pushing overlapping boxes apart is worth its cost only while there are few
                "avoidOverlap": 0.6 if nodes <= 120 else 0,
            },
            "maxVelocity": 40,
            "minVelocity": 2,
            "timestep": 0.5,
            "stabilization": {"enabled": True, "iterations": 120, "updateInterval": 40, "fit": True},
        },
    }
