"""The tests: unit tests by the package they test, integration, browser and property tests apart (README.md)."""

import pytest

# the helpers' asserts are rewritten as a test module's are, so that a failure shows the values compared
pytest.register_assert_rewrite("tests.support")
