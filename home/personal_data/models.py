"""The permission to find, export and erase one person's data (a model with no table, holding the permission)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

MANAGE_PERMISSION = "home.manage_personal_data"


class PersonalData(models.Model):
    """
    Holds the secretariat's permission over personal data, and names the audit entries about it.

    Unmanaged, without a table: Django permissions hang on a model, and the site history shows entries
    about one person's data under this type ("personal data") to whoever holds the permission.
    """

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [("manage_personal_data", _("Can find, export and erase one person's personal data"))]
        verbose_name = _("personal data")
        verbose_name_plural = _("personal data")

    def __str__(self):
        return str(self._meta.verbose_name)
