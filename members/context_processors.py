"""Role flags for templates (navigation only: views enforce rights through members.permissions)."""

from django.utils.functional import SimpleLazyObject

from . import roles


def _flags(user):
    if not user.is_authenticated:
        return {}
    names = roles.group_names(user)
    superuser = user.is_superuser
    return {
        "member": superuser or roles.MEMBERS in names,
        "helper": superuser or roles.HELPERS in names,
        "coordinator": superuser or roles.COORDINATORS in names,
        "moderator": superuser or roles.MODERATORS in names,
    }


def user_roles(request):
    return {"user_roles": SimpleLazyObject(lambda: _flags(request.user))}
