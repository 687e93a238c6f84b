"""Exercise: two kinds of errors, and the readings that came in.

The weather board reads seven stations at once in a TaskGroup. Five have their latest reading
in the cache and answer at once; the summit's is not cached, so it asks the station (2 s). Two
cached readings are not numbers, and one station is unknown: three errors of two kinds, in the
same instant, and the group cancels the summit. This program handles the bad readings, but the
unknown station's error goes on up and crashes it, and the readings that did come in are never
shown. Make it print:

    bad reading: lighthouse sent 'n/a'
    bad reading: pier sent '--'
    unknown station: quarry
    readings: airport 11.2, harbor 12.5, hill 9.0
    not read: summit
"""
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
        await asyncio.sleep(2.0)  # not in the cache: ask the station itself
        text = "4.1"
    try:
        return float(text)
    except ValueError:
        raise BadReading(f"{name} sent {text!r}") from None


async def main():
    tasks = {}
    try:
        async with asyncio.TaskGroup() as group:
            for name in STATIONS:
                tasks[name] = group.create_task(read_station(name))
    except* BadReading as bad:
        for error in bad.exceptions:
            print(f"bad reading: {error}")
    readings = [f"{name} {task.result():.1f}" for name, task in sorted(tasks.items())]
    print(f"readings: {', '.join(readings)}")


asyncio.run(main())
