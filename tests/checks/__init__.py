"""Unit tests of plan_graph.checks: SHACL shapes and engine, OWL reasoning."""
