from django.urls import path

from . import views

app_name = "employers"
urlpatterns = [
    path("employers/", views.employer_list, name="list"),
    path("employers/new/", views.employer_create, name="create"),
    path("employers/<int:pk>/", views.employer_detail, name="detail"),
    path("employers/<int:pk>/edit/", views.employer_edit, name="edit"),
    path("employers/<int:pk>/people/new/", views.person_add, name="person_add"),
    path("employers/<int:pk>/mappings/new/", views.mapping_add, name="mapping_add"),
    path("employers/<int:pk>/contacts/new/", views.contact_add, name="contact_add"),
    path("employer-people/<int:pk>/edit/", views.person_edit, name="person_edit"),
    path("workplace-mappings/<int:pk>/edit/", views.mapping_edit, name="mapping_edit"),
    path("employer-contacts/", views.contact_log, name="contact_log"),
    path("employer-contacts/weekly/", views.contact_weekly, name="contact_weekly"),
]
