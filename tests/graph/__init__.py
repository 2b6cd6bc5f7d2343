"""Unit tests of plan_graph.graph: the RDF made from the text, links, statistics, the ontology, entailments."""
