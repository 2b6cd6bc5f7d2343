"""Unit tests of plan_graph.web: the pages and the endpoint, in process."""
