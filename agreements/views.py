"""Agreements pages: thin views that parse, call a service or a query, and render."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from agreements import documents, meetings, queries, services
from agreements.filters import AgreementFilter
from agreements.forms import (
    CeremonyForm,
    CeremonyFormSet,
    DocumentForm,
    ProjectForm,
    StatusForm,
)
from portal.core.page_cache import cached_page, refuse
from portal.core.staff import staff_required
from portal.core.uploads import upload_limit
from portal.core.versions import EditConflict, keep_input

PAGE_SIZE = 20


@cached_page(
    "agreements", "directory", "programme", "missions", filters=AgreementFilter, paged=True
)
@require_safe
def agreements(request: HttpRequest) -> HttpResponse:
    filterset = AgreementFilter(request.GET, queryset=queries.agreement_list(request.user))
    # An invalid filter value shows the form's error and no rows, never a 500.
    rows = filterset.qs if filterset.is_valid() else filterset.queryset.none()
    if not filterset.is_valid():
        refuse(request)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "agreements/list.html",
        {"filter": filterset, "page": page, "query": query.urlencode()},
    )


# It lists the B2B meetings that led to it.
@cached_page("agreements", "directory", "programme", "missions", "b2b")
@require_safe
def agreement(request: HttpRequest, slug: str) -> HttpResponse:
    obj = queries.agreement_for(request.user, slug)
    return _agreement_page(
        request, obj, StatusForm(initial={"status": obj.status, "loaded_version": obj.version})
    )


def _agreement_page(request: HttpRequest, obj, status_form: StatusForm) -> HttpResponse:
    member_of = queries.member_organisation_ids(request.user)
    return render(
        request,
        "agreements/agreement.html",
        {
            "agreement": obj,
            "documents": queries.documents_for(obj, request.user, member_of),
            "meetings": meetings.of(obj),
            "status_form": status_form,
        },
    )


@require_safe
def document(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    doc = queries.document_for(request.user, slug, pk)
    filename = documents.download_name(original=doc.original_name, fallback=doc.agreement.slug)
    try:
        handle = doc.file.open("rb")
    except FileNotFoundError:
        # The row outlived its file (restored database, cleaned disk): nothing to serve.
        raise Http404 from None
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type="application/pdf"
    )
    response["X-Content-Type-Options"] = "nosniff"
    # Private documents must not sit in shared caches.
    response["Cache-Control"] = "private, no-store" if not doc.published else "private"
    return response


@upload_limit(documents.max_bytes)
@staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def document_add(request: HttpRequest, slug: str) -> HttpResponse:
    obj = queries.agreement_for(request.user, slug)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.document_add(
                agreement=obj,
                upload=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
                published=form.cleaned_data["published"],
                uploaded_by=request.user,
            )
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            messages.success(request, _("The document was added."))
            return redirect(obj)
    return render(request, "agreements/document_form.html", {"agreement": obj, "form": form})


@staff_required
@require_POST
def document_publish(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    doc = queries.document_for(request.user, slug, pk)
    published = request.POST.get("published") == "1"
    services.document_publish(document=doc, published=published)
    messages.success(
        request,
        _("The document is now public.") if published else _("The document is now private."),
    )
    return redirect(doc.agreement)


@staff_required
@require_POST
def status_change(request: HttpRequest, slug: str) -> HttpResponse:
    obj = queries.agreement_for(request.user, slug)
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            services.agreement_status_change(
                agreement=obj,
                status=form.cleaned_data["status"],
                changed_by=request.user,
                note=form.cleaned_data["note"],
                version=form.cleaned_data["loaded_version"],
            )
        except EditConflict as conflict:
            # The page again, with the other person's status and this person's choice and note.
            keep_input(form, conflict)
            return _agreement_page(request, queries.agreement_for(request.user, slug), form)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The status was changed."))
    else:
        messages.error(request, _("Choose a valid status."))
    return redirect(obj)


@staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def project_add(request: HttpRequest, slug: str) -> HttpResponse:
    """Record a partnership project that followed this agreement."""
    obj = queries.agreement_for(request.user, slug)
    initial = {"organisations": [p.organisation_id for p in obj.parties.all()]}
    form = ProjectForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.project_record(agreements=[obj], **form.cleaned_data)
        except ValidationError as exc:
            for field, errors in exc.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("The partnership project was recorded."))
            return redirect(obj)
    return render(request, "agreements/project_form.html", {"agreement": obj, "form": form})


@staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def ceremony(request: HttpRequest) -> HttpResponse:
    """Record the agreements signed at one ceremony, several at once."""
    form = CeremonyForm(request.POST or None, prefix="ceremony")
    formset = CeremonyFormSet(request.POST or None, prefix="agreements")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        shared = form.cleaned_data
        rows = [
            {
                "title_en": row["title_en"],
                "title_it": row["title_it"],
                "title_zh_hans": row["title_zh_hans"],
                "kind": row["kind"],
                "parties": [services.PartyData(organisation=o) for o in row["parties"]],
                "areas": row["areas"],
                "visibility": row["visibility"],
                "summary_en": row["summary_en"],
                "signed_on": shared["signed_on"],
                "edition": shared["edition"],
                "activity": shared["activity"],
                "occasion_en": shared["occasion"],
                "city": shared["city"],
            }
            for row in (f.cleaned_data for f in formset.forms if f.has_changed())
        ]
        try:
            recorded = services.agreements_record_ceremony(rows=rows, recorded_by=request.user)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)s agreement was recorded.",
                    "%(count)s agreements were recorded.",
                    len(recorded),
                )
                % {"count": len(recorded)},
            )
            return redirect("agreements:list")
    return render(request, "agreements/ceremony.html", {"form": form, "formset": formset})
