# sequential: three 1-second fetches, awaited one by one, then gathered.
import asyncio

from _gatherlab import demo, letters, observed, phase, returned

params = demo("sequential", count=3, delay=1.0)


@observed
async def fetch_data(name, url):
    await asyncio.sleep(params.delay)  # stands in for a network request
    return f"Data from {url}"


async def main():
    names = letters(params.count)
    urls = [f"api.example.com/user/{n}" for n in range(1, params.count + 1)]

    phase("one by one", 1)
    results = [await fetch_data(name, url) for name, url in zip(names, urls)]
    returned(results, "all awaited")

    phase("gathered", 2)
    results = await asyncio.gather(*(fetch_data(name, url) for name, url in zip(names, urls)))
    returned(results)


asyncio.run(main())
