"""The JSON shapes of the public API: what a page, a block or a snippet emits, and its JSON Schema.

Pure functions and serializer fields on the values and objects passed in. This package imports no
models of Kronika and nothing of projects.api, so the models, the blocks, feeds, webhooks and the
API's views all share it without an import cycle (tests/test_architecture.py holds that).
"""
