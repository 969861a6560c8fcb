"""Who may do what with surveys (STYLE.md: one table the tests walk).

Answering is for active members (R-C14); results are for the coordination (with its second
factor, through members.permissions.coordinator_required). Editors build surveys in the CMS but
never read the answers: the Wagtail admin's submissions pages are closed to survey pages
(surveys.wagtail_hooks).
"""

from members import roles

ANSWER = roles.MEMBERS
RESULTS = roles.COORDINATORS


def may_answer(user):
    return user.is_authenticated and roles.has_role(user, ANSWER)


def may_read_results(user):
    return roles.has_role(user, RESULTS)
