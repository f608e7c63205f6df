import pytest

from matching.normalise import Normaliser


@pytest.fixture(scope="session")
def normaliser() -> Normaliser:
    """One normaliser for the whole run: loading the vocabulary and the fuzzy index takes a moment."""
    return Normaliser()
