"""Every change of a helper's accreditation, complaints and obligations (issue #19).

CONTRACT (STYLE.md): keyword arguments, one transaction, the helper's accreditation row locked,
the actor's right checked (accreditation.permissions), an AccreditationError with a translated
message when refused (nothing changed then), and every change logged in `Change` (who, when,
why). Mail goes through portal.notifications.notify (a fixed sentence and a link, no name, no
reason: the helper reads the reason on their page), by way of helprequests' `send`, so that
the demo's quiet_notifications block mutes it too.

  pause(*, helper, by, pause_reason="", return_on=None) -> Accreditation      the helper (R-K15)
  resume(*, helper, by) -> Accreditation                                      the helper
  suspend(*, helper, by, reason) -> Accreditation                    coordinators (R-K14)
  withdraw(*, helper, by, reason) -> Accreditation                   coordinators (R-K14)
  reinstate(*, helper, by, reason) -> Accreditation                  coordinators
  file_complaint(*, by, helper, charter_article, account, anonymous=True, request=None,
                 session=None) -> Complaint                          a member (R-K1)
  record_outcome(*, complaint, by, outcome, note) -> Complaint       coordinators (R-K14)
  save_insurance(*, helper, by, insurer, policy_number, expires_on)  the helper (R-K16)
  add_training(*, helper, by, title, completed_on, organiser="", hours=None)  (R-A13)
  save_supervision(*, helper, by, kind, name)                        the helper (R-K17)
  remind_insurance(*, today=None) -> int                             the worker
  forget_person(user, *, remove_forum_posts)                         account deletion (R-C8)

Pausing, suspending and withdrawing hand the helper's live routings on open requests back to
the coordination (helprequests.services.hand_back): the member reads that a helper left, not
why; the sessions booked with the helper on those requests are cancelled by the handover hook
of appointments.

Modules: states.py (pause, resume, suspend, withdraw, reinstate), complaints.py, obligations.py
(insurance, training, supervision, the insurance reminder), deletion.py, and common.py (the
locked row, the log, the hand-back, the mail to the helper) which they all share.
"""

from .complaints import file_complaint, record_outcome
from .deletion import forget_person
from .obligations import add_training, remind_insurance, save_insurance, save_supervision
from .states import pause, reinstate, resume, suspend, withdraw

__all__ = [
    "add_training",
    "file_complaint",
    "forget_person",
    "pause",
    "record_outcome",
    "reinstate",
    "remind_insurance",
    "resume",
    "save_insurance",
    "save_supervision",
    "suspend",
    "withdraw",
]
