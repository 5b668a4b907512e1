"""Forms of the inbox: delivery preferences per kind, and the staff list's filter."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from portal.core.models import Notification, NotificationPreference
from portal.core.notifications.inbox import CHOOSABLE_KINDS


class PreferencesForm(forms.Form):
    """One choice per kind: e-mail at once, in the daily digest, or only in the inbox."""

    def __init__(self, *args, initial_deliveries: dict[str, str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for kind in CHOOSABLE_KINDS:
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label,
                choices=NotificationPreference.Delivery.choices,
                initial=initial_deliveries[kind.value],
            )

    def deliveries(self) -> dict[str, str]:
        return {kind.value: self.cleaned_data[kind.value] for kind in CHOOSABLE_KINDS}


class StaffNotificationFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(
        label=_("State"), choices=Notification.State.choices, empty_label=_("Any state")
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Notification.Kind.choices, empty_label=_("Any kind")
    )

    class Meta:
        model = Notification
        fields = ["state", "kind"]
