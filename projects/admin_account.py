"""The account page, where a user without a first and last name can still change their admin language.

Wagtail's account page saves all its panels in one form, and its name panel requires a first and last name:
a user made by `createsuperuser` or a command has neither, and could not change the admin language (nor any
other preference) without first inventing a name. Here the names may stay empty. The site mounts this view at
the account page's address, ahead of Wagtail's admin URLs (see cms/urls.py).
"""

from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.forms.account import NameEmailForm
from wagtail.admin.views.account import AccountView, NameEmailSettingsPanel


class NamesOptionalForm(NameEmailForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["first_name"].required = False
        self.fields["last_name"].required = False


class NamesOptionalPanel(NameEmailSettingsPanel):
    form_class = NamesOptionalForm


class KronikaAccountView(AccountView):
    def get_panels(self) -> list:
        return [
            NamesOptionalPanel(panel.request, panel.user, panel.profile)
            if type(panel) is NameEmailSettingsPanel
            else panel
            for panel in super().get_panels()
        ]


account_view = never_cache(require_admin_access(KronikaAccountView.as_view()))
