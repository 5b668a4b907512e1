"""A person's own data: prepare and download the archive, delete the account; and the staff
page of the requests and retention runs, from which staff erase an account on request."""

from allauth.account.models import EmailAddress
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from portal.core.forms import AccountEraseForm, StaffEraseForm
from portal.core.models import DataRequest, Membership, Organisation, RetentionRun, User
from portal.core.services import erasure, export
from portal.core.services.common import Refused
from portal.core.staff import staff_required


@login_required
@require_POST
def archive_request(request: HttpRequest) -> HttpResponse:
    export.export_request(user=request.user)
    messages.success(
        request, _("Your archive is being prepared. Its download link will appear here.")
    )
    return redirect("portal:account")


@login_required
@require_safe
def archive_download(request: HttpRequest, pk: int) -> HttpResponse:
    # Someone else's archive, one not ready yet or expired: the same 404.
    data_request = export.archive_for(user=request.user, request_id=pk)
    if data_request is None:
        raise Http404
    try:
        handle = data_request.archive.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"ponte-my-data-{data_request.completed_at:%Y-%m-%d}.zip",
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def account_delete(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = AccountEraseForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            erasure.account_erase(user=user)
        except Refused as refusal:
            form.add_error(None, refusal)
        else:
            logout(request)
            messages.success(request, _("Your account was deleted and your personal data erased."))
            return redirect("home")
    administered = Membership.objects.filter(user=user, role=Membership.Role.ADMIN).select_related(
        "organisation"
    )
    return render(
        request,
        "portal/account_delete.html",
        {
            "form": form,
            "last_admin_of": [
                m.organisation
                for m in administered
                if not m.organisation.memberships.filter(role=Membership.Role.ADMIN)
                .exclude(user=user)
                .exists()
            ],
        },
    )


@staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def staff_personal_data(request: HttpRequest) -> HttpResponse:
    form = StaffEraseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        address = form.cleaned_data["email"]
        person = (
            User.objects.filter(email__iexact=address).first()
            or User.objects.filter(
                pk__in=EmailAddress.objects.filter(email__iexact=address).values("user_id")
            ).first()
        )
        if person is None:
            form.add_error("email", _("No account has this e-mail address."))
        elif person.pk == request.user.pk:
            form.add_error("email", _("Delete your own account from My account."))
        else:
            try:
                erasure.account_erase(user=person, by_staff=True)
            except Refused as refusal:
                form.add_error(None, refusal)
            else:
                messages.success(request, _("The account was erased."))
                return redirect("portal:staff_personal_data")
    return render(
        request,
        "portal/staff_personal_data.html",
        {
            "form": form,
            "data_requests": DataRequest.objects.all()[:200],
            "retention_runs": RetentionRun.objects.all()[:30],
            "handed_over": Organisation.objects.filter(handed_to_staff_at__isnull=False)
            .exclude(memberships__role=Membership.Role.ADMIN)
            .order_by("handed_to_staff_at"),
        },
    )
