"""Small builders shared by the tests of the Qt-free core (tests/test_core_*.py)."""

from __future__ import annotations

from app.draft import Draft, new_draft

APPLICANTS = ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other"]
T3_COLUMNS = APPLICANTS + ["total"]
# Written out by hand (not read from the definitions): the outcome rows （七）总计 adds up.
OUTCOMES_COMMON = (
    ["open", "partial"]
    + [f"withheld_{s}" for s in ("secret", "prohibited", "security", "third_party", "internal", "process",
                                 "enforcement", "query")]
    + [f"unavailable_{s}" for s in ("not_held", "needs_creation", "unclear")]
    + [f"unprocessed_{s}" for s in ("petition", "repeat", "publication", "abusive", "confirmation")]
)
OUTCOMES = {"2019": OUTCOMES_COMMON + ["other"],
            "2021": OUTCOMES_COMMON + ["other_no_correction", "other_no_fee", "other_other"]}
T3_INPUT_ROWS = {fid: ["new_received", "carried_in", *rows, "carried_over"] for fid, rows in OUTCOMES.items()}
T4_GROUPS = ["review", "direct_suit", "suit_after_review"]
T4_OUTCOMES = ["upheld", "corrected", "other", "pending"]

YEAR = {"2019": 2020, "2021": 2025}


def zero_draft(fid: str = "2021", text: bool = True) -> Draft:
    """A complete, clean draft: every input cell 0 and every section written."""
    d = new_draft(YEAR[fid], "某某局", fid)
    for table in d.format.tables:
        for _, row, col in table.input_cells():
            d.set(table.id, row.id, col.id, "0" if col.kind.value == "money" else 0)
    if text:
        for sid in ("overview", "problems", "other"):
            d.section(sid).text = "有内容。"
        # 五 must name problems and measures, or problems-empty warns (evaluators count 「无」 as a failure).
        d.section("problems").text = "一是信息发布不够及时。二是解读形式单一。下一步将加强培训和督促。"
        d.fee_statement = f"{d.year}年，无收取信息处理费情况。" if fid == "2021" else ""
    return d


def by_rule(findings, rule: str) -> list:
    return [f for f in findings if f.rule == rule]
