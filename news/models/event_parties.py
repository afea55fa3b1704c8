"""Who is behind an event: its organisers (by role) and its contact people, translated with the page."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from modelcluster.fields import ParentalKey

from home.phones import PhoneField


class EventOrganiser(TranslatableMixin, Orderable):
    """A guidance unit, organiser, host or supporter of an event, with its translated name."""

    class Role(models.TextChoices):
        GUIDANCE = "guidance", _("Guided by")
        HOST = "host", _("Hosted by")
        ORGANISER = "organiser", _("Organised by")
        CO_ORGANISER = "co_organiser", _("Co-organised by")
        SUPPORTER = "supporter", _("Supported by")

    page = ParentalKey("news.EventPage", related_name="organisers", on_delete=models.CASCADE)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    name = models.CharField(pgettext_lazy("field", "name"), max_length=200)

    panels = [FieldPanel("role"), FieldPanel("name")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("organiser")


class EventContact(TranslatableMixin, Orderable):
    """
    A contact person of an event (the talent fair names three). The name is translated (“Fiona陈老师” /
    “Fiona Chen”); the phone number, e-mail address and WeChat ID are the same on both pages.
    """

    page = ParentalKey("news.EventPage", related_name="contacts", on_delete=models.CASCADE)
    name = models.CharField(_("contact person"), max_length=100)
    phone = PhoneField(
        _("phone"), max_length=40, blank=True, help_text=_("As you would dial it in China, e.g. 18180925192.")
    )
    email = models.EmailField(_("e-mail"), blank=True)
    wechat = models.CharField(
        _("WeChat ID"), max_length=60, blank=True, help_text=_("Leave blank if it is the phone number; tick below.")
    )
    wechat_is_phone = models.BooleanField(_("WeChat ID is the phone number"), default=False)

    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("phone"),
        SynchronizedField("email"),
        SynchronizedField("wechat"),
        SynchronizedField("wechat_is_phone"),
    ]
    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
        FieldRowPanel([FieldPanel("wechat"), FieldPanel("wechat_is_phone")]),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
