"""Who may change what of an accreditation, in one table the services ask and the tests walk.

pause, resume        the helper themself (R-K15)
obligations          the helper themself: insurance, training, supervision (R-K16, R-K17)
suspend, withdraw,
reinstate            coordinators (R-K14), never about themselves
record_outcome       coordinators, never on a complaint about themselves
complain             an active member, about someone else who is a helper (R-K1); whether they
                     had that helper on the request or session is the service's check
"""

from django.utils.translation import gettext_lazy as _

from members import roles

from .errors import AccreditationError
from .models import Status

SELF = "self"
COORDINATOR = "coordinator"
MEMBER = "member"

RULES = {
    "pause": SELF,
    "resume": SELF,
    "obligations": SELF,
    "suspend": COORDINATOR,
    "withdraw": COORDINATOR,
    "reinstate": COORDINATOR,
    "record_outcome": COORDINATOR,
    "complain": MEMBER,
}


def allowed(action, *, helper, by):
    """Whether `by` may do `action` about `helper` (who must be a helper)."""
    if by is None or not by.is_authenticated or not by.is_active:
        return False
    if helper is None or not roles.has_role(helper, roles.HELPERS):
        return False
    who = RULES[action]
    if who == SELF:
        return by.pk == helper.pk
    if who == COORDINATOR:
        return by.pk != helper.pk and roles.has_role(by, roles.COORDINATORS)
    if who == MEMBER:
        return by.pk != helper.pk and roles.has_role(by, roles.MEMBERS)
    return False


def check(action, *, helper, by):
    if not allowed(action, helper=helper, by=by):
        raise AccreditationError(_("Vous ne pouvez pas faire cela."), code="role")


# --- What may be done now, by state: THE answer, asked by the services and by the pages ------


def may_pause(accreditation):
    return accreditation.status == Status.ACCREDITED


def may_resume(accreditation):
    return accreditation.status == Status.PAUSED


def decisions_for(accreditation):
    """The coordination's decisions open on this accreditation now, as DecisionForm names them."""
    return {
        Status.ACCREDITED: ("suspend", "withdraw"),
        Status.PAUSED: ("suspend", "withdraw"),
        Status.SUSPENDED: ("withdraw", "reinstate"),
        Status.WITHDRAWN: ("reinstate",),
    }[accreditation.status]


def decisions_open_to(by, accreditation, *, helper):
    """The decisions `by` may take on `helper`'s accreditation now: the state's (decisions_for)
    that the role table lets them take. None for a coordinator on their own accreditation, so
    their page offers no form the service would refuse."""
    return tuple(
        action for action in decisions_for(accreditation) if allowed(action, helper=helper, by=by)
    )


def may_record_outcome(complaint):
    return complaint.is_open


def outcome_open_to(by, complaint):
    """Whether `by` may record the outcome of `complaint` now: open, and not about themselves."""
    return may_record_outcome(complaint) and allowed(
        "record_outcome", helper=complaint.helper, by=by
    )


def may_complain_about_session(session, user):
    """A member may complain from a session of theirs (R-K1): the same rule as
    selectors.helpers_member_had, without a query."""
    return user is not None and session.member_id is not None and session.member_id == user.pk
