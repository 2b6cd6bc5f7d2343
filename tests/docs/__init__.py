"""What docs/ and the README say, checked against the graph and the running code."""
