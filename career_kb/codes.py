"""Occupation codes: their one normal form, and the codes BLS publishes figures under.

O*NET-SOC codes are written ``15-1252.00``; their first seven characters are the SOC 2018 code
(``15-1252``) that BLS keys its wages and projections by. People type codes loosely ("15-1252",
"151252", "15-1252.0"): :func:`onet_code` and :func:`soc_code` are the only places that read them.

BLS aggregates
--------------
BLS publishes a few occupations only together with their neighbours. OEWS May 2025 and Employment
Projections 2024–34 each have one row for twelve such groups (``31-1120`` "Home Health and Personal
Care Aides" for O*NET's ``31-1121`` Home Health Aides and ``31-1122`` Personal Care Aides, ...), and
no row for the detailed codes inside them. :data:`BLS_AGGREGATE_OF` says which row stands for which
detailed code; the query API joins wages and projections through :func:`bls_soc_code`.

How the map was derived (and how ``tests/kb/test_codes.py`` checks it against the official files):
the SOC 2018 structure puts a detailed occupation in a broad group named by its first six
characters (``21-101``, broad group ``21-1010`` Counselors). For every SOC code of an O*NET-SOC
occupation (``onet/Occupation Data.txt``) that has no detailed row (``display_level`` 3) in
``bls/oews_national_may2025.csv``, the broad group holds exactly one OEWS detailed code that is not
an O*NET occupation's SOC code: the aggregate BLS publishes for it (``21-1018`` "Substance Abuse,
Behavioral Disorder, and Mental Health Counselors" for ``21-1011`` and ``21-1014``). Each aggregate
is also a "Line item" of ``bls/ep_table_1_2_occupational_projections_2024_34.csv``. BLS's own
titles say the same ("..., Except Coil Winders, Tapers, and Finishers" next to the separately
published ``51-2021`` Coil Winders). Occupations with no row in their broad group either
(Legislators, Fishing and Hunting Workers, the military ``55-`` occupations) stay without figures.
"""

from __future__ import annotations

import re

#: SOC 2018 detailed code of an O*NET-SOC occupation → the BLS aggregate code that OEWS May 2025 and
#: Employment Projections 2024–34 publish its figures under (derivation: the module docstring).
BLS_AGGREGATE_OF: dict[str, str] = {
    # 13-1020 Buyers and Purchasing Agents
    "13-1021": "13-1020",  # Buyers and Purchasing Agents, Farm Products
    "13-1022": "13-1020",  # Wholesale and Retail Buyers, Except Farm Products
    "13-1023": "13-1020",  # Purchasing Agents, Except Wholesale, Retail, and Farm Products
    # 13-2020 Property Appraisers and Assessors
    "13-2022": "13-2020",  # Appraisers of Personal and Business Property
    "13-2023": "13-2020",  # Appraisers and Assessors of Real Estate
    # 21-1018 Substance Abuse, Behavioral Disorder, and Mental Health Counselors
    "21-1011": "21-1018",  # Substance Abuse and Behavioral Disorder Counselors
    "21-1014": "21-1018",  # Mental Health Counselors
    # 25-2052 Special Education Teachers, Kindergarten and Elementary School
    "25-2055": "25-2052",  # Special Education Teachers, Kindergarten
    "25-2056": "25-2052",  # Special Education Teachers, Elementary School
    # 25-9045 Teaching Assistants, Except Postsecondary
    "25-9042": "25-9045",  # Teaching Assistants, Preschool, Elementary, Middle, and Secondary School, ...
    "25-9043": "25-9045",  # Teaching Assistants, Special Education
    "25-9049": "25-9045",  # Teaching Assistants, All Other
    # 29-2010 Clinical Laboratory Technologists and Technicians
    "29-2011": "29-2010",  # Medical and Clinical Laboratory Technologists (and .01, .02, .04)
    "29-2012": "29-2010",  # Medical and Clinical Laboratory Technicians (and .01)
    # 31-1120 Home Health and Personal Care Aides
    "31-1121": "31-1120",  # Home Health Aides
    "31-1122": "31-1120",  # Personal Care Aides
    # 39-7010 Tour and Travel Guides
    "39-7011": "39-7010",  # Tour Guides and Escorts
    "39-7012": "39-7010",  # Travel Guides
    # 47-4090 Miscellaneous Construction and Related Workers
    "47-4091": "47-4090",  # Segmental Pavers
    "47-4099": "47-4090",  # Construction and Related Workers, All Other (and .03)
    # 51-2028 Electrical, Electronic, and Electromechanical Assemblers, Except Coil Winders, ...
    "51-2022": "51-2028",  # Electrical and Electronic Equipment Assemblers
    "51-2023": "51-2028",  # Electromechanical Equipment Assemblers
    # 51-2090 Miscellaneous Assemblers and Fabricators
    "51-2092": "51-2090",  # Team Assemblers
    "51-2099": "51-2090",  # Assemblers and Fabricators, All Other
    # 53-1047 First-Line Supervisors of Transportation and Material Moving Workers, Except Aircraft ...
    "53-1042": "53-1047",  # First-Line Supervisors of Helpers, Laborers, and Material Movers, Hand (and .01)
    "53-1043": "53-1047",  # First-Line Supervisors of Material-Moving Machine and Vehicle Operators
    "53-1044": "53-1047",  # First-Line Supervisors of Passenger Attendants
    "53-1049": "53-1047",  # First-Line Supervisors of Transportation Workers, All Other
}

