"""Kronika's public delivery API: endpoints and the layers around them."""
