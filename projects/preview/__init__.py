"""Headless preview: an editor previews a draft on a partner's front end, which reads it with a short-lived token."""
