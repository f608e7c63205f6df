"""Steps every browser test takes: logging in and out as a person would, and the axe-core check."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect


def log_in(page, base, email, password):
    page.goto(base + "/anmelden")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort").fill(password)
    page.get_by_role("button", name="Anmelden").click()


def open_menu(page):
    """Unfold the main menu where it is folded away (on a phone); a no-op on a wide screen."""
    # The menu's script comes last on the page: a tap before the page has loaded does nothing yet,
    # so wait for it as a person waits for the page to finish loading.
    page.wait_for_load_state("load")
    toggle = page.get_by_role("button", name="Menü öffnen")
    if toggle.is_visible():
        toggle.click()
        # wait until the menu has finished unfolding before pressing anything inside it
        expect(page.locator("#nav-main.show:not(.collapsing)")).to_be_visible()


def log_out(page):
    """Log out through the menu (on a phone it is folded away first)."""
    open_menu(page)
    page.get_by_role("button", name="Abmelden").click()
    expect(page.locator("main")).to_contain_text("Sie sind abgemeldet.")


def page_width(page) -> int:
    """How wide the page is once its stylesheets are in: read earlier, an unstyled table counts."""
    page.wait_for_load_state("load")
    return page.evaluate("document.documentElement.scrollWidth")


AXE = Axe()
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def violations(page) -> list[str]:
    """The serious and critical WCAG 2.1 A/AA violations on the page as it is now."""
    results = AXE.run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]})
    return [
        f"{v['id']} ×{len(v['nodes'])} ({v['impact']}), e.g. {v['nodes'][0]['target']}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
