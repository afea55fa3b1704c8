"""
The admin's sign-in form with its password field labelled through the catalogue.

Wagtail 7.4's `LoginForm` declares its password field without a label, so Django names it after the field:
"Password", in English, above the Chinese placeholder 输入密码. Installed with Wagtail's own setting
WAGTAILADMIN_USER_LOGIN_FORM; everything else is Wagtail's form.
"""

from django.utils.translation import gettext_lazy

from wagtail.admin.forms.auth import LoginForm


class TranslatedLoginForm(LoginForm):
    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["password"].label = gettext_lazy("Password")
