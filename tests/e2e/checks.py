"""What every page a browser test opens must satisfy: it fits a phone's screen (375 px: nothing
off-screen, no sideways scroll) and axe-core finds no serious or critical violation."""

from axe_playwright_python.sync_playwright import Axe

PHONE = {"width": 375, "height": 800}
DESKTOP = {"width": 1280, "height": 800}

_axe = Axe()

# Elements outside the viewport, left or right, among those that are displayed, except inside a
# region that scrolls sideways by itself (and can be reached with the keyboard).
_OFF_SCREEN = """() => {
  // A wide table in a focusable region that scrolls on its own is the phone layout of a table.
  const insideScrollRegion = (element) => {
    for (let node = element.parentElement; node && node !== document.body;
         node = node.parentElement) {
      const overflow = getComputedStyle(node).overflowX;
      if ((overflow === "auto" || overflow === "scroll") && node.getAttribute("tabindex") === "0") {
        return true;
      }
    }
    return false;
  };
  const width = window.innerWidth;
  const out = [];
  for (const element of document.querySelectorAll("body *")) {
    const box = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    if (!box.width || style.visibility === "hidden" || style.display === "none") continue;
    if (element.closest(".visually-hidden, .skip-link")) continue;
    if (insideScrollRegion(element)) continue;
    if (box.right > width + 1 || box.left < -1) {
      const where = `${Math.round(box.left)}..${Math.round(box.right)}`;
      out.push(`${element.tagName.toLowerCase()}.${element.className} ${where}`);
    }
  }
  return {scrollWidth: document.documentElement.scrollWidth, width, out: out.slice(0, 5)};
}"""


def off_screen(page):
    """What sticks out of the screen: [] when the page fits."""
    found = page.evaluate(_OFF_SCREEN)
    problems = list(found["out"])
    if found["scrollWidth"] > found["width"]:
        problems.insert(0, f"page is {found['scrollWidth']} px wide for {found['width']}")
    return problems


def serious_violations(page):
    """axe-core's serious and critical findings on the page as it is: (rule, how many nodes)."""
    results = _axe.run(page)
    return [
        (violation["id"], len(violation["nodes"]))
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


def assert_fits_and_accessible(page, label=""):
    where = label or page.url
    assert off_screen(page) == [], (where, off_screen(page))
    assert serious_violations(page) == [], (where, serious_violations(page))
