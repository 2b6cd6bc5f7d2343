"""Property-based and mutation tests (hypothesis)."""
