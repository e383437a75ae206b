"""Driving a form with the keyboard alone: Tab to a control, type, Space, arrows, Enter.

Every helper moves the focus with Tab (never a click or `focus()`), so a control that
cannot be reached by keyboard, or a focus trap, fails the test; and each control, once
focused, must show a visible focus indicator (WCAG 2.2 2.4.7 and 2.4.11).
"""

from __future__ import annotations

import datetime as dt

from playwright.sync_api import Locator, Page

# A long form (the review) has fewer than a hundred stops; the header and navigation
# add about twenty.
MAX_TABS = 200

# GOV.UK Frontend draws focus as a yellow outline or box-shadow on the control itself,
# except radios and checkboxes, whose real input is invisible: there the focus ring is
# on the label's ::before box, which is what a sighted keyboard user sees.
FOCUS_IS_VISIBLE = """
el => {
  const drawn = (style) => (
    (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
      && style.outlineColor !== 'rgba(0, 0, 0, 0)' && style.outlineColor !== 'transparent')
    || (style.boxShadow && style.boxShadow !== 'none')
  );
  if (el.type === 'radio' || el.type === 'checkbox') {
    const label = el.labels && el.labels[0];
    return !!label && drawn(getComputedStyle(label, '::before'));
  }
  return drawn(getComputedStyle(el));
}
"""


def is_focused(locator: Locator) -> bool:
    return locator.evaluate("el => el === document.activeElement")


def tab_to(page: Page, target: Locator) -> None:
    """Press Tab until the target has the focus; fail if it never does."""
    target.wait_for(state="attached")
    for _ in range(MAX_TABS):
        if is_focused(target):
            break
        page.keyboard.press("Tab")
    else:
        raise AssertionError(f"{target} was never reached with the Tab key")
    assert target.evaluate(FOCUS_IS_VISIBLE), f"{target} has the focus but shows no focus ring"


def type_into(page: Page, target: Locator, text: str) -> None:
    tab_to(page, target)
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def type_date(page: Page, group: Locator, day: dt.date) -> None:
    for label, value in (("Day", day.day), ("Month", day.month), ("Year", day.year)):
        type_into(page, group.get_by_label(label, exact=True), str(value))


def choose_radio(page: Page, group: Locator, label: str) -> None:
    """Tab into a radio group (focus lands on its first or checked radio), then move
    with the arrow key, as a keyboard user does, until the wanted one is checked."""
    wanted = group.get_by_label(label, exact=True)
    radios = group.locator("input[type=radio]")
    for _ in range(MAX_TABS):
        if radios.evaluate_all("els => els.includes(document.activeElement)"):
            break
        page.keyboard.press("Tab")
    else:
        raise AssertionError(f"the radio group {group} was never reached with Tab")
    for _ in range(radios.count()):
        if wanted.is_checked():
            break
        page.keyboard.press("ArrowDown")
    assert wanted.is_checked(), f"could not choose {label!r} with the arrow keys"
    assert is_focused(wanted)
    assert wanted.evaluate(FOCUS_IS_VISIBLE), f"{label!r} has the focus but shows no ring"


def set_checkbox(page: Page, target: Locator, checked: bool) -> None:
    tab_to(page, target)
    if target.is_checked() != checked:
        page.keyboard.press("Space")
    assert target.is_checked() == checked


def choose_option(page: Page, select: Locator, value: str) -> None:
    """A closed <select> changes its value with the arrow keys in Chromium."""
    tab_to(page, select)
    page.keyboard.press("Home")
    for _ in range(select.locator("option").count()):
        if select.input_value() == value:
            break
        page.keyboard.press("ArrowDown")
    assert select.input_value() == value, f"could not choose {value!r} with the arrow keys"


def press_button(page: Page, button: Locator) -> None:
    tab_to(page, button)
    with page.expect_navigation():
        page.keyboard.press("Enter")
