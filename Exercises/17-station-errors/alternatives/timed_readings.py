# Each reading wrapped in the program's own timed_reading(), which notes how long each station
# took: also correct. The summit's reading is cancelled inside timed_reading(), and that counts.
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


took = {}


async def timed_reading(name):
    loop = asyncio.get_running_loop()
    started = loop.time()
    try:
        return await read_station(name)
    finally:
        took[name] = loop.time() - started


async def main():
    tasks = {}
    try:
        async with asyncio.TaskGroup() as group:
            for name in STATIONS:
                tasks[name] = group.create_task(timed_reading(name))
    except* BadReading as bad:
        for error in sorted(bad.exceptions, key=str):
            print(f"bad reading: {error}")
    except* UnknownStation as unknown:
        for error in sorted(unknown.exceptions, key=str):
            print(f"unknown station: {error}")
    finished = {name: task.result() for name, task in tasks.items() if not task.cancelled() and task.exception() is None}
    cancelled = [name for name, task in tasks.items() if task.cancelled()]
    print(f"readings: {', '.join(f'{name} {value:.1f}' for name, value in sorted(finished.items()))}")
    print(f"not read: {', '.join(sorted(cancelled))}")


asyncio.run(main())
