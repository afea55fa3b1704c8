"""The membership app's seed content: the directory and Join pages, reference data, sample members."""

from datetime import date
from pathlib import Path

from django.conf import settings

from home.content.loader import ContentLoader, PageSpec
from home.editorial.roles import ensure_section_editors
from home.models import StandardPage

from .models import Industry, MemberDirectoryPage, MemberGrade, MembershipApplication, MembershipPage, MemberUnit

MEMBERSHIP_PAGES = [
    PageSpec("members", MemberDirectoryPage, position=50),
    PageSpec(
        "join",
        MembershipPage,
        children=[
            PageSpec("member-benefits", StandardPage),
            PageSpec("member-services", StandardPage),
            PageSpec("how-to-join", StandardPage),
        ],
        position=80,
    ),
]

# Reference data for the membership form and the directory (editable in the admin).
INDUSTRIES = [
    ("it-services", "信息技术服务", "IT services"),
    ("service-outsourcing", "服务外包", "Service outsourcing"),
    ("digital-culture", "数字文化与创意", "Digital culture and creative industries"),
    ("finance", "金融服务", "Financial services"),
    ("logistics", "物流与供应链", "Logistics and supply chain"),
    ("professional-services", "咨询与专业服务", "Consulting and professional services"),
    ("exhibitions", "会展与商务服务", "Exhibitions and business services"),
    ("education-talent", "教育与人才服务", "Education and talent services"),
    ("health", "医药与健康服务", "Pharmaceutical and health services"),
    ("other", "其他", "Other"),
]
# The seed knows only member units (会员单位): one grade, which the Secretariat may rename or add to.
GRADES = [("member", "会员单位", "Member")]
# Grades an earlier loader invented; removed where still exactly as it made them and never used.
FORMER_SEED_GRADES = {
    "council-member": "理事单位",
    "vice-president-member": "副会长单位",
    "president-member": "会长单位",
}
GRADE_DESCRIPTION = {
    "zh_hans": "具体权利和义务以协会章程为准，详情请咨询协会秘书处。",
    "en": "Rights and duties follow the association's charter; the Secretariat has the details.",
}


class MembershipContentLoader(ContentLoader):
    content_dir = Path(__file__).resolve().parent / "seed_content"

    def run(self) -> None:
        pages = self.load_pages(MEMBERSHIP_PAGES, self.home_page())
        self.load_reference_data()
        if settings.SITE_DEMO_CONTENT:
            self.load_sample_members()
        self.translate_pages(pages.values())
        ensure_section_editors(pages["members"], "会员单位", "Member Organisations")

    def load_reference_data(self) -> None:
        for order, (slug, name_zh, name_en) in enumerate(INDUSTRIES):
            Industry.objects.get_or_create(
                slug=slug, defaults={"name_zh_hans": name_zh, "name_en": name_en, "sort_order": order}
            )
        for order, (slug, name_zh, name_en) in enumerate(GRADES):
            MemberGrade.objects.get_or_create(
                slug=slug,
                defaults={
                    "name_zh_hans": name_zh,
                    "name_en": name_en,
                    "description_zh_hans": GRADE_DESCRIPTION["zh_hans"],
                    "description_en": GRADE_DESCRIPTION["en"],
                    "sort_order": order,
                },
            )
        self.remove_former_seed_grades()

    def remove_former_seed_grades(self) -> None:
        """The three grades no source gives, where untouched by an editor and not used by anyone."""
        for slug, name_zh in FORMER_SEED_GRADES.items():
            grade = MemberGrade.objects.filter(
                slug=slug, name_zh_hans=name_zh, description_zh_hans=GRADE_DESCRIPTION["zh_hans"]
            ).first()
            if grade is None or grade.members.exists():
                continue
            if MembershipApplication.objects.filter(requested_grade=grade).exists():
                continue
            grade.delete()
            self.log(f"Removed the grade {name_zh}, which no source gives.")

    def load_sample_members(self) -> None:
        """A few clearly labelled sample entries so the directory can be tried (never in production)."""
        industries = list(Industry.objects.all())
        grades = list(MemberGrade.objects.all())
        for number, letter in enumerate("ABC"):
            MemberUnit.objects.get_or_create(
                is_sample=True,
                name_zh_hans=f"示例会员单位{letter}（演示数据）",
                defaults={
                    "name_en": f"Sample Member {letter} (demo data)",
                    "description_zh_hans": "这是演示数据，并非真实的会员单位。",
                    "description_en": "This is demo data, not a real member organisation.",
                    "industry": industries[number % len(industries)],
                    "grade": grades[number % len(grades)],
                    "member_since": date(2024, 1, 1),
                    "published": True,
                },
            )
