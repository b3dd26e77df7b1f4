"""Paths of the API outside the router."""

from django.urls import re_path

# Paths have no trailing slash (NL API Design Rules, /core/no-trailing-slash); the paths of contract
# v1.0, with one, answer exactly the same. Not a redirect: a client that follows a 301 after a POST
# would send a GET without its body. The group is non-capturing, so the document and `reverse()`
# show the path without the slash.
OPTIONELE_SLASH = "(?:/)?"


def api_pad(pad: str, view, name: str):
    """A URL pattern for one path of the API outside the router, with the same optional slash."""
    return re_path(rf"^{pad}{OPTIONELE_SLASH}$", view, name=name)
