"""A small archive built through the ORM (so the session hooks index it), on both engines.

The running example and its decoys: Kate Winslet and Mia Threapleton by Joe Maher for
Getty at the 2023 BAFTA TV Awards; Kate Winslet by Mike Marsland for WireImage (a Getty
brand); another Kate (Moss, AP/Invision, Met Gala); another BAFTA year (2022); a picture
in Łódź; and a bare undated picture.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from archive.db.base import utcnow
from archive.db.models import (
    Agency,
    Event,
    Keyword,
    Person,
    PersonAlias,
    Photo,
    Photographer,
    PhotoKeyword,
    PhotoPerson,
)
from archive.handle import Archive
from archive.text import fold

BAFTA = "2023 BAFTA Television Awards with P&O Cruises"


def _named(model: type, name: str) -> object:
    return model(name=name, folded=fold(name))


def build(archive: Archive) -> dict[str, int]:
    now = utcnow()
    with archive.sessions.begin() as s:
        getty = Agency(name="Getty Images")
        wire = Agency(name="WireImage", parent=getty)
        ap = Agency(name="Associated Press")
        invision = Agency(name="Invision", parent=ap)
        kate_w, mia, kate_m, olivia, lukasz = (
            _named(Person, n)
            for n in ("Kate Winslet", "Mia Threapleton", "Kate Moss", "Olivia Colman", "Łukasz Żal")
        )
        mia.aliases.append(
            PersonAlias(alias="Mia Honey Threapleton", folded="mia honey threapleton")
        )  # type: ignore[attr-defined]
        bafta23 = Event(
            name=BAFTA, folded=fold(BAFTA), city="London", venue="The Royal Festival Hall"
        )
        bafta22 = _named(Event, "2022 BAFTA Television Awards")
        met = _named(Event, "Met Gala 2023")
        red = Keyword(name="Red Carpet")
        arts = Keyword(name="Arts Culture and Entertainment")

        def photo(key: str, **kw: object) -> Photo:
            people = kw.pop("people", [])
            keywords = kw.pop("keywords", [])
            p = Photo(
                sha256=fold(key).ljust(8, "0").encode().hex()[:16].ljust(64, "a"),
                format="jpeg",
                file_size=1000,
                stored_path=f"originals/{key}.jpg",
                **kw,
            )
            for i, person in enumerate(people):  # type: ignore[arg-type]
                p.person_links.append(PhotoPerson(person=person, position=i))
            for i, word in enumerate(keywords):  # type: ignore[arg-type]
                p.keyword_links.append(PhotoKeyword(keyword=word, position=i))
            s.add(p)
            return p

        photos = {
            "getty": photo(
                "getty",
                caption="Kate Winslet and Mia Threapleton attend the 2023 BAFTA Television "
                "Awards with P&O Cruises at The Royal Festival Hall on May 14, 2023 in London.",
                headline="2023 BAFTA Television Awards with P&O Cruises - Red Carpet Arrivals",
                credit_line="Joe Maher/Getty Images",
                creator="Joe Maher",
                photographer=_named(Photographer, "Joe Maher"),
                agency=getty,
                event=bafta23,
                people=[kate_w, mia],
                keywords=[arts, red],
                city="London",
                country="United Kingdom",
                country_code="GB",
                camera_make="Canon",
                camera_model="Canon EOS R5",
                taken_at=datetime(2023, 5, 14, 17, 42, 10),
                imported_at=now - timedelta(days=2),
            ),
            "wire": photo(
                "wire",
                caption="Kate Winslet attends the 2023 BAFTA Television Awards in London.",
                credit_line="Mike Marsland/WireImage/Getty Images",
                photographer=_named(Photographer, "Mike Marsland"),
                agency=wire,
                event=bafta23,
                people=[kate_w],
                city="London",
                country="United Kingdom",
                country_code="GB",
                taken_at=datetime(2023, 5, 14, 18, 1),
                imported_at=now - timedelta(days=40),
            ),
            "moss": photo(
                "moss",
                caption="Kate Moss attends the Met Gala; the carpet was red this year.",
                credit_line="Evan Agostini/Invision/AP",
                agency=invision,
                event=met,
                photographer=_named(Photographer, "Evan Agostini"),
                people=[kate_m],
                city="New York",
                country="United States",
                country_code="US",
                taken_at=datetime(2023, 5, 1, 20, 0),
                imported_at=now - timedelta(days=400),
            ),
            "bafta22": photo(
                "bafta22",
                caption="Olivia Colman on the red carpet at the 2022 BAFTA Television Awards.",
                credit_line="Jeff Spicer/Getty Images",
                agency=getty,
                event=bafta22,
                photographer=_named(Photographer, "Jeff Spicer"),
                people=[olivia],
                city="London",
                # No code embedded: country:GB must find it by its name (ISO 3166-1).
                country="United Kingdom",
                taken_at=datetime(2022, 5, 8, 18, 30),
                imported_at=now - timedelta(days=401),
            ),
            "lodz": photo(
                "lodz",
                caption="Łukasz Żal at the Camerimage festival in Łódź.",
                people=[lukasz],
                city="Łódź",
                country="Poland",
                country_code="PL",
                camera_make="Nikon",
                camera_model="NIKON Z 9",
                taken_at=datetime(2019, 11, 16, 12, 0),
                imported_at=now - timedelta(days=402),
            ),
            "undated": photo("undated", imported_at=now - timedelta(days=1000)),
        }
        s.flush()
        return {k: p.id for k, p in photos.items()}


@pytest.fixture
def built(archive: Archive) -> tuple[Archive, dict[str, int]]:
    return archive, build(archive)
