"""Atom and JSON Feed 1.1 of event reports, per language, project and program, read through the public API."""
