from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from bistand.accounts.access import scope_of
from bistand.accounts.enums import Role
from bistand.accounts.models import Organisation
from bistand.audit.services import access_record_for_request
from bistand.core.shortcuts import add_service_errors, get_object_for_user, render_page_or_partial, require_perm
from bistand.reference.lookups import KommuneIndex

from . import brreg, selectors, services
from .enums import WEEKLY_FACE_TO_FACE_TARGET
from .forms import (
    ContactLogFilterForm,
    EmployerContactForm,
    EmployerFilterForm,
    EmployerForm,
    EmployerPersonForm,
    OrgnrLookupForm,
    WorkplaceMappingForm,
)
from .models import Employer, EmployerPerson, WorkplaceMapping
from .services import WORKER_ROLES


def _own_employer(request, pk) -> Employer:
    """An employer the user's organisation registered and the user may change; else 404/403."""
    require_perm(request, "employers.change_employer")
    employer = get_object_for_user(Employer.objects.filter(organisation__isnull=False), request.user, pk)
    if employer.organisation_id not in scope_of(request.user).orgs(*WORKER_ROLES):
        raise PermissionDenied
    return employer


def _form_page(request, form, title: str, employer: Employer, status_ok: int = 200):
    return render(
        request,
        "employers/form_page.html",
        {"form": form, "title": title, "employer": employer},
        status=400 if form.errors else status_ok,
    )


@require_GET
def employer_list(request):
    require_perm(request, "employers.view_employer")
    form = EmployerFilterForm(request.GET)
    include_public = form.is_valid() and form.cleaned_data.get("public")
    qs = form.filter(selectors.employer_list_for(request.user, include_public=bool(include_public)))
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    return render_page_or_partial(request, "employers/employer_list.html", context, "results")


def _organisation_for(user):
    orgs = scope_of(user).orgs(*WORKER_ROLES)
    return Organisation.objects.filter(pk__in=orgs).order_by("name").first()


