from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("participants/<int:pk>/", views.participant_detail, name="participant_detail"),
    path("participants/<int:pk>/edit/", views.participant_edit, name="participant_edit"),
    path("participants/<int:pk>/status/", views.participant_status, name="participant_status"),
    path("participants/<int:pk>/specialist/", views.participant_reassign, name="participant_reassign"),
    path("participants/<int:pk>/consents/new/", views.consent_add, name="consent_add"),
    path("consents/<int:pk>/withdraw/", views.consent_withdraw, name="consent_withdraw"),
    path("referrals/new/", views.referral_create, name="referral_create"),
    path("referrals/<int:pk>/decide/", views.referral_decide, name="referral_decide"),
    path("team/", views.team_overview, name="team_overview"),
    path("research/participants/", views.research_participants, name="research_participants"),
    path("access-log/", views.access_log_search, name="access_log_search"),
    path("access-log/participants/<int:pk>/", views.participant_access_log, name="participant_access_log"),
]
