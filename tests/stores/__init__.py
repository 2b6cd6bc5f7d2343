"""Unit tests of plan_graph.stores: how a query's text is read before it runs."""
