"""Unit tests of plan_graph.release: the export (DCAT, VoID, tables, site) and the round reports."""
