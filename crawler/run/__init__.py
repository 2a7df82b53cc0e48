"""Run: the command line, crawl plans, the nightly schedule and distributed workers.

The top of the house: it wires the rooms below (navigate, fetch, extract, keep, publish)
into crawls and servers. Nothing below imports from here.
"""
