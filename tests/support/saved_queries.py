"""What the saved queries (queries/*.rq) answer on the bundled data, where several test modules need it."""

from __future__ import annotations

# saved queries whose right answer on the bundled data is empty, and why
EMPTY_TODAY = {
    "assessment-disagreements": "no self-reports are shipped (tests/queries/test_monitoring_queries.py makes some)",
    "indicator-values": "no reported values are shipped (tests/queries/test_monitoring_queries.py makes some)",
    "self-reports": "no self-reports are shipped (tests/queries/test_monitoring_queries.py makes some)",
    "self-report-disagreements": "no self-reports are shipped (tests/queries/test_monitoring_queries.py makes some)",
    "round-values": "no reported values are shipped (tests/release/test_round_report.py makes some)",
}
