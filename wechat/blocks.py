"""
A "follow us on WeChat" block: the Official Account's QR code from the site settings, with its name and the
right instruction for the device (a phone cannot scan its own screen: it is told to long-press the code).

Editors place it in a page body once it is in the body's block list: see the README's "WeChat" section
(the body blocks live in the base app, which must not import this one).
"""

from django.utils.translation import pgettext_lazy

from wagtail import blocks


class WeChatFollowBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        required=False,
        label=pgettext_lazy("wechat", "Heading"),
        help_text=pgettext_lazy("wechat", "Left empty: “Follow us on WeChat”."),
    )
    text = blocks.CharBlock(
        required=False,
        label=pgettext_lazy("wechat", "Text"),
        help_text=pgettext_lazy("wechat", "Optional: what readers find on the account."),
    )

    class Meta:
        icon = "mail"
        label = pgettext_lazy("wechat", "Follow us on WeChat")
        template = "wechat/blocks/follow_block.html"
        description = pgettext_lazy("wechat", "The Official Account's QR code from the site settings.")
        preview_value = {"heading": "", "text": ""}
