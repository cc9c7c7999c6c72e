"""Translation with wagtail-localize: what translators see, status, machine translation, roles and locales."""
