# One except* for both types, split by isinstance; the readings from a list of done tasks.
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
    tasks = []
    try:
        async with asyncio.TaskGroup() as group:
            for name in STATIONS:
                tasks.append((name, group.create_task(read_station(name))))
    except* (BadReading, UnknownStation) as errors:
        bad = sorted(str(e) for e in errors.exceptions if isinstance(e, BadReading))
        unknown = sorted(str(e) for e in errors.exceptions if isinstance(e, UnknownStation))
        for line in bad:
            print("bad reading:", line)
        for line in unknown:
            print("unknown station:", line)
    readings = []
    missing = []
    for name, task in sorted(tasks):
        if task.cancelled():
            missing.append(name)
        elif task.exception() is None:
            readings.append(f"{name} {task.result():.1f}")
    print("readings:", ", ".join(readings))
    print("not read:", ", ".join(missing))


asyncio.run(main())
