"""Integration tests: real `plan-graph serve` processes, real triple stores, the command line end to end."""
