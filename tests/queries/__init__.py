"""The saved queries of queries/: each answer against what the plan says, on the embedded store."""
