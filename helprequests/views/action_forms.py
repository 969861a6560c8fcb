"""The version every action form of a request page carries (services.common.check_version), for
the member's, the coordination's and the helper's pages alike."""


def versioned(form_class, obj, **kwargs):
    """An unbound action form carrying the request's current version."""
    return form_class(initial={"version": obj.version}, **kwargs)


def refreshed(form, obj):
    """After a refusal, the form as typed but carrying the version now shown: the page shows the
    request's current state, so sending again is a decision taken on what is true now."""
    obj.refresh_from_db()
    data = form.data.copy()
    data["version"] = str(obj.version)
    form.data = data
    return form
