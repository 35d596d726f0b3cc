"""What every step of the bulk generator shares: the calendar of the history, seeded randomness,
pools of names, what earlier steps created (ids only) and the bulk writer.

Times are handled as *ticks*: working day index × 86,400 + seconds after 08:00 that day. They
sort and compare as integers; rows carry them as they are, and the writer turns them into what
the database stores (`Calendar.utc_text` on SQLite, an aware datetime on PostgreSQL).
"""

from __future__ import annotations

import bisect
import datetime
import itertools
import queue
import random
import threading
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from django.core.management.color import no_style
from django.db import connection, connections, models, transaction
from django.utils import timezone
from faker import Faker

from bistand.demo.catalogue import Weighted
from bistand.demo.plan import DAY_ENDS, DAY_STARTS, is_workday
from bistand.reference.models import Kommune, Occupation

from . import catalogue as bc

DAY = 86_400
WORKING_DAY = (DAY_ENDS.hour - DAY_STARTS.hour) * 3600 + (DAY_ENDS.minute - DAY_STARTS.minute) * 60
BATCH_SIZE = 5_000
_CLOCK = [f"{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}" for s in range(DAY)]  # "HH:MM:SS" by second of day


class Calendar:
    """The working days (weekdays that are not Norwegian public holidays) of the history,
    oldest first, ending at `end` (an aware datetime within the last working day)."""

    def __init__(self, end: datetime.datetime, years: int) -> None:
        local_end = timezone.localtime(end)
        last = local_end.date()
        try:
            first = last.replace(year=last.year - years)
        except ValueError:  # 29 February
            first = last.replace(year=last.year - years, day=28)
        days, day = [], first + datetime.timedelta(days=1)
        while day <= last:
            if is_workday(day):
                days.append(day)
            day += datetime.timedelta(days=1)
        if not days or days[-1] != last:
            raise ValueError(f"The history must end on a working day, not {last}")
        self.days = days
        self.last = len(days) - 1
        self.opens = [timezone.make_aware(datetime.datetime.combine(d, DAY_STARTS)) for d in days]
        self.length = [WORKING_DAY] * len(days)
        self.length[-1] = max(1, min(WORKING_DAY, int((local_end - self.opens[-1]).total_seconds())))
        self.end_tick = self.last * DAY + self.length[-1] - 1
        # For writing ticks fast: each day's opening in UTC, as a date text and seconds after midnight.
        utc = [o.astimezone(datetime.UTC) for o in self.opens]
        self._utc_opens = [u.replace(tzinfo=datetime.UTC) for u in utc]
        self._utc_dates = [f"{u:%Y-%m-%d} " for u in utc]
        self._utc_seconds = [u.hour * 3600 + u.minute * 60 for u in utc]
        self._last_tick, self._last_text = -1, ""

    def tick(self, day: int, rng: random.Random) -> int:
        """A random moment in working hours on working day `day`."""
        return day * DAY + int(rng.random() * self.length[day])

    def dt(self, tick: int) -> datetime.datetime:
        """The moment as an aware datetime (Oslo time); never after the end of the history."""
        tick = min(tick, self.end_tick)
        return self.opens[tick // DAY] + datetime.timedelta(seconds=tick % DAY)

    def utc(self, tick: int) -> datetime.datetime:
        """The same moment with a UTC tzinfo (what database drivers adapt fastest)."""
        if tick > self.end_tick:
            tick = self.end_tick
        return self._utc_opens[tick // DAY] + datetime.timedelta(seconds=tick % DAY)

    def utc_text(self, tick: int | datetime.datetime) -> str:
        """The same moment as Django stores it on SQLite: naive UTC, "YYYY-MM-DD HH:MM:SS"."""
        if type(tick) is not int:  # an aware datetime
            return connection.ops.adapt_datetimefield_value(tick)
        if tick == self._last_tick:  # created and updated are often the same moment
            return self._last_text
        self._last_tick = tick
        self._last_text = self._utc_text(tick)
        return self._last_text

    def _utc_text(self, tick: int) -> str:
        if tick > self.end_tick:
            tick = self.end_tick
        day = tick // DAY
        seconds = tick - day * DAY + self._utc_seconds[day]
        if seconds >= DAY:  # past midnight UTC: not within working hours, take the long way
            return self.utc(tick).replace(tzinfo=None).isoformat(" ")
        return self._utc_dates[day] + _CLOCK[seconds]

    def date(self, day: int) -> datetime.date:
        return self.days[max(0, min(day, self.last))]

    def date_of(self, tick: int) -> datetime.date:
        return self.days[min(tick, self.end_tick) // DAY]

    def day_on_or_after(self, date: datetime.date) -> int:
        """Index of the first working day on or after `date` (bisect)."""
        lo, hi = 0, len(self.days)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.days[mid] < date:
                lo = mid + 1
            else:
                hi = mid
        return lo


class Rng(random.Random):
    """random.Random with the draws the generator makes millions of times, made cheap:
    `pick` bisects cached cumulative weights, `randint` and `choice` scale one random()."""

    def pick(self, weighted: Weighted) -> Any:
        """A value of a ((value, weight), …) table, in proportion to the weights."""
        hit = _CUMULATIVE.get(id(weighted))
        if hit is None or hit[0] is not weighted:
            hit = _cumulative(weighted)
        return hit[1][bisect.bisect(hit[2], self.random() * hit[3])]

    def randint(self, a: int, b: int) -> int:
        return a + int(self.random() * (b - a + 1))

    def choice(self, seq: Sequence[Any]) -> Any:
        return seq[int(self.random() * len(seq))]

    def chance(self, p: float) -> bool:
        return self.random() < p

    def gap(self, mean: float) -> int:
        """Working days to the next event of a process with `mean` days between events (≥ 1)."""
        return 1 + int(self.expovariate(1 / max(mean - 0.5, 0.01)))


_CUMULATIVE: dict[int, tuple[Weighted, tuple, list[float], float]] = {}


def _cumulative(weighted: Weighted) -> tuple[Weighted, tuple, list[float], float]:
    """A weighted table's values and cumulative weights, kept (with the table, so that its id
    is not reused) for the next draw from it: the tables are mostly constants."""
    values, weights = zip(*weighted, strict=True)
    cumulative = list(itertools.accumulate(weights))
    hit = _CUMULATIVE[id(weighted)] = (weighted, values, cumulative, cumulative[-1])
    return hit


def spread(rng: random.Random, weighted: Sequence[tuple[Any, float]], n: int) -> list:
    """`n` values in the proportions of their weights (largest remainder), shuffled."""
    total = sum(w for _, w in weighted)
    exact = [(value, n * w / total) for value, w in weighted]
    counts = [int(x) for _, x in exact]
    order = sorted(range(len(exact)), key=lambda i: (-(exact[i][1] - counts[i]), i))
    for i in order[: n - sum(counts)]:
        counts[i] += 1
    values = [value for (value, _), count in zip(exact, counts, strict=True) for _ in range(count)]
    rng.shuffle(values)
    return values


def shares(weights: Sequence[float], n: int) -> list[int]:
    """`n` split in the proportions of `weights` (largest remainder, in order)."""
    total = sum(weights)
    exact = [n * w / total for w in weights]
    counts = [int(x) for x in exact]
    order = sorted(range(len(exact)), key=lambda i: (-(exact[i] - counts[i]), i))
    for i in order[: n - sum(counts)]:
        counts[i] += 1
    return counts


@dataclass
class Pools:
    """Names drawn once from Faker (so their frequencies are Faker's), then picked by index."""

    female: list[str]
    male: list[str]
    last: list[str]
    polish_female: list[tuple[str, str]]
    polish_male: list[tuple[str, str]]
    streets: list[str]
    full_names: list[str]

    @classmethod
    def draw(cls, seed: int) -> Pools:
        fake = Faker("no_NO")
        fake.seed_instance(seed)
        fake_pl = Faker("pl_PL")
        fake_pl.seed_instance(seed + 1)
        return cls(
            female=[fake.first_name_female() for _ in range(3000)],
            male=[fake.first_name_male() for _ in range(3000)],
            last=[fake.last_name() for _ in range(4000)],
            polish_female=[(fake_pl.first_name_female(), fake_pl.last_name_female()) for _ in range(300)],
            polish_male=[(fake_pl.first_name_male(), fake_pl.last_name_male()) for _ in range(300)],
            streets=[fake.street_name() for _ in range(2000)],
            full_names=[fake.name() for _ in range(3000)],
        )


@dataclass
class Geography:
    """The kommuner of the reference data, with population weights."""

    kommuner: dict[str, Kommune]  # by number, in number order
    weight: dict[str, int]
    by_fylke: dict[str, list[str]]  # fylke number -> kommune numbers

    @classmethod
    def load(cls) -> Geography:
        kommuner = {k.number: k for k in Kommune.objects.order_by("number")}
        weight = {n: bc.POPULATION.get(n, ("", bc.DEFAULT_POPULATION))[1] for n in kommuner}
        by_fylke: dict[str, list[str]] = {}
        for number, kommune in kommuner.items():
            by_fylke.setdefault(kommune.fylke_number, []).append(number)
        return cls(kommuner=kommuner, weight=weight, by_fylke=by_fylke)

    def name(self, number: str) -> str:
        return self.kommuner[number].name


class _Table:
    """How rows of one model are written: the INSERT statement, the fields the generator gives
    (in its order), how their values are adapted for the database, and the defaults of the rest."""

    def __init__(self, model: type[models.Model], given: tuple[str, ...], calendar: Calendar) -> None:
        opts = model._meta
        fields = [f for f in opts.concrete_fields if not f.primary_key]
        by_attname = {f.attname: f for f in fields}
        if unknown := [name for name in given if name not in by_attname]:
            raise ValueError(f"{opts.label} has no field {', '.join(unknown)}")
        rest = [f for f in fields if f.attname not in given]
        self.getter = itemgetter(*given) if len(given) > 1 else (lambda row, name=given[0]: (row[name],))
        self.converters = [(i, fn) for i, name in enumerate(given) if (fn := _converter(by_attname[name], calendar))]
        self.defaults = tuple(_adapt(f, f.get_default(), calendar) for f in rest)
        columns = [opts.pk.column] + [by_attname[name].column for name in given] + [f.column for f in rest]
        qn = connection.ops.quote_name
        # Table and column names come from the model's meta, quoted; the values are parameters.
        into = f"{qn(opts.db_table)} ({', '.join(qn(c) for c in columns)})"
        row = f"({', '.join(['%s'] * len(columns))})"
        # SQLite: many rows per INSERT (about 40 % less work per row than one row per statement),
        # within its limit of 32,766 parameters.
        self.rows_per_insert = max(1, min(500, 32_766 // len(columns)))
        if connection.vendor == "postgresql":
            self.sql = self.sql_many = f"COPY {into} FROM STDIN"
        else:
            self.sql = f"INSERT INTO {into} VALUES {row}"  # noqa: S608
            self.sql_many = f"INSERT INTO {into} VALUES {', '.join([row] * self.rows_per_insert)}"  # noqa: S608


def _converter(field: models.Field, calendar: Calendar) -> Callable[[Any], Any] | None:
    """A function adapting values of `field` for the database, or None when they go as they are.

    Datetime fields take a tick (int) of the calendar or an aware datetime. Every converter
    takes None too."""
    if isinstance(field, models.JSONField):
        by_text: dict[str, Any] = {}
        by_id: dict[int, tuple[Any, Any]] = {}  # the generator's constant lists, kept alive here

        def json_value(value: Any) -> Any:
            if value is None:
                return None
            hit = by_id.get(id(value))
            if hit is not None and hit[0] is value:
                return hit[1]
            key = repr(value)
            if len(key) > 80:
                return field.get_db_prep_save(value, connection)
            if key not in by_text:
                by_text[key] = field.get_db_prep_save(value, connection)
            if len(by_id) < 1000:
                by_id[id(value)] = (value, by_text[key])
            return by_text[key]

        return json_value
    sqlite = connection.vendor == "sqlite"
    if isinstance(field, models.DateTimeField):
        if sqlite:
            return calendar.utc_text
        return lambda v: calendar.utc(v) if type(v) is int else v  # psycopg adapts aware datetimes itself
    if isinstance(field, models.DateField) and sqlite:
        return lambda v: None if v is None else v.isoformat()
    return None  # decimals, numbers, text and booleans go as they are (and dates on PostgreSQL)


def _adapt(field: models.Field, value: Any, calendar: Calendar) -> Any:
    fn = _converter(field, calendar)
    return fn(value) if fn is not None else value


class Writer:
    """Writes rows (dicts of attribute names to values): `executemany` in batches on SQLite,
    `COPY … FROM STDIN` on PostgreSQL.

    Primary keys are given, not returned: each table continues from its largest id, so
    related rows are built before their parents are written, and generating never waits
    for the database. `commit()` writes what was given since the last commit in one
    transaction; inside `background()` it hands it to a thread with its own connection
    instead, so the next batch is generated while this one is written (both SQLite and
    psycopg let other threads run while the database works). `reset_sequences()` moves
    PostgreSQL's sequences past the ids given. The database checks every constraint as
    usual; model `save()`, signals and `auto_now` are bypassed, so rows keep the historical
    times they are given."""

    def __init__(self, calendar: Calendar, batch_size: int = BATCH_SIZE) -> None:
        self.calendar = calendar
        self.batch_size = batch_size
        self.counts: Counter[str] = Counter()
        self._tables: dict[tuple[type[models.Model], tuple[str, ...]], _Table] = {}
        self._next: dict[type[models.Model], int] = {}
        self._pending: list[tuple[_Table, list[tuple]]] = []
        self._queue: queue.Queue[list[tuple[_Table, list[tuple]]] | None] | None = None
        self._error: BaseException | None = None

    def __call__(self, model: type[models.Model], rows: Sequence[dict[str, Any]]) -> list[int]:
        """Queues `rows` of `model` (every row with the same keys); returns their primary keys."""
        if not rows:
            return []
        given = tuple(rows[0])
        table = self._tables.get((model, given))
        if table is None:
            table = self._tables[model, given] = _Table(model, given, self.calendar)
        first = self._next.get(model)
        if first is None:
            first = (model._base_manager.aggregate(m=models.Max("pk"))["m"] or 0) + 1
        pks = list(range(first, first + len(rows)))
        self._next[model] = first + len(rows)
        getter, converters, defaults = table.getter, table.converters, table.defaults
        params = []
        for pk, row in zip(pks, rows, strict=True):
            values = list(getter(row))
            for i, fn in converters:
                values[i] = fn(values[i])
            params.append((pk, *values, *defaults))
        self._pending.append((table, params))
        self.counts[model._meta.label] += len(rows)
        return pks

    def commit(self) -> None:
        """Writes the rows queued since the last commit, all or nothing."""
        batch, self._pending = self._pending, []
        if self._queue is None:
            self._write(batch)
        else:
            self._raise_error()
            self._queue.put(batch)

    def _write(self, batch: list[tuple[_Table, list[tuple]]]) -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            for table, params in batch:
                if table.sql.startswith("COPY"):  # PostgreSQL: one COPY per table, not a round trip per row
                    with cursor.cursor.copy(table.sql) as copy:
                        for row in params:
                            copy.write_row(row)
                    continue
                k = table.rows_per_insert
                whole = len(params) - len(params) % k
                for start in range(0, whole, self.batch_size):
                    rows = params[start : min(whole, start + self.batch_size)]
                    flat = [list(itertools.chain.from_iterable(rows[i : i + k])) for i in range(0, len(rows), k)]
                    cursor.executemany(table.sql_many, flat)
                if whole < len(params):
                    cursor.executemany(table.sql, params[whole:])

    @contextmanager
    def background(self) -> Iterator[Writer]:
        """Commits write on a thread of their own until the block ends (then everything
        committed is written, and a failure there is raised here)."""
        self._queue = queue.Queue(maxsize=1)
        thread = threading.Thread(target=self._run, args=(self._queue,), name="bulk-writer", daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self._queue.put(None)
            thread.join()
            self._queue = None
        self._raise_error()

    def _run(self, batches: queue.Queue[list[tuple[_Table, list[tuple]]] | None]) -> None:
        try:
            while (batch := batches.get()) is not None:
                if self._error is None:
                    try:
                        self._write(batch)
                    except BaseException as exc:  # handed to the generating thread; keep draining
                        self._error = exc
        finally:
            connections.close_all()  # this thread's connection

    def _raise_error(self) -> None:
        if self._error is not None:
            raise self._error

    def reset_sequences(self) -> None:
        statements = connection.ops.sequence_reset_sql(no_style(), list(self._next))
        if statements:
            with connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)


@dataclass
class Context:
    seed: int
    calendar: Calendar
    geo: Geography
    occupations: dict[str, Occupation]  # level-4 (unit groups) by code
    pools: Pools
    password_hash: str
    insert: Writer
    used_ids: set[str] = field(default_factory=set)
    used_pseudonyms: set[str] = field(default_factory=set)
    used_orgnrs: set[str] = field(default_factory=set)
    # Filled in by the steps, for the ones after them:
    world: Any = None  # world.World
    employers: Any = None  # employers.EmployerIndex
    openings: Any = None  # jobs.OpeningIndex

    @property
    def counts(self) -> Counter[str]:
        return self.insert.counts

    def rng(self, *parts: object) -> Rng:
        """A generator of its own for one part of the world: the same seed and parts give the
        same draws whatever else was generated before."""
        return Rng(":".join(["bistand-bulk", str(self.seed), *map(str, parts)]))


Progress = Callable[..., Any]  # tqdm-like: progress(total=…, desc=…, unit=…) -> object with update()/close()
