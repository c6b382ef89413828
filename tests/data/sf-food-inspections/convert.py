#!/usr/bin/env python3
"""Turns San Francisco's restaurant inspections (this folder's sample) into RiskEngine v1 signals and a backtest
outcomes CSV. Usage: python3 convert.py OUT_DIR  ->  OUT_DIR/signals.jsonl, OUT_DIR/outcomes.csv

Each routine inspection becomes an `inspection` signal of an entity (a USCC made from the business id, valid check
character, one of Wuhan's 13 districts by business id): result `pass` without violations, else `issues` with one finding
per violation, its severity from the violation's SF risk category (see SEVERITY below). Each inspection is also an
outcome: label 1 when its score is below 86 ("Needs Improvement" or "Poor" in SF's own bands, legend.csv), else 0.
The backtest scores every outcome over the signals that occurred before its date, so an inspection never scores itself.
"""
import csv, gzip, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
DISTRICTS = ["420102", "420103", "420104", "420105", "420106", "420107", "420111", "420112", "420113", "420114", "420115", "420116", "420117"]
BAD_BELOW = 86

# SF classifies each violation as high, moderate or low risk. This copy of the data lacks that column, so the
# category is read from the description: eight descriptions name it; the others are placed by what they describe
# (food contact, temperature control, hands, water and sewage, food source: high; premises, paperwork, storage of
# non-food items: low; everything else moderate). An approximation of SF's table, used only for findings' severity.
HIGH = ("high risk", "other high risk", "unclean or unsanitary food contact surfaces", "improper cooling methods",
        "unclean hands or improper use of gloves", "no hot water or running water", "contaminated or adulterated food",
        "employee eating or smoking", "improper reheating of food", "sewage or wastewater contamination",
        "unapproved food source", "improper cooking time or temperatures", "reservice of previously served foods",
        "discharge from employee nose mouth or eye", "unreported or unrestricted ill employee",
        "prohibited food served to sensitive population", "unauthorized or unsafe use of time as a public health control")
LOW = ("low risk", "other low risk", "unclean or degraded floors walls or ceilings", "unapproved or unmaintained equipment",
       "wiping cloths", "improper food storage", "unclean nonfood contact surfaces", "food safety certificate",
       "improper storage of equipment utensils or linens", "permit license or inspection report not posted",
       "inadequate ventilation or lighting", "inadequate dressing rooms", "unclean unmaintained or improperly constructed toilet",
       "improper or defective plumbing", "inadequate warewashing facilities", "no thermometers",
       "inadequate or unsanitary refuse containers", "worker safety hazards", "unsanitary employee garments",
       "improper food labeling", "consumer advisory not provided", "improperly displayed mobile food permit",
       "mobile food facility", "no plan review", "noncompliance with shell fish tags", "noncompliance with cottage food")


def severity(description):
    text = re.sub(r"\s*\[.*", "", description).strip().lower()
    if text.startswith(HIGH):
        return "critical"
    if text.startswith(LOW):
        return "minor"
    return "major"


def uscc(business_id):
    body = "91" + DISTRICTS[business_id % len(DISTRICTS)] + f"{business_id:09d}"
    total = sum(CHARSET.index(c) * w for c, w in zip(body, WEIGHTS))
    return body + CHARSET[(31 - total % 31) % 31]


def main(out_dir):
    os.makedirs(out_dir, exist_ok=True)
    findings = {}
    with gzip.open(os.path.join(HERE, "violations.csv.gz"), "rt", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            findings.setdefault((int(row["business_id"]), row["date"]), []).append(severity(row["description"]))
    with gzip.open(os.path.join(HERE, "inspections.csv.gz"), "rt", encoding="utf-8") as f:
        inspections = sorted(
            (int(r["business_id"]), r["date"], int(r["score"])) for r in csv.DictReader(f) if r["score"] and r["type"] == "routine")
    with open(os.path.join(out_dir, "signals.jsonl"), "w", encoding="utf-8") as signals, \
         open(os.path.join(out_dir, "outcomes.csv"), "w", encoding="utf-8", newline="") as outcomes:
        labels = csv.writer(outcomes)
        labels.writerow(["subject", "date", "label"])
        for business_id, date, score in inspections:
            found = findings.get((business_id, date), [])
            day = f"{date[0:4]}-{date[4:6]}-{date[6:8]}"
            signals.write(json.dumps({
                "source": "sfdph", "sourceId": f"{business_id}_{date}", "kind": "inspection",
                "subjectId": uscc(business_id), "occurredAt": f"{day}T10:00:00-08:00",
                "data": {"result": "issues" if found else "pass", "findings": [{"severity": s} for s in found]},
            }, separators=(",", ":")) + "\n")
            labels.writerow([uscc(business_id), day, 1 if score < BAD_BELOW else 0])
    print(f"{len(inspections)} inspections -> {out_dir}/signals.jsonl and {out_dir}/outcomes.csv")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: convert.py OUT_DIR")
    main(sys.argv[1])
