"""The MQA scores (mqa.py) as a reader sees them: text lines for a terminal, or JSON for a program."""

from __future__ import annotations

import json
from fractions import Fraction

from plan_graph.release.mqa import DatasetScore, Finding, MqaReport
from plan_graph.release.mqa_indicators import DATASET, METHODOLOGY


def points(value: Fraction) -> str:
    """Points as the report writes them: whole, or to one decimal (a share of the distributions)."""
    return str(value.numerator) if value.denominator == 1 else f"{float(value):.1f}"


def render_mqa(report: MqaReport, format: str = "text") -> str:
    if format == "json":
        return json.dumps(_as_json(report), ensure_ascii=False, indent=2) + "\n"
    lines = [f"MQA: data.europa.eu's Metadata Quality Assessment of each dataset ({METHODOLOGY})"]
    for score in report.datasets:
        lines += ["", *_dataset_lines(score, report.maximum)]
    if report.notes:
        lines += ["", "Measured here otherwise than on the portal:", *(f"  {note}" for note in report.notes)]
    return "\n".join(lines) + "\n"


def _dataset_lines(score: DatasetScore, maximum: int) -> list[str]:
    lines = [f"<{score.dataset}> {score.title}".rstrip()]
    dimensions: dict[str, list[Finding]] = {}
    for finding in score.findings:
        dimensions.setdefault(finding.indicator.dimension, []).append(finding)
    for dimension, findings in dimensions.items():
        earned = sum((finding.points for finding in findings), Fraction(0))
        possible = sum(finding.indicator.points for finding in findings)
        lines.append(f"  {dimension:<40} {points(earned):>5}/{possible}")
        for finding in findings:
            lines.append(f"    {finding.indicator.name:<38} {_earned(finding)}{_share(finding)}")
            lines += [f"      missing: {what}" for what in finding.missing]
            lines += [f"      {remark}" for remark in finding.remarks]
    lines.append(f"  total {points(score.total)}/{maximum}: {score.rating}")
    return lines


def _earned(finding: Finding) -> str:
    return f"{points(finding.points):>5}/{finding.indicator.points}"


def _share(finding: Finding) -> str:
    if finding.indicator.on == DATASET:
        return ""
    return f"  ({finding.met} of {finding.of} distributions)"


def _as_json(report: MqaReport) -> dict[str, object]:
    return {
        "methodology": METHODOLOGY,
        "maximum": report.maximum,
        "datasets": [
            {
                "dataset": score.dataset,
                "title": score.title,
                "total": _number(score.total),
                "rating": score.rating,
                "indicators": [
                    {
                        "dimension": finding.indicator.dimension,
                        "indicator": finding.indicator.name,
                        "points": _number(finding.points),
                        "possible": finding.indicator.points,
                        "on": finding.indicator.on,
                        "met": finding.met,
                        "of": finding.of,
                        "missing": list(finding.missing),
                        "remarks": list(finding.remarks),
                    }
                    for finding in score.findings
                ],
            }
            for score in report.datasets
        ],
        "notes": list(report.notes),
    }


def _number(value: Fraction) -> int | float:
    return value.numerator if value.denominator == 1 else round(float(value), 2)
