"""Local development: debug on, a fixed throwaway key, loopback hosts only."""

from .base import *  # noqa: F403
from .env import env_list, env_str

DEBUG = True
# Development only: production.py refuses to start without a real SECRET_KEY.
SECRET_KEY = env_str("SECRET_KEY", "django-insecure-kronika-development-only")  # noqa: S105
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
