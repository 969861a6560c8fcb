"""Help requests for tests, built through the services (so that history and permissions are
real), in any state of their life."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from guardian.models import UserObjectPermission

from helprequests import services
from helprequests.models import HelpKind, HelpRequest, Routing, RoutingStatus, Status
from home.tests.factories import ThemeFactory
from members import roles
from members.models import ConfidentialityLevel, Organisation, Profile
from members.tests import factories as people


def helper(**kwargs):
    return people.UserFactory(roles=[roles.MEMBERS, roles.HELPERS], **kwargs)


def moderator(**kwargs):
    return people.UserFactory(roles=[roles.MEMBERS, roles.MODERATORS], **kwargs)


def in_days(days):
    return timezone.localdate() + datetime.timedelta(days=days)


def request_data(**overrides):
    data = {
        "theme": overrides["theme"] if "theme" in overrides else ThemeFactory(),
        "subject": "Conflit avec ma hiérarchie",
        "description": "Depuis la réorganisation, mes missions changent sans explication.",
        "since": "Trois mois",
        "needed_by": in_days(20),
        "urgent": False,
        "channel": "phone",
        "callback_phone": "06 12 34 56 78",
        "job_title": "Responsable de service",
        "organisation": None,
        "on_behalf_of_client": False,
        "offers_wanted": False,
    }
    data.update(overrides)
    return data


# The path through the services to each state: (state, steps from "submitted").
PATHS = {
    Status.SUBMITTED: [],
    Status.ACKNOWLEDGED: ["acknowledge"],
    Status.ACCEPTED: ["acknowledge", "accept"],
    Status.DECLINED: ["decline"],
    Status.ROUTED: ["acknowledge", "accept", "route"],
    Status.TAKEN: ["acknowledge", "accept", "route", "accept_routing"],
    Status.IN_PROGRESS: ["acknowledge", "accept", "route", "accept_routing", "start_work"],
    Status.RESOLVED: [
        "acknowledge",
        "accept",
        "route",
        "accept_routing",
        "start_work",
        "resolve",
    ],
    Status.WITHDRAWN: ["acknowledge", "accept", "route", "accept_routing", "withdraw"],
    Status.REFERRED: ["acknowledge", "refer"],
    Status.CLOSED: [
        "acknowledge",
        "accept",
        "route",
        "accept_routing",
        "start_work",
        "resolve",
        "answer_questionnaire",
    ],
}


@dataclass
class Cast:
    """The people around a request: its member, a coordinator, the routed helper, and others."""

    member: object = None
    coordinator: object = None
    helper: object = None
    other_member: object = None
    other_helper: object = None
    moderator: object = None
    editor: object = None
    organisation: object = None
    theme: object = None
    extra: dict = field(default_factory=dict)

    @classmethod
    def create(cls, *, confidentiality=ConfidentialityLevel.NAME_HIDDEN):
        organisation = Organisation.objects.create(
            name=f"Mairie de Valbourg {Organisation.objects.count()}",
            kind="local_authority",
            context="Une commune de 8 000 habitants.",
            alert_procedure="Prévenir la DGS et la médecine du travail.",
            confidentiality_level=confidentiality,
        )
        member = people.member(first_name="Apolline", last_name="Vasseur-Quint")
        Profile.objects.create(
            user=member, phone="0611223344", organisation=organisation, status="active"
        )
        routed = helper(first_name="Bérénice", last_name="Aidante")
        Profile.objects.create(user=routed, status="active", display_name="Béré")
        return cls(
            member=member,
            coordinator=people.with_second_factor(people.coordinator()),
            helper=routed,
            other_member=people.member(),
            other_helper=helper(),
            moderator=moderator(),
            editor=people.editor(),
            organisation=organisation,
            theme=ThemeFactory(),
        )

    def roles(self):
        """Every kind of person the transition table is walked with (None: the worker)."""
        return {
            "member": self.member,
            "other_member": self.other_member,
            "helper": self.helper,
            "other_helper": self.other_helper,
            "coordinator": self.coordinator,
            "moderator": self.moderator,
            "editor": self.editor,
            "system": None,
        }

    def submit(self, **overrides):
        data = request_data(**{"theme": self.theme, "organisation": self.organisation, **overrides})
        return services.submit_request(by=self.member, data=data)

    def routing(self, request, helper=None):
        return Routing.objects.get(request=request, helper=helper or self.helper)

    def step(self, request, step):
        request.refresh_from_db()
        if step == "acknowledge":
            return services.acknowledge_request(request=request, by=self.coordinator)
        if step == "accept":
            return services.accept_request(
                request=request, by=self.coordinator, promised_by=in_days(10)
            )
        if step == "decline":
            return services.decline_request(
                request=request, by=self.coordinator, reason="Hors du champ du réseau."
            )
        if step == "route":
            return services.route_request(
                request=request, by=self.coordinator, helpers=[self.helper]
            )
        if step == "accept_routing":
            return services.accept_routing(routing=self.routing(request), by=self.helper)
        if step == "start_work":
            return services.start_work(request=request, by=self.helper)
        if step == "resolve":
            return services.resolve_request(request=request, by=self.helper)
        if step == "withdraw":
            return services.withdraw_request(request=request, by=self.member)
        if step == "refer":
            return services.refer_to_national(
                request=request, by=self.coordinator, note="Relève du niveau national."
            )
        if step == "answer_questionnaire":
            return services.answer_questionnaire(
                request=request, by=self.member, overall=4, timely=True, would_recommend=True
            )
        raise ValueError(step)

    def request_in(self, status, **overrides):
        request = self.submit(**overrides)
        for step in PATHS[status]:
            self.step(request, step)
        request = HelpRequest.objects.get(pk=request.pk)
        assert request.status == status
        return request


def outcome_kwargs():
    return {"help_kind": HelpKind.ADVICE, "settled": True, "note": "Conseils sur l’entretien."}


# What guardian must hold for each state of a helper's routing (helprequests.access).
ROWS_OF_ROUTING = {
    RoutingStatus.OFFERED: {"view_brief"},
    RoutingStatus.ACCEPTED: {"view_brief", "take_part"},
}


def guardian_rows(request):
    """Every object-permission row on the request, as (user id, codename)."""
    return set(
        UserObjectPermission.objects.filter(
            content_type__app_label="helprequests",
            content_type__model="helprequest",
            object_pk=str(request.pk),
        ).values_list("user_id", "permission__codename")
    )


def assert_rows_follow_routings(request):
    """Guardian's rows on the request are exactly what its requester and routings call for."""
    request = HelpRequest.objects.get(pk=request.pk)
    expected = set()
    if request.requester_id is not None:
        expected.add((request.requester_id, "view_helprequest"))
    for routing in Routing.objects.filter(request=request):
        expected |= {(routing.helper_id, c) for c in ROWS_OF_ROUTING.get(routing.status, ())}
    assert guardian_rows(request) == expected
