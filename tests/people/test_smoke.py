import pytest
from django.urls import reverse


@pytest.mark.parametrize("name", ["casework:caseload", "people:referral_create"])
def test_specialist_pages_render(world, client_for, name):
    response = client_for(world.js).get(reverse(name))
    assert response.status_code == 200


def test_participant_detail_renders(world, client_for):
    response = client_for(world.js).get(reverse("people:participant_detail", args=[world.own.pk]))
    assert response.status_code == 200
    assert "Eiensen" in response.content.decode()
