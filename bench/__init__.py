"""Benchmarks of plan-graph: `python -m bench` (see bench/README.md)."""
