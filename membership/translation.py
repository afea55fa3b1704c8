"""django-modeltranslation: reference data edited as one bilingual record (name_zh_hans / name_en)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Industry, MemberGrade, MemberUnit


@register(Industry)
class IndustryTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(MemberGrade)
class MemberGradeTranslationOptions(TranslationOptions):
    fields = ("name", "description")


@register(MemberUnit)
class MemberUnitTranslationOptions(TranslationOptions):
    fields = ("name", "short_name", "description", "address")
