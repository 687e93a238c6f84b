"""Also correct: a sliding window with asyncio.wait(FIRST_COMPLETED): a new fetch starts as one ends."""
import asyncio

PAGES = [f"/page/{number}" for number in range(1, 13)]


async def fetch(page):
    await asyncio.sleep(0.5)  # the network
    return len(page)


async def main():
    waiting = iter(PAGES)
    running = set()
    sizes = []
    for page in waiting:
        running.add(asyncio.create_task(fetch(page)))
        if len(running) == 3:
            break
    while running:
        done, running = await asyncio.wait(running, return_when=asyncio.FIRST_COMPLETED)
        sizes += [task.result() for task in done]
        for page in waiting:
            running.add(asyncio.create_task(fetch(page)))
            if len(running) == 3:
                break
    print(f"{len(sizes)} pages crawled, {sum(sizes)} bytes")


asyncio.run(main())
