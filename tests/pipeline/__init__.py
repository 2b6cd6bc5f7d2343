"""Unit tests of plan_graph.pipeline: the monitoring forms written and imported."""
