"""Kronika's public delivery API on Wagtail's API v2: endpoints, filters and the JSON they emit."""
