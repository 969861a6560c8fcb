"""Profiles, privacy choices and the members' directory (R-C6, R-C7, R-C8, R-C11).

What a viewer sees of somebody is decided by members.privacy and nowhere here: these views only
ask it. Changes go through members.services.profiles, always for request.user.
"""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from home.models import Theme
from portal.refusals import act

from .. import privacy, roles, selectors
from ..forms.profiles import PrivacyForm, ProfileForm
from ..models import Visibility
from ..permissions import member_required
from ..services import profiles as services

DIRECTORY_PAGE_SIZE = 20
NAME_KEYS = ("display_name", "name")


def _viewer(request):
    """request.user with its groups loaded once: privacy asks for them for every card."""
    prefetch_related_objects([request.user], "groups")
    return request.user


@member_required
@require_http_methods(["GET", "POST"])
def my_profile(request):
    """ "Mon profil": what I tell the network about myself. Who: active members, for themselves."""
    profile = selectors.own_profile(request.user)
    organisations = selectors.organisations_to_pick(profile.organisation if profile else None)

    def page(status, error):
        context = {"form": form, "profile": profile}
        return render(request, "members/profiles/my_profile.html", context, status=status)

    if request.method != "POST":
        form = ProfileForm(
            initial=ProfileForm.initial_for(request.user, profile), organisations=organisations
        )
        return page(200, None)
    form = ProfileForm(request.POST, organisations=organisations)
    return act(
        request,
        form,
        lambda data: services.update_profile(user=request.user, **data),
        success=_("Votre profil est enregistré."),
        done="members:my_profile",
        page=page,
    )


@member_required
@require_http_methods(["GET", "POST"])
def my_privacy(request):
    """ "Ma confidentialité" (R-C7): who sees each item, with what others and visitors see.
    Who: active members, for themselves."""
    profile = selectors.own_profile(request.user)

    def page(status, error):
        context = {
            "form": form,
            "profile": profile,
            "member_preview": privacy.preview_as(profile, Visibility.MEMBERS) if profile else [],
            "public_preview": privacy.preview_as(profile, Visibility.PUBLIC) if profile else [],
            "preview_name_members": privacy.person_as(profile, Visibility.MEMBERS).name,
            "preview_name_public": privacy.person_as(profile, Visibility.PUBLIC).name,
        }
        return render(request, "members/profiles/my_privacy.html", context, status=status)

    if request.method != "POST":
        form = PrivacyForm(initial=PrivacyForm.initial_for(profile) if profile else None)
        return page(200, None)
    form = PrivacyForm(request.POST)
    return act(
        request,
        form,
        lambda data: services.update_privacy(user=request.user, choices=form.choices()),
        success=_("Vos choix de confidentialité sont enregistrés."),
        done="members:my_privacy",
        page=page,
    )


@dataclass(frozen=True)
class Card:
    """One person as this viewer may see them: a name to call them by and the visible items."""

    public_id: object
    name: str
    fields: list
    is_self: bool = False


def card_for(viewer, profile):
    """A directory card: what a list may show (privacy.listing_levels), for coordinators too;
    the name links to the full profile, whose opening is logged."""
    name = privacy.person_for(viewer, profile, context=privacy.LISTING).name
    fields = [
        item
        for item in privacy.visible_fields(viewer, profile, listing=True)
        if not (item.key in NAME_KEYS and item.value == name)
    ]
    is_self = viewer.pk == profile.user_id
    return Card(public_id=profile.user.public_id, name=name, fields=fields, is_self=is_self)


@member_required
@require_GET
def directory(request):
    """R-C11: the members' directory. Who: active members; each card, the search and the
    filters go through members.privacy for the viewer."""
    viewer = _viewer(request)
    filters = {
        "query": request.GET.get("q", "").strip()[:100],
        "theme": request.GET.get("theme", "").strip()[:120],
        "organisation": request.GET.get("organisation", "").strip()[:64],
        "skill": request.GET.get("skill", "").strip()[:100],
    }
    profiles = selectors.directory_for(viewer, **filters)
    page = Paginator(profiles, DIRECTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = [card_for(viewer, profile) for profile in page.object_list]
    query_string = request.GET.copy()
    query_string.pop("page", None)
    context = {
        "results": page,
        "filters": filters,
        "filtered": any(filters.values()),
        "query_string": query_string.urlencode(),
        "themes": Theme.objects.all(),
        "organisations": selectors.organisations_named_to(viewer),
        "sees_more_on_profiles": roles.has_role(viewer, roles.COORDINATORS),
    }
    return render(request, "members/profiles/directory.html", context)


@member_required
@require_GET
def member_profile(request, public_id):
    """A member's profile, as far as members.privacy lets this viewer see it. Who: active
    members; coordinators see everything, and each opening is logged (R-C8)."""
    viewer = _viewer(request)
    subject = selectors.profile_for(viewer, public_id)
    if subject is None:
        raise Http404
    is_own = subject.user_id == viewer.pk
    if not is_own and roles.has_role(viewer, roles.COORDINATORS):
        services.record_profile_access(coordinator=viewer, subject=subject.user)
    context = {
        "subject": subject,
        "name": privacy.person_for(viewer, subject).name,
        "fields": privacy.visible_fields(viewer, subject),
        "is_own": is_own,
        "sees_status": not is_own and roles.has_role(viewer, roles.COORDINATORS),
    }
    return render(request, "members/profiles/profile.html", context)
