"""govarchive: a scheduled crawler and archive of Chinese government and CPPCC notice pages."""

__version__ = "0.1.0"
