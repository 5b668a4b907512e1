"""A person's own pages: My account, what to do after confirming the address, the privacy
notice read."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from portal.core.forms import AccountForm
from portal.core.models import Membership
from portal.core.notifications.zones import home_zone
from portal.core.privacy import PRIVACY_NOTICE_VERSION
from portal.core.services import accounts as account_services
from portal.core.services.common import Refused
from portal.core.services.export import latest_archive


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def account(request: HttpRequest) -> HttpResponse:
    user = request.user
    initial = {
        "full_name": user.full_name,
        "native_name": user.native_name,
        "language": user.language,
        "time_zone": user.time_zone,
        "country": str(user.country or ""),
    }
    form = AccountForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            account_services.account_update(user=user, **form.cleaned_data)
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Your account is saved."))
            # The page comes back in the language just chosen.
            with translation.override(user.language):
                return redirect(reverse("portal:account"))
    return render(
        request,
        "portal/account.html",
        {
            "form": form,
            "zone": home_zone(user),
            "privacy_current": user.privacy_version == PRIVACY_NOTICE_VERSION,
            "archive": latest_archive(user),
            "now": timezone.now(),
        },
    )


@login_required
@require_safe
def welcome(request: HttpRequest) -> HttpResponse:
    """After the address is confirmed: register an organisation, or join one."""
    memberships = Membership.objects.filter(user=request.user).select_related("organisation")
    return render(request, "portal/welcome.html", {"memberships": memberships})


@login_required
@require_POST
def privacy_read(request: HttpRequest) -> HttpResponse:
    account_services.privacy_notice_read(user=request.user)
    messages.success(request, _("Thank you for reading the privacy notice."))
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = reverse("home")
    return redirect(back)
