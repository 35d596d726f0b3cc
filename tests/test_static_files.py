from django.contrib.staticfiles import finders


def test_project_static_files_are_found():
    """base.html loads these; without them pages have no style and no htmx."""
    assert finders.find("bistand/bistand.css")
    assert finders.find("bistand/vendor/htmx-2.0.11.min.js")
    assert finders.find("casework/casework.css")
