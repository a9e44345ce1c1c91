"""``POST /parse`` answers as Duckling does, on examples written here (README: Fact service):
the form fields, the entity shape, and each dimension's value objects."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest

from newsfacts.service.duckling import locale_language, read_dims


def _reftime(day: str, tz: str) -> str:
    """Midnight of ``day`` in ``tz``, in ms since the epoch, as Duckling's clients send it."""
    moment = datetime.fromisoformat(day).replace(tzinfo=ZoneInfo(tz))
    return str(int(moment.timestamp() * 1000))


def _parse(client: httpx.Client, text: str, locale: str, tz: str, **more: str) -> Any:
    form = {"text": text, "locale": locale, "tz": tz, "reftime": _reftime("2024-07-10", tz)}
    response = client.post("/parse", data={**form, **more})
    assert response.status_code == 200, response.text
    entities = response.json()
    for entity in entities:
        assert set(entity) == {"body", "start", "end", "dim", "value", "latent"}
        assert text[entity["start"] : entity["end"]] == entity["body"]
        assert entity["latent"] is False
    return entities


def _found(
    client: httpx.Client, text: str, locale: str, tz: str
) -> dict[str, tuple[str, dict[str, Any]]]:
    """``(dim, value)`` of each entity /parse finds, by its body."""
    return {e["body"]: (e["dim"], e["value"]) for e in _parse(client, text, locale, tz)}


def _day(value: str, grain: str) -> dict[str, Any]:
    moment = {"value": value, "grain": grain}
    return {"type": "value", **moment, "values": [{"type": "value", **moment}]}


def _money(amount: int, unit: str) -> tuple[str, dict[str, Any]]:
    return "amount-of-money", {"type": "value", "value": amount, "unit": unit}


def test_malay_money_day_duration_and_count(service: httpx.Client) -> None:
    text = "Kerajaan memperuntukkan RM5.2 juta pada 13 Julai 2024 untuk tempoh tiga tahun."
    found = _found(service, text, "ms_MY", "Asia/Kuala_Lumpur")
    assert found["RM5.2 juta"] == _money(5_200_000, "MYR")
    assert found["13 Julai 2024"] == ("time", _day("2024-07-13T00:00:00.000+08:00", "day"))
    seconds = {"value": 3 * 365 * 86_400, "unit": "second"}
    assert found["tiga tahun"] == (
        "duration",
        {"type": "value", "value": 3, "unit": "year", "year": 3, "normalized": seconds},
    )


def test_vietnamese_money_year_and_percent(service: httpx.Client) -> None:
    text = "Doanh thu đạt 1.149 tỷ đồng trong năm 2024, tăng 3,36% so với năm trước."
    found = _found(service, text, "vi_VN", "Asia/Ho_Chi_Minh")
    assert found["1.149 tỷ đồng"] == _money(1_149_000_000_000, "VND")
    assert found["năm 2024"] == ("time", _day("2024-01-01T00:00:00.000+07:00", "year"))
    assert found["3,36%"] == ("number", {"type": "value", "value": 3.36})


def test_english_qualified_money_and_a_span_of_years(service: httpx.Client) -> None:
    text = "The plant will cost more than $5bn from 2021 to 2025, and employ 1,200 people."
    found = _found(service, text, "en_GB", "Europe/London")
    assert found["more than $5bn"] == (
        "amount-of-money",
        {"type": "interval", "from": {"value": 5_000_000_000, "unit": "USD"}},
    )
    ends = {
        "from": {"value": "2021-01-01T00:00:00.000+00:00", "grain": "year"},
        "to": {"value": "2026-01-01T00:00:00.000+00:00", "grain": "year"},
    }
    assert found["from 2021 to 2025"] == (
        "time",
        {"type": "interval", **ends, "values": [{"type": "interval", **ends}]},
    )
    assert found["1,200 people"] == ("number", {"type": "value", "value": 1200})


def test_indonesian_relative_days_read_from_reftime(service: httpx.Client) -> None:
    text = "Pemerintah menyiapkan Rp 3 triliun pada kuartal kedua 2024, kata menteri Senin lalu."
    found = _found(service, text, "id_ID", "Asia/Jakarta")
    assert found["kuartal kedua 2024"] == (
        "time",
        _day("2024-04-01T00:00:00.000+07:00", "quarter"),
    )
    # 2024-07-10 is a Wednesday: the Monday before it
    assert found["Senin lalu"] == ("time", _day("2024-07-08T00:00:00.000+07:00", "day"))
    assert found["Rp 3 triliun"][1]["unit"] == "IDR"


def test_a_week_and_the_dims_field(service: httpx.Client) -> None:
    text = "Harga minyak naik 5% minggu depan kepada RM3.20 seliter."
    every = _parse(service, text, "ms_MY", "Asia/Kuala_Lumpur")
    assert {e["dim"] for e in every} == {"number", "time", "amount-of-money"}
    week = {e["body"]: (e["dim"], e["value"]) for e in every}["minggu depan"]
    assert week == ("time", _day("2024-07-15T00:00:00.000+08:00", "week"))  # from Monday
    for dims in ('["time"]', "time", '["time", "email"]'):
        only = _parse(service, text, "ms_MY", "Asia/Kuala_Lumpur", dims=dims)
        assert [e["dim"] for e in only] == ["time"]


@pytest.mark.parametrize(
    ("form", "detail"),
    [
        ({"text": "RM5 juta", "locale": "fr_FR"}, "not served"),
        ({"text": "RM5 juta", "locale": "ms_MY", "tz": "Mars/Olympus"}, "unknown time zone"),
        ({"text": "RM5 juta", "locale": "ms_MY", "reftime": "yesterday"}, "invalid literal"),
        ({"text": "RM5 juta", "locale": "ms_MY", "dims": '["time"'}, "not a JSON list"),
        ({"locale": "ms_MY"}, "text is required"),
    ],
)
def test_bad_forms_are_problem_details(
    service: httpx.Client, form: dict[str, str], detail: str
) -> None:
    response = service.post("/parse", data=form)
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    assert detail in response.json()["detail"]


def test_locales_and_dims() -> None:
    assert [locale_language(x) for x in ("ms_MY", "vi_VN", "id_ID", "en_US", "EN")] == [
        "ms",
        "vi",
        "id",
        "en",
        "en",
    ]
    assert read_dims("") == [] and read_dims("time, number") == ["time", "number"]
    with pytest.raises(ValueError, match="list of names"):
        read_dims('[1, "time"]')
