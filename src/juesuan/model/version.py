"""The package version, in one place (the report page and meta.json show it)."""

__version__ = "0.1.0"
