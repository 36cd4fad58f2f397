"""Internal codes: organisation kinds, company roles in the ownership structure, person roles."""

from __future__ import annotations

import numpy as np

from graph_credit.model import OrgType, Role

# Organisation kinds (internal) -> USCC head and org_type.
K_COMPANY, K_COOP, K_INDIVIDUAL, K_PUBLIC, K_SOCIAL, K_GOV = range(6)
KIND_P = np.array([0.645, 0.025, 0.30, 0.015, 0.012, 0.003])
KIND_P = KIND_P / KIND_P.sum()
ORG_TYPE = (
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


ROLE_CODES = (
    Role.LEGAL_REP,
    Role.PRINCIPAL,
    Role.CHAIR,
    Role.DIRECTOR,
    Role.SUPERVISOR,
    Role.MANAGER,
    Role.FINANCE_HEAD,
)
RO_LEGAL, RO_PRINCIPAL, RO_CHAIR, RO_DIRECTOR, RO_SUPERVISOR, RO_MANAGER, RO_FINANCE = range(7)
