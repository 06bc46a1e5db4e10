"""Production serving of the built site: precompression, security and cache headers.

One source (policy.py) feeds both the nginx configuration and the CDN `_headers`
file, and the Content-Security-Policy hashes come from the pages the build wrote.
Run after `mkdocs build` by `make build`: python -m serving finish site
"""
