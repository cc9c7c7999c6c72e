"""Local development: debug on, a fixed throwaway key, loopback hosts only."""

from .base import *  # noqa: F403
from .env import env_list, env_str

DEBUG = True
# Development only: production.py refuses to start without a real SECRET_KEY.
SECRET_KEY = env_str("SECRET_KEY", "django-insecure-kronika-development-only")  # noqa: S105
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# The local receiver (manage.py webhook_receiver) listens on the loopback interface.
KRONIKA_WEBHOOK_ALLOWED_NETWORKS = env_list("WEBHOOK_ALLOWED_NETWORKS", "127.0.0.1/32,::1/128")
