"""Helpers that more than one test module uses: paths and tools, the plan as read by eye, servers, stores,
browsers."""
