"""Signed webhooks: partners subscribe to content events and receive them as JSON signed with HMAC-SHA256."""