_CODE = re.compile(r"^(\d{2})-?(\d{4})(?:\.(\d{1,2}))?$")
#: A code inside a sentence: written with its hyphen ("what is 15-1252?", "show 29-1141.01").
_CODE_IN_TEXT = re.compile(r"(?<![\w.-])(\d{2}-\d{4}(?:\.\d{1,2})?)(?![\w-]|\.\d)")


def _parts(text: object) -> tuple[str, str | None] | None:
    """("15-1252", "00" or None) for a code-shaped ``text``, else None."""
    if text is None:
        return None
    found = _CODE.match(str(text).strip())
    if not found:
        return None
    major, detail, suffix = found.groups()
    return f"{major}-{detail}", (suffix.ljust(2, "0") if suffix is not None else None)


def onet_code(text: object) -> str | None:
    """The O*NET-SOC code ``text`` writes ("15-1252", "151252", "15-1252.0" → "15-1252.00"), or None.

    A SOC code without the O*NET suffix means its broad O*NET occupation (``.00``).
    """
    parts = _parts(text)
    if parts is None:
        return None
    soc, suffix = parts
    return f"{soc}.{suffix or '00'}"


def find_onet_code(text: object) -> str | None:
    """The O*NET-SOC code a message is or contains ("15-1252", "tell me about 29-1141.01"), normalised.

    A whole message may be written loosely ("151252"); inside a sentence only the hyphenated form
    counts, so other numbers (a ZIP code, a salary) are never read as codes.
    """
    whole = onet_code(text)
    if whole is not None or text is None:
        return whole
    found = _CODE_IN_TEXT.search(str(text))
    return onet_code(found.group(1)) if found else None


def soc_code(text: object) -> str | None:
    """The SOC code of a SOC or O*NET-SOC code as typed ("15-1252.01", "151252" → "15-1252"), or None."""
    parts = _parts(text)
    return parts[0] if parts else None


def bls_soc_code(soc: str) -> str:
    """The code BLS publishes the figures of SOC code ``soc`` under: its aggregate, else ``soc`` itself."""
    return BLS_AGGREGATE_OF.get(soc, soc)


def aggregate_members(aggregate: str) -> tuple[str, ...]:
    """The SOC detailed codes whose figures BLS publishes only as ``aggregate`` (none for other codes)."""
    return tuple(sorted(soc for soc, agg in BLS_AGGREGATE_OF.items() if agg == aggregate))
