import pytest

from tests.browser.conftest import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    "url", ["/", "/accounts/login/", "/accounts/register/", "/accessibility/", "/privacy/"]
)
def test_no_serious_or_critical_axe_violations(page, axe, url):
    page.goto(url)
    assert serious_violations(axe, page) == []


def test_phone_layout_has_no_horizontal_scroll_and_a_menu(phone_page, axe):
    phone_page.goto("/")
    assert phone_page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert serious_violations(axe, phone_page) == []


def test_keyboard_user_can_skip_to_main_content(page):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"
