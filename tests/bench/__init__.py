"""The benchmark harness of bench/."""
