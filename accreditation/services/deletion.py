"""What account deletion (R-C8) does to accreditation: registered in apps.py."""

from ..models import Accreditation, Change, Complaint, TrainingEntry


def forget_person(user, *, remove_forum_posts):
    """Account deletion (R-C8): the person's accreditation, log and training go with their
    account; complaints they filed stay for the coordination without their name (filed_by
    cleared), complaints about them go."""
    Complaint.objects.filter(filed_by=user).update(filed_by=None, anonymous=True)
    Complaint.objects.filter(helper=user).delete()
    Change.objects.filter(helper=user).delete()
    TrainingEntry.objects.filter(helper=user).delete()
    Accreditation.objects.filter(helper=user).delete()
