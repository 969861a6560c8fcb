"""A page on a phone 375 px wide: nothing off-screen, no sideways scroll, and axe-core finds no
serious or critical accessibility violation (WCAG 2.1 A and AA rules).

axe-core's script ships inside the axe-playwright-python package (requirements-dev.txt); it is
evaluated through the browser's protocol, which the site's Content-Security-Policy does not
govern, so the pages are checked as they are served.
"""

import json
from functools import cache
from importlib.resources import files

PHONE = {"width": 375, "height": 800}
SERIOUS = ("serious", "critical")

# Elements whose box leaves the screen, ignoring what is hidden on purpose: the skip link above
# the top, visually-hidden labels, the inside of a closed <details> (the browser still lays it
# out). Open a menu first to check it.
OFF_SCREEN = """
() => {
  const width = document.documentElement.clientWidth;
  const hidden = (element) =>
    element.closest(".skip-link, .visually-hidden, details:not([open]) > :not(summary)");
  const off = [];
  for (const element of document.querySelectorAll("body *")) {
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || hidden(element)) continue;
    if (box.right > width + 1 || box.left < -1) {
      const name = `${element.tagName.toLowerCase()}.${element.className}`;
      off.push(`${name} ${Math.round(box.left)}→${Math.round(box.right)}`);
    }
  }
  return {scrollWidth: document.documentElement.scrollWidth, width, off: off.slice(0, 8)};
}
"""


def phone(browser):
    """A new person on a phone-sized screen."""
    page = browser.new_context(locale="fr-FR", viewport=PHONE).new_page()
    page.set_default_timeout(15_000)
    return page


@cache
def _axe_source():
    return files("axe_playwright_python").joinpath("axe.min.js").read_text()


def serious_violations(page):
    """axe-core's serious and critical violations on the page as it is, one line each."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_source())
    result = page.evaluate(
        """async () => {
            const r = await axe.run(document, {
                runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}
            });
            return r.violations.map(v => ({id: v.id, impact: v.impact,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))}));
        }"""
    )
    return [
        f"{v['id']} ({v['impact']}): {json.dumps(v['nodes'])}"
        for v in result
        if v["impact"] in SERIOUS
    ]


def assert_works_on_a_phone(page):
    """The page fits 375 px and has no serious accessibility violation; says which otherwise."""
    layout = page.evaluate(OFF_SCREEN)
    where = page.url
    assert layout["scrollWidth"] <= layout["width"], (where, layout)
    assert layout["off"] == [], (where, layout)
    violations = serious_violations(page)
    assert violations == [], (where, violations)