@require_http_methods(["GET", "POST"])
def employer_create(request):
    """Register an employer. `?orgnr=…` (the look-up form) fills the form from the register."""
    require_perm(request, "employers.change_employer")
    organisation = _organisation_for(request.user)
    if organisation is None:
        raise PermissionDenied
    lookup_form = OrgnrLookupForm(request.GET if "orgnr" in request.GET else None)
    initial: dict = {}
    register_unit = None
    existing = None
    if request.method == "GET" and lookup_form.is_bound and lookup_form.is_valid():
        orgnr = lookup_form.cleaned_data["orgnr"]
        initial["orgnr"] = orgnr
        existing = Employer.objects.filter(organisation=organisation, orgnr=orgnr).first()
        if existing is None:
            try:
                register_unit = brreg.lookup(orgnr)
            except brreg.RegisterError as exc:
                messages.warning(request, str(exc))
            else:
                kommune = KommuneIndex().find(name=register_unit.kommune_name, number=register_unit.kommune_number)
                initial |= {
                    "name": register_unit.name,
                    "legal_form": register_unit.legal_form,
                    "industry_code": register_unit.industry_code,
                    "industry_name": register_unit.industry_name,
                    "address": register_unit.address,
                    "postal_code": register_unit.postal_code,
                    "postal_place": register_unit.postal_place,
                    "kommune": kommune.pk if kommune else None,
                    "employee_count": register_unit.employee_count,
                    "website": register_unit.website,
                }
                for warning in register_unit.warnings:
                    messages.warning(request, warning)
    form = EmployerForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.data_for_service()
        try:
            employer = services.employer_register(
                actor=request.user,
                organisation=organisation,
                data=data,
                checked_in_register=request.POST.get("from_register") == "1",
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The employer is registered."))
            return redirect("employers:detail", pk=employer.pk)
    context = {
        "form": form,
        "lookup_form": lookup_form,
        "register_unit": register_unit,
        "existing": existing,
        "organisation": organisation,
    }
    status = 400 if form.errors or (lookup_form.is_bound and lookup_form.errors) else 200
    return render(request, "employers/employer_form.html", context, status=status)


@require_GET
def employer_detail(request, pk: int):
    require_perm(request, "employers.view_employer")
    employer = get_object_for_user(Employer.objects.select_related("kommune", "organisation"), request.user, pk)
    own = employer.organisation_id is not None and employer.organisation_id in scope_of(request.user).orgs(
        *WORKER_ROLES
    )
    can_see_people = request.user.has_perm("employers.view_people")
    contacts = Paginator(selectors.contacts_for_employer(request.user, employer), 25).get_page(request.GET.get("page"))
    context = {
        "employer": employer,
        "can_change": own and request.user.has_perm("employers.change_employer"),
        "can_log": employer.organisation_id is not None
        and employer.organisation_id in scope_of(request.user).orgs(Role.JOB_SPECIALIST, Role.TEAM_LEADER)
        and request.user.has_perm("employers.log_contact"),
        "can_see_people": can_see_people,
        "can_see_names": request.user.has_perm("people.view_identity"),
        "people": list(employer.people.visible_to(request.user)) if can_see_people else [],
        "mappings": list(employer.mappings.visible_to(request.user).select_related("mapped_by"))
        if can_see_people
        else [],
        "contacts": contacts,
    }
    access_record_for_request(request, selectors.participants_shown(contacts))
    return render(request, "employers/employer_detail.html", context)


@require_http_methods(["GET", "POST"])
def employer_edit(request, pk: int):
    employer = _own_employer(request, pk)
    form = EmployerForm(request.POST or None, instance=employer)
    if request.method == "POST" and form.is_valid():
        try:
            services.employer_update(
                actor=request.user, employer=employer, data={k: form.cleaned_data[k] for k in form.changed_data}
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The changes are saved."))
            return redirect("employers:detail", pk=employer.pk)
    return _form_page(request, form, _("Edit employer"), employer)


@require_http_methods(["GET", "POST"])
def person_add(request, pk: int):
    employer = _own_employer(request, pk)
    form = EmployerPersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.employer_person_save(actor=request.user, employer=employer, data=form.data_for_service())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The person is added."))
            return redirect("employers:detail", pk=employer.pk)
    return _form_page(request, form, _("Add a person at the employer"), employer)


@require_http_methods(["GET", "POST"])
def person_edit(request, pk: int):
    require_perm(request, "employers.change_employer")
    person = get_object_for_user(EmployerPerson.objects.select_related("employer"), request.user, pk)
    employer = _own_employer(request, person.employer_id)
    form = EmployerPersonForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        try:
            services.employer_person_save(
                actor=request.user, employer=employer, person=person, data=form.data_for_service()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The changes are saved."))
            return redirect("employers:detail", pk=employer.pk)
    return _form_page(request, form, _("Edit person at the employer"), employer)


@require_http_methods(["GET", "POST"])
def mapping_add(request, pk: int):
    employer = _own_employer(request, pk)
    form = WorkplaceMappingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.workplace_mapping_save(actor=request.user, employer=employer, data=form.data_for_service())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The workplace mapping is saved."))
            return redirect("employers:detail", pk=employer.pk)
    return _form_page(request, form, _("Map the workplace"), employer)


@require_http_methods(["GET", "POST"])
def mapping_edit(request, pk: int):
    require_perm(request, "employers.change_employer")
    mapping = get_object_for_user(WorkplaceMapping.objects.all(), request.user, pk)
    employer = _own_employer(request, mapping.employer_id)
    form = WorkplaceMappingForm(request.POST or None, instance=mapping)
    if request.method == "POST" and form.is_valid():
        try:
            services.workplace_mapping_save(
                actor=request.user, employer=employer, mapping=mapping, data=form.data_for_service()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The workplace mapping is saved."))
            return redirect("employers:detail", pk=employer.pk)
    return _form_page(request, form, _("Edit workplace mapping"), employer)


@require_http_methods(["GET", "POST"])
def contact_add(request, pk: int):
    require_perm(request, "employers.log_contact")
    employer = get_object_for_user(Employer.objects.filter(organisation__isnull=False), request.user, pk)
    if employer.organisation_id not in scope_of(request.user).orgs(Role.JOB_SPECIALIST, Role.TEAM_LEADER):
        raise PermissionDenied
    form = EmployerContactForm(request.POST or None, actor=request.user, employer=employer)
    if request.method == "POST" and form.is_valid():
        try:
            services.employer_contact_log(actor=request.user, employer=employer, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The employer contact is logged."))
            return redirect("employers:contact_weekly")
    # The form lists the caseload the contact may name: that is showing those participants.
    access_record_for_request(request, [p.pk for p in form.fields["participants"].queryset])
    return _form_page(request, form, _("Log an employer contact"), employer)


@require_GET
def contact_log(request):
    require_perm(request, "employers.view_contact_log")
    data = request.GET.copy()
    data.setdefault("mine", "1" if scope_of(request.user).has(Role.JOB_SPECIALIST) else "0")
    form = ContactLogFilterForm(data)
    qs = form.filter(selectors.contact_log_for(request.user), request.user)
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    access_record_for_request(request, selectors.participants_shown(page))
    query = data.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "can_see_names": request.user.has_perm("people.view_identity"),
    }
    return render_page_or_partial(request, "employers/contact_log.html", context, "results")


@require_GET
def contact_weekly(request):
    """Face-to-face employer contacts per specialist, week by week, against the IPS target."""
    require_perm(request, "employers.view_contact_log")
    teams = list(selectors.teams_for_contact_table(request.user))
    team = None
    if request.GET.get("team"):
        team = next((t for t in teams if str(t.pk) == request.GET["team"]), None)
        if team is None:
            raise Http404
    elif teams:
        team = teams[0]
    try:
        weeks = min(max(int(request.GET.get("weeks", 8)), 1), 26)
    except ValueError:
        weeks = 8
    context = {"teams": teams, "team": team, "weeks": weeks, "target": WEEKLY_FACE_TO_FACE_TARGET}
    if team is not None:
        context["table"] = selectors.weekly_face_to_face(team, weeks=weeks, today=timezone.localdate())
    return render(request, "employers/contact_weekly.html", context)
