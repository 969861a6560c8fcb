"""R-C8: the member's help requests in "Mes données" and its JSON export.

What the member wrote and the life of each request, as the member sees it on their own pages;
never the name of a helper (R-C10 applies to the export as to the pages).
"""

from django.utils.translation import gettext_lazy as _

from members.services.data_rights import Item, Section

from .models import HelpRequest


def help_requests_section(user):
    requests = (
        HelpRequest.objects.filter(requester=user)
        .select_related("theme", "organisation")
        .order_by("-submitted_at", "-pk")
    )
    records = [
        [
            Item("reference", _("Référence"), request.reference),
            Item("status", _("État"), request.get_status_display()),
            Item("theme", _("Thème"), request.theme.name if request.theme_id else ""),
            Item("subject", _("Objet"), request.subject),
            Item("description", _("Description"), request.description),
            Item("since", _("Depuis quand"), request.since),
            Item("needed_by", _("Réponse souhaitée avant le"), request.needed_by),
            Item("urgent", _("Urgent"), request.urgent),
            Item("channel", _("Moyen de contact préféré"), request.get_channel_display()),
            Item("callback_phone", _("Téléphone pour le rappel"), request.callback_phone),
            Item("job_title", _("Fonction"), request.job_title),
            Item(
                "organisation",
                _("Organisation"),
                request.organisation.name if request.organisation_id else "",
            ),
            Item("submitted_at", _("Envoyée le"), request.submitted_at),
            Item("closed_at", _("Close le"), request.closed_at),
        ]
        for request in requests
    ]
    if not records:
        return None
    return Section(
        "help_requests",
        _("Demandes d’aide"),
        records,
        _(
            "Le contenu d’une demande est effacé après la durée de conservation qui suit sa "
            "clôture ; il l’est aussitôt si vous supprimez votre compte."
        ),
        many=True,
    )
