from django.urls import path

from . import views

app_name = "placements"
urlpatterns = [
    path("participants/<int:pk>/placements/", views.participant_placements, name="participant_placements"),
    path("participants/<int:pk>/placements/new/", views.placement_create, name="create"),
    path("job-leads/<int:pk>/hire/", views.hire_from_lead, name="hire_from_lead"),
    path("placements/<int:pk>/", views.placement_detail, name="detail"),
    path("placements/<int:pk>/edit/", views.placement_edit, name="edit"),
    path("placements/<int:pk>/end/", views.placement_end, name="end"),
    path("placements/<int:pk>/follow-ups/new/", views.follow_up_create, name="follow_up_create"),
    path("follow-along/", views.follow_along, name="follow_along"),
    path("follow-along/queue/", views.work_queue, name="work_queue"),
    path("teams/<int:pk>/follow-along-timing/", views.policy_edit, name="policy"),
]
