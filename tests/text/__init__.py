"""Unit tests of plan_graph.text: reading the plan, the registry and the curated tables."""
