"""Verifying cited sources on the web: `citecheck verify`.

Nothing here is imported on the lint path; requests and bs4 load only when a
verification runs. Start at `checks.verify_reports`.
"""
