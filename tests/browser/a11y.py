"""Accessibility checks for the browser suite (issue #18): axe-core through
axe-playwright-python, and the phone-width checks axe does not make (horizontal scrolling at
360 px, touch targets of at least 44 px).

Used by tests/browser/test_accessibility.py, which visits every door once per person and per
view (Indonesian at 1366 and 390 px, English at 1366 px) in one browser and one live server.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from axe_playwright_python.sync_playwright import Axe

#: The impacts issue #18 forbids.
BLOCKING_IMPACTS = ("serious", "critical")
#: Rules axe rates "moderate" that issue #18 asks for all the same ("landmarks and headings in
#: order", "a skip link"): they count as if they were serious.
STRUCTURE_RULES = frozenset(
    {
        "landmark-one-main",
        "landmark-no-duplicate-banner",
        "landmark-no-duplicate-contentinfo",
        "landmark-no-duplicate-main",
        "landmark-unique",
        "page-has-heading-one",
        "heading-order",
        "region",
        "skip-link",
    }
)

#: Axe rules left out, each for the named elements only (axe's ``exclude`` context) and with the
#: reason. Empty: every rule runs on every element of every door.
EXCLUDED: dict[str, str] = {}

#: The views every door is checked in: (language, viewport width).
VIEWS = (("id", 1366), ("id", 390), ("en", 1366))
PHONE_HEIGHT = 844
DESKTOP_HEIGHT = 900
NARROWEST = 360
MIN_TARGET = 44

_axe = Axe()


@dataclass(frozen=True)
class Door:
    """One page a person opens: ``who`` names the signed-in person (``None``: a visitor)."""

    name: str
    path: str
    who: str | None = None
    theme: bool = True  # the site's own theme (not the Wagtail or Django admin)


@dataclass
class Finding:
    door: str
    view: str
    rule: str
    impact: str
    targets: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        where = ", ".join(self.targets[:3]) + (" …" if len(self.targets) > 3 else "")
        return f"{self.door} [{self.view}] {self.rule} ({self.impact}): {where}"


def axe_findings(page, *, door: str, view: str) -> list[Finding]:
    """The serious and critical axe-core violations on the page as it is now, and those of the
    page's structure (``STRUCTURE_RULES``)."""
    context = {"exclude": [[selector] for selector in EXCLUDED]} if EXCLUDED else None
    results = _axe.run(page, context=context)
    return [
        Finding(
            door,
            view,
            violation["id"],
            violation["impact"],
            [" ".join(map(str, node["target"])) for node in violation["nodes"]],
        )
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING_IMPACTS or violation["id"] in STRUCTURE_RULES
    ]


def horizontal_overflow(page) -> int:
    """How many pixels the page is wider than the window (0: no horizontal scrolling)."""
    return page.evaluate("Math.max(0, document.scrollingElement.scrollWidth - window.innerWidth)")


#: Controls that must be a comfortable touch target on a phone: buttons, form fields, the
#: navigation, pagination. Links inside running text are exempt (WCAG 2.5.5 "inline"), as are
#: check boxes and radio buttons, whose label is part of the target.
_TARGETS_JS = """(minimum) => {
    const selector = "button, .btn, input:not([type=hidden]):not([type=checkbox]):not([type=radio])"
        + ", select, textarea, .nav-link, .navbar-toggler, .page-link, .dropdown-item";
    const small = [];
    for (const element of document.querySelectorAll(selector)) {
        const box = element.getBoundingClientRect();
        const style = getComputedStyle(element);
        if (!box.width || !box.height || style.visibility === "hidden") continue;
        if (element.closest("[hidden], .sr-only, .visually-hidden")) continue;
        if (box.height < minimum - 0.5 || box.width < minimum - 0.5) {
            const name = (element.id ? "#" + element.id : element.tagName.toLowerCase())
                + (element.className && typeof element.className === "string"
                   ? "." + element.className.trim().split(/\\s+/).join(".") : "");
            small.push(`${name} ${Math.round(box.width)}x${Math.round(box.height)}`);
        }
    }
    return small;
}"""


def small_touch_targets(page) -> list[str]:
    """The visible controls smaller than 44 × 44 CSS pixels."""
    return page.evaluate(_TARGETS_JS, MIN_TARGET)


# --- Keyboard -------------------------------------------------------------------------------

#: The focused element, whether its focus is visible (an outline of at least 2 px: the theme's
#: :focus-visible ring), and whether it matches ``selector``.
_FOCUS_JS = """(selector) => {
    const element = document.activeElement;
    if (!element || element === document.body) return null;
    const style = getComputedStyle(element);
    const ring = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
    return {visible: ring, matches: element.matches(selector),
            html: element.outerHTML.slice(0, 160)};
}"""


def tab_to(page, selector: str, *, limit: int = 80) -> None:
    """Press Tab until the element matching ``selector`` has the focus, checking that every
    element the focus passes on the way shows it."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focus = page.evaluate(_FOCUS_JS, selector)
        if focus is None:
            continue
        assert focus["visible"], f"no visible focus on {focus['html']}"
        if focus["matches"]:
            return
    raise AssertionError(f"{selector} not reached with {limit} presses of Tab")


def focused_matches(page, selector: str) -> bool:
    focus = page.evaluate(_FOCUS_JS, selector)
    return bool(focus and focus["matches"])
