"""The fixture package for pyward's editor tests."""
