from django.urls import path

from . import views

app_name = "casework"
urlpatterns = [
    path("caseload/", views.caseload, name="caseload"),
    path("participants/<int:pk>/journey/", views.journey, name="journey"),
    path("participants/<int:pk>/journey/phase/", views.phase_move, name="phase_move"),
    path("participants/<int:pk>/contacts/new/", views.contact_create, name="contact_create"),
    path("contacts/<int:pk>/edit/", views.contact_edit, name="contact_edit"),
    path("contacts/<int:pk>/next-step-done/", views.contact_next_step_done, name="contact_next_step_done"),
    path("participants/<int:pk>/outreach/new/", views.outreach_create, name="outreach_create"),
    path("participants/<int:pk>/agreements/new/", views.agreement_create, name="agreement_create"),
    path("agreements/<int:pk>/edit/", views.agreement_edit, name="agreement_edit"),
    path("agreements/<int:pk>/document/", views.agreement_document, name="agreement_document"),
    path("participants/<int:pk>/profile/", views.profile, name="profile"),
    path("participants/<int:pk>/profile/edit/", views.profile_edit, name="profile_edit"),
    path("participants/<int:pk>/plan/", views.plan_edit, name="plan_edit"),
    path("participants/<int:pk>/plan/actions/new/", views.plan_action_create, name="plan_action_create"),
    path("plan-actions/<int:pk>/edit/", views.plan_action_edit, name="plan_action_edit"),
    path("participants/<int:pk>/plan/review/", views.plan_review, name="plan_review"),
    path("participants/<int:pk>/benefits/new/", views.benefits_create, name="benefits_create"),
    path("participants/<int:pk>/youth/new/", views.youth_create, name="youth_create"),
    path("reference/<str:kind>/search/", views.picker_search, name="picker_search"),
]
