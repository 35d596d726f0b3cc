"""Loaded with `-p` before pytest-django reads the settings: the suite runs with BISTAND_ENV=test."""

import os

os.environ.setdefault("BISTAND_ENV", "test")
