"""No lost update: a staff-editable row carries a version number that its forms send back.

The form is loaded with the row's `version`; the service that saves locks the row, compares,
and refuses when someone saved in between, listing what differs (theirs and yours). A refused
form keeps the person's input and now carries the newer version, so saving it again is a
deliberate choice to replace the other person's values. A form posted without a version (a
client that never loaded one) is not checked.
"""

from collections.abc import Iterable, Mapping
from typing import Any

from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

CONFLICT = _(
    "Someone else saved this after you opened it, so your changes were not saved. Your input "
    "is kept below; check the differences, then save again to replace their version."
)
FORM_FIELD = "loaded_version"
DIFFERENCE = _("%(field)s: theirs “%(theirs)s”, yours “%(yours)s”.")


def version_field() -> models.PositiveIntegerField:
    """The column: bumped by every service (and admin form) that saves the row."""
    return models.PositiveIntegerField(_("version"), default=1, editable=False)


class EditConflict(ValidationError):
    """A save against an older version; `version` is the row's current one."""

    def __init__(self, messages: list[str], *, version: int) -> None:
        super().__init__(messages, code="edit_conflict")
        self.version = version


def _comparable(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, (list, tuple, set, frozenset, models.QuerySet)):
        return sorted(str(_comparable(item)) for item in value)
    if value is None:
        return ""
    code = getattr(value, "code", None)  # a django-countries Country
    if code is not None:
        return code
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or ""
    return value


def _shown(value: Any) -> str:
    if isinstance(value, (list, tuple, set, frozenset, models.QuerySet)):
        return ", ".join(sorted(str(_shown(item)) for item in value)) or "–"
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    name = getattr(value, "name", None)
    if getattr(value, "code", None) is not None and name:  # a Country: its name, translated
        return str(name)
    return str(value)


def _label(field: models.Field, value: Any) -> Any:
    # A choice is shown by its label ("In force", not "in_force").
    if field.is_relation or not isinstance(value, (str, int)):
        return value
    return dict(field.flatchoices or []).get(value, value)


def _theirs(current: models.Model, field: models.Field) -> Any:
    if field.many_to_many:
        return list(getattr(current, field.name).all())
    if field.is_relation:
        return getattr(current, field.name)
    return _label(field, getattr(current, field.attname))


def differences(
    *, current: models.Model, incoming: Mapping[str, Any]
) -> list[tuple[str, str, str]]:
    """(field label, theirs, yours) for each incoming value that differs from the saved one."""
    found = []
    for name, value in incoming.items():
        try:
            field = current._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if not field.concrete and not field.many_to_many:
            continue
        theirs = _theirs(current, field)
        if field.many_to_many:
            value = list(value or [])
            saved = theirs
        elif field.is_relation:
            saved = theirs
        else:
            saved = getattr(current, field.attname)
        if _comparable(saved) != _comparable(value):
            found.append(
                (str(capfirst(field.verbose_name)), _shown(theirs), _shown(_label(field, value)))
            )
    return found


def check_version(
    *, current: models.Model, version: int | None, incoming: Mapping[str, Any]
) -> None:
    """Raise EditConflict when `current` (read under a row lock) is newer than `version`."""
    if version is None or version == current.version:  # type: ignore[attr-defined]
        return
    messages = [str(CONFLICT)] + [
        DIFFERENCE % {"field": label, "theirs": theirs, "yours": yours}
        for label, theirs, yours in differences(current=current, incoming=incoming)
    ]
    raise EditConflict(messages, version=current.version)  # type: ignore[attr-defined]


def keep_input(form: forms.BaseForm, conflict: EditConflict) -> None:
    """Show the refusal in the form, which keeps the input and now names the newer version."""
    for message in conflict.messages:
        form.add_error(None, message)
    data = form.data.copy()
    data[form.add_prefix(FORM_FIELD)] = str(conflict.version)
    form.data = data


def loaded_version_field() -> forms.IntegerField:
    """The hidden form field. Not named `version`: the admin refuses a form field named after a
    non-editable model field."""
    return forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)


class VersionedModelForm(forms.ModelForm):
    """A model form that carries the version of the row it was loaded with."""

    loaded_version = loaded_version_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields[FORM_FIELD].initial = self.instance.version


class AdminVersionedModelForm(VersionedModelForm):
    """For the admin's change forms, which save without a service: the check is made here.

    The admin runs the whole change view in one transaction, so the row lock taken in
    `clean()` is held until the save commits: a second staff member's save waits, then sees
    the newer version and is refused.
    """

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not self.instance.pk:
            return data
        model = type(self.instance)
        current = model.objects.select_for_update().get(pk=self.instance.pk)
        incoming = {name: value for name, value in data.items() if name != FORM_FIELD}
        try:
            check_version(current=current, version=data.get(FORM_FIELD), incoming=incoming)
        except EditConflict as conflict:
            keep_input(self, conflict)
        else:
            self.instance.version = current.version + 1
        return data


def bump(instance: models.Model, update_fields: Iterable[str] = ()) -> list[str]:
    """Count one more save of a locked row; returns `update_fields` with the version added."""
    instance.version += 1  # type: ignore[attr-defined]
    return [*update_fields, "version"]
