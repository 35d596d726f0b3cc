from django.urls import path

from . import views

app_name = "audit"
urlpatterns = [
    path("", views.audit_search, name="search"),
    path("participants/<int:pk>/", views.participant_access_log, name="participant_access_log"),
]
