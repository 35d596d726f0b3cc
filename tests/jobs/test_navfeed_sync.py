"""The NAV feed client and sync against a local fake feed that behaves as documented."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import CommandError, call_command

from bistand.employers.models import Employer
from bistand.jobs.models import FeedState, JobOpening
from bistand.jobs.navfeed import FeedClient, FeedError, FeedUnauthorized
from bistand.jobs.sync import sync_feed
from tests.fakes import BASE_TIME, FEED_TOKEN, FakeFeed, ad_details, closed_port_url, masked, serve

pytestmark = pytest.mark.django_db


def at(minutes: int) -> datetime.datetime:
    return BASE_TIME + datetime.timedelta(minutes=minutes)


@pytest.fixture
def feed():
    return FakeFeed(page_size=2)


@pytest.fixture
def feed_url(feed):
    with serve(feed) as url:
        yield url


def run(url, *, token=FEED_TOKEN, sleeps=None, retries=3, **kwargs):
    sleeps = sleeps if sleeps is not None else []
    with FeedClient(url, token, retries=retries, backoff=0.5, sleep=sleeps.append, timeout=5) as client:
        return sync_feed(client, **kwargs)


def three_ads(feed):
    feed.publish(ad_details("ad-1", modified=at(1), title="Butikkmedarbeider"))
    feed.publish(
        ad_details(
            "ad-2",
            modified=at(2),
            title="Lagermedarbeider",
            styrk="9321",
            municipal="BERGEN",
            county="VESTLAND",
            extent="Deltid",
        )
    )
    feed.publish(ad_details("ad-3", modified=at(3), title="Kokk", styrk="5120.03", orgnr="123456789"))


def test_sync_follows_next_url_to_the_end_of_the_feed(feed, feed_url):
    three_ads(feed)
    stats = run(feed_url)
    assert (stats.pages, stats.items, stats.new, stats.updated, stats.skipped) == (2, 3, 3, 0, 0)
    assert JobOpening.objects.count() == 3
    page_requests = [path for path, _ in feed.requests if not path.startswith("/api/v1/feedentry/")]
    assert page_requests == ["/api/v1/feed", "/api/v1/feed/page-2"]
    state = FeedState.objects.get()
    assert (state.page_path, state.last_item_id) == ("/api/v1/feed/page-2", "entry-3")


def test_sync_stores_the_documented_fields(feed, feed_url):
    three_ads(feed)
    run(feed_url)
    ad1 = JobOpening.objects.get(nav_uuid="ad-1")
    assert ad1.title == "Butikkmedarbeider"
    assert (ad1.styrk_code, ad1.occupation.code, ad1.nav_occupation_code) == ("5223", "5223", "5223.01")
    assert ad1.esco_label == "butikkmedarbeider"
    assert [loc.kommune.name for loc in ad1.locations.all()] == ["Oslo"]
    assert (ad1.extent, ad1.engagement_type, ad1.position_count) == ("full_time", "Fast", 2)
    assert ad1.published_at == at(1)
    assert ad1.application_url == "https://example.no/apply/1"
    assert ad1.contacts[0]["name"] == "Kari Butikksjef"
    assert "<script>" not in ad1.description and "<strong>blid</strong>" in ad1.description
    assert ad1.employer.orgnr == "974760673" and ad1.employer.organisation_id is None
    ad2 = JobOpening.objects.get(nav_uuid="ad-2")
    assert (ad2.extent, ad2.locations.get().kommune.fylke_name) == ("part_time", "Vestland")
    # 123456789 fails the mod-11 check: the ad is kept, without an employer link.
    ad3 = JobOpening.objects.get(nav_uuid="ad-3")
    assert (ad3.employer, ad3.employer_name) == (None, "Rema 1000 Grünerløkka")
    assert Employer.objects.filter(orgnr="974760673").count() == 1


def test_sync_again_sends_the_validators_and_stops_on_304(feed, feed_url):
    three_ads(feed)
    run(feed_url)
    before = len(feed.requests)
    stats = run(feed_url)
    assert (stats.pages, stats.items) == (0, 0)
    path, headers = feed.requests[before]
    assert path == "/api/v1/feed/page-2"
    assert headers["If-None-Match"].startswith('"')
    assert "If-Modified-Since" in headers
    assert len(feed.requests) == before + 1
    assert JobOpening.objects.count() == 3


def test_sync_picks_up_only_what_was_added_to_the_last_page(feed, feed_url):
    three_ads(feed)
    run(feed_url)
    feed.publish(ad_details("ad-4", modified=at(4), title="Renholder", styrk="9112"))
    feed.publish(ad_details("ad-5", modified=at(5), title="Sjåfør", styrk="8322"))
    stats = run(feed_url)
    assert (stats.pages, stats.items, stats.new) == (2, 2, 2)
    assert feed.requested("/api/v1/feedentry/entry-3") == [feed.requested("/api/v1/feedentry/entry-3")[0]]
    assert JobOpening.objects.count() == 5


def test_update_changes_the_ad_without_duplicating_it(feed, feed_url):
    three_ads(feed)
    run(feed_url)
    feed.publish(ad_details("ad-1", modified=at(10), title="Butikkmedarbeider, helg"))
    stats = run(feed_url)
    assert (stats.new, stats.updated) == (0, 1)
    assert JobOpening.objects.filter(nav_uuid="ad-1").get().title == "Butikkmedarbeider, helg"


def test_update_that_stops_an_ad_deactivates_it_and_drops_its_contacts(feed, feed_url):
    three_ads(feed)
    run(feed_url)
    feed.publish(masked(feed.ads["ad-1"], modified=at(20)), uuid="ad-1", status="INACTIVE")
    stats = run(feed_url)
    assert stats.deactivated == 1
    ad1 = JobOpening.objects.get(nav_uuid="ad-1")
    assert ad1.is_active is False
    assert (ad1.contacts, ad1.application_url, ad1.description) == ([], "", "")
    assert JobOpening.objects.filter(is_active=True).count() == 2


def test_malformed_and_missing_fields_are_skipped_or_defaulted_without_stopping(feed, feed_url, caplog):
    feed.publish(None, raw_item="not an object")
    feed.publish(None, raw_item={"id": "entry-x", "_feed_entry": {"status": "ACTIVE"}, "url": "/api/v1/feedentry/nope"})
    feed.publish(None, raw_item={"title": "no id, no uuid", "_feed_entry": {"status": "ACTIVE"}})
    feed.publish(b"{not json", uuid="broken", status="ACTIVE")
    feed.publish({"uuid": "no-json", "status": "ACTIVE", "sistEndret": "2026-11-02T08:00:00Z"})
    feed.publish(ad_details("no-title", modified=at(1), title=""))
    sparse = {
        "uuid": "sparse",
        "status": "ACTIVE",
        "json": {
            "uuid": "sparse",
            "title": "Assistent",
            "published": None,
            "workLocations": None,
            "categoryList": None,
            "employer": None,
            "positioncount": "mange",
            "extent": None,
        },
    }
    feed.publish(sparse)
    feed.publish(ad_details("good", modified=at(2)))
    stats = run(feed_url)
    assert (stats.items, stats.new, stats.skipped) == (8, 2, 6)
    sparse_opening = JobOpening.objects.get(nav_uuid="sparse")
    assert (sparse_opening.position_count, sparse_opening.extent, sparse_opening.employer) == (None, "", None)
    assert sparse_opening.published_at is not None
    assert JobOpening.objects.filter(nav_uuid="good").exists()
    assert "skipped item" in caplog.text


def test_server_error_then_success_is_retried_with_backoff(feed, feed_url):
    three_ads(feed)
    feed.fail("/api/v1/feed", 500, 503)
    feed.fail("/api/v1/feedentry/entry-2", 502)
    sleeps = []
    stats = run(feed_url, sleeps=sleeps)
    assert stats.new == 3
    assert sleeps == [0.5, 1.0, 0.5]


def test_network_errors_end_with_a_clear_message():
    sleeps = []
    with pytest.raises(FeedError, match=r"could not be read .* after 3 attempts \(ConnectError"):
        run(closed_port_url(), sleeps=sleeps)
    assert sleeps == [0.5, 1.0]
    assert "ConnectError" in FeedState.objects.get().last_error


def test_a_run_that_stops_midway_resumes_with_the_next_item(feed, feed_url):
    three_ads(feed)
    feed.fail("/api/v1/feedentry/entry-3", 503, 503, 503)
    with pytest.raises(FeedError, match="HTTP 503"):
        run(feed_url)
    assert set(JobOpening.objects.values_list("nav_uuid", flat=True)) == {"ad-1", "ad-2"}
    stats = run(feed_url)
    assert (stats.items, stats.new) == (1, 1)
    assert len(feed.requested("/api/v1/feedentry/entry-1")) == 1
    assert JobOpening.objects.count() == 3


def test_starting_over_from_the_beginning_never_duplicates(feed, feed_url):
    three_ads(feed)
    run(feed_url)
    FeedState.objects.all().delete()
    stats = run(feed_url)
    assert (stats.items, stats.new, stats.unchanged) == (3, 0, 3)
    assert JobOpening.objects.count() == 3
    assert len(feed.requested("/api/v1/feedentry/entry-1")) == 1  # unchanged ads need no details


def test_a_wrong_token_is_reported_and_not_retried(feed, feed_url):
    three_ads(feed)
    with pytest.raises(FeedUnauthorized, match="refused the token"):
        run(feed_url, token="wrong")
    assert len(feed.requests) == 1


def test_since_is_sent_as_if_modified_since_on_the_first_request(feed, feed_url):
    three_ads(feed)
    stats = run(feed_url, since=at(2) + datetime.timedelta(seconds=30))
    headers = feed.requests[0][1]
    assert headers["If-Modified-Since"] == "Mon, 02 Nov 2026 08:02:30 GMT"
    assert stats.pages == 1
    assert list(JobOpening.objects.values_list("nav_uuid", flat=True)) == ["ad-3"]


def test_command_shows_progress_and_a_summary(feed, feed_url):
    three_ads(feed)
    out, err = io.StringIO(), io.StringIO()
    call_command("jobs", "sync", "--feed-url", feed_url, "--token", FEED_TOKEN, stdout=out, stderr=err)
    assert "Done: 2 pages, 3 items: 3 new, 0 updated, 0 deactivated, 0 unchanged, 0 skipped." in out.getvalue()
    assert "NAV feed" in err.getvalue() and "3" in err.getvalue()


def test_command_stops_with_a_clear_message_when_the_feed_cannot_be_reached():
    out = io.StringIO()
    with pytest.raises(CommandError, match="could not be read"):
        call_command(
            "jobs",
            "sync",
            "--feed-url",
            closed_port_url(),
            "--token",
            "t",
            "--retries",
            "2",
            "--backoff",
            "0",
            stdout=out,
            stderr=io.StringIO(),
        )
    assert "The next run resumes from there" in out.getvalue()


def test_command_refuses_a_missing_token(settings):
    settings.BISTAND_NAV_FEED_TOKEN = ""
    with pytest.raises(CommandError, match="No token"):
        call_command("jobs", "sync", "--feed-url", "http://127.0.0.1:1", stdout=io.StringIO(), stderr=io.StringIO())


def test_periodic_task_syncs_and_schedules_its_next_run(feed, feed_url, settings):
    from django_tasks_db.models import DBTaskResult

    from bistand.jobs.tasks import sync_nav_feed

    three_ads(feed)
    settings.BISTAND_NAV_FEED_URL, settings.BISTAND_NAV_FEED_TOKEN = feed_url, FEED_TOKEN
    settings.BISTAND_NAV_FEED_INTERVAL_MINUTES = 30
    result = sync_nav_feed.call(reschedule=True)
    assert result["new"] == 3
    queued = DBTaskResult.objects.get()
    assert queued.task_path.endswith("sync_nav_feed")
    assert queued.run_after > datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(minutes=29)
