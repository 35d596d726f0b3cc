from django.urls import path

from . import views

app_name = "jobs"
urlpatterns = [
    path("jobs/", views.vacancy_search, name="search"),
    path("jobs/new/", views.opening_create, name="create"),
    path("jobs/<int:pk>/", views.opening_detail, name="detail"),
    path("jobs/<int:pk>/edit/", views.opening_edit, name="edit"),
    path("jobs/<int:pk>/propose/", views.opening_propose, name="propose"),
    path("participants/<int:pk>/job-search/", views.funnel, name="funnel"),
    path("job-leads/<int:pk>/advance/", views.lead_advance, name="lead_advance"),
]
