"""Bulk demo member units for measurements at the original site's size (`manage.py populate_bulk`)."""

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date

from .models import Industry, MemberGrade, MemberUnit

NAME_ZH = "示例会员单位{:04d}（演示数据）"
NAME_EN = "Sample Member {:04d} (demo data)"


def build_members(count: int, progress: Callable[[str, int], AbstractContextManager]) -> int:
    """Published sample member units numbered 1…count, both languages; existing ones are kept."""
    industries = list(Industry.objects.all())
    grades = list(MemberGrade.objects.all())
    if not industries or not grades:
        return 0
    wanted = {NAME_ZH.format(n): n for n in range(1, count + 1)}
    existing = set(
        MemberUnit.objects.filter(is_sample=True, name_zh_hans__in=wanted).values_list("name_zh_hans", flat=True)
    )
    missing = [name for name in wanted if name not in existing]
    with progress("member units", len(missing)) as bar:
        for name in missing:
            number = wanted[name]
            industry = industries[number % len(industries)]
            MemberUnit.objects.create(
                is_sample=True,
                published=True,
                name_zh_hans=name,
                name_en=NAME_EN.format(number),
                description_zh_hans=f"这是演示数据，并非真实的会员单位。主营{industry.name_zh_hans}。",
                description_en=f"This is demo data, not a real member organisation. Works in {industry.name_en}.",
                industry=industry,
                grade=grades[number % len(grades)],
                member_since=date(2010 + number % 15, 1 + number % 12, 1),
            )
            bar.update(1)
    return len(missing)
