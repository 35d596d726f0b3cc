from django.urls import include, path

urlpatterns = [
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("bistand.people.urls")),
    path("", include("bistand.casework.urls")),
    path("", include("bistand.employers.urls")),
    path("", include("bistand.jobs.urls")),
    path("", include("bistand.placements.urls")),
    path("", include("bistand.accounts.urls")),
    path("", include("bistand.core.urls")),
]

handler400 = "bistand.core.errors.bad_request"
handler403 = "bistand.core.errors.permission_denied"
handler404 = "bistand.core.errors.page_not_found"
handler500 = "bistand.core.errors.server_error"
