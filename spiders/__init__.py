"""Spiders and the site registry: what govarchive crawls and how it walks each site."""
