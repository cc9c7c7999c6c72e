"""The OpenAPI 3.1 document of the public API, and the views that serve it and its docs page."""
