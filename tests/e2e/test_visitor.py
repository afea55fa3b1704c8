"""An English visitor: registers for the demo event, then applies for membership with a licence file."""

import re

from playwright.sync_api import expect

from tests.e2e.files import tiny_pdf, tiny_png
from tests.e2e.mail import wait_for_messages_to
from tests.e2e.site_ui import follow_main_nav, heading

# A well-formed Unified Social Credit Code (check character included), as the README suggests.
USCC = "91350100M000100Y43"
DEMO_EVENT = "[Demo event] Try the online registration"


def leave_honeypot_empty(page) -> None:
    """The spam trap stays out of people's sight and empty: a filled one silently drops the submission."""
    trap = page.locator('input[name="fax_number"]')
    # Moved off-screen by CSS (not display:none, which bots skip) and hidden from screen readers.
    expect(trap).not_to_be_in_viewport()
    expect(page.locator(".honeypot")).to_have_attribute("aria-hidden", "true")
    expect(trap).to_have_value("")


def test_event_registration(open_page, shots, site, viewport):
    page = open_page(locale="en-GB")
    email = f"visitor-{viewport}@example.org"

    page.goto("/en/")
    follow_main_nav(page, "Association News")
    expect(heading(page)).to_have_text("Association News")
    shots.take(page, "association news")

    page.locator("main .listing a").filter(has_text=DEMO_EVENT).click()
    expect(heading(page)).to_contain_text(DEMO_EVENT)
    form = page.locator("#register form")
    expect(form).to_be_visible()
    shots.take(page, "event page")

    form.get_by_label("Name").fill("Alex Visitor")
    form.get_by_label("Organisation").fill("Example Trading Ltd")
    form.get_by_label("Mobile phone").fill("+44 20 7946 0958")
    form.get_by_label("E-mail").fill(email)
    form.get_by_label("I will attend").select_option("onsite")
    form.get_by_label("Number of attendees").fill("2")
    form.get_by_label(re.compile("I agree to the processing")).check()
    leave_honeypot_empty(page)
    shots.take(page, "registration filled")
    form.get_by_role("button", name="Register").click()

    # The page confirms receipt only (it looks the same for an address already registered); the
    # registration's details and its links come by e-mail.
    expect(page.locator(".registration-received")).to_contain_text("We have received your registration")
    expect(page.locator("#register form")).to_have_count(0)
    shots.take(page, "registration received")

    sent = wait_for_messages_to(site.mail_dir, email)
    assert sent, f"no confirmation e-mail to {email}"
    body = sent[-1].get_body(("plain",)).get_content()
    page.goto(re.search(r"https?://[^/\s]+(/en/registrations/[^/\s]+/)\s", body).group(1))
    expect(heading(page)).to_have_text("Registration confirmed")
    reference = page.locator(".registration-reference")
    assert reference.inner_text().strip() in body
    expect(page.get_by_role("link", name="Cancel my registration")).to_be_visible()
    shots.take(page, "registration confirmed")


def test_membership_application(open_page, shots, viewport):
    page = open_page(locale="en-GB")
    # One run applies with a PDF, the other with an image: both kinds a licence scan comes in.
    licence = (
        {"name": "licence.pdf", "mimeType": "application/pdf", "buffer": tiny_pdf()}
        if viewport == "desktop"
        else {"name": "licence.png", "mimeType": "image/png", "buffer": tiny_png()}
    )

    page.goto("/en/join/")
    form = page.locator("#apply form")
    expect(form).to_be_visible()
    shots.take(page, "join page")

    form.get_by_label("Company name in English").fill(f"E2E Services Co. ({viewport})")
    form.get_by_role("radio", name="Mainland China", exact=True).check()
    form.get_by_label("Unified Social Credit Code (USCC)").fill(USCC)
    form.get_by_label("Company type").select_option(label="Private enterprise")
    form.get_by_label("Industry").select_option(label="Service outsourcing")
    form.get_by_label("Registered address").fill("1 Tianfu Avenue, Chengdu")
    form.get_by_label("Number of employees").select_option("50-199")
    form.get_by_label("Main business").fill("Software outsourcing and IT consulting.")
    # The seed defines one grade (Member): the form asks for a grade only when there is a choice.
    expect(form.get_by_label("Membership grade applied for")).to_have_count(0)
    form.get_by_label("Business licence or registration certificate").set_input_files(licence)
    form.get_by_label("Contact person").fill("Sam Applicant")
    form.get_by_label("Job title").fill("Director")
    form.get_by_label("Mobile phone").fill("13800138000")
    form.get_by_label("E-mail").fill(f"applicant-{viewport}@example.org")
    form.get_by_label(re.compile("processing of this application")).check()
    leave_honeypot_empty(page)
    shots.take(page, "application filled")
    form.get_by_role("button", name="Submit application").click()

    expect(heading(page)).to_have_text("Your membership application")
    expect(page.locator(".application-reference")).to_have_text(re.compile(r"^M\d{4}-\d{6}$"))
    expect(page.get_by_role("status")).to_contain_text("Your application has been received")
    shots.take(page, "application status")
