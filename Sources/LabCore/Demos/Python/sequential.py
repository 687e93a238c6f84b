# sequential: three 1-second fetches, awaited one by one, then gathered.
import asyncio
import time


async def fetch_data(url):
    await asyncio.sleep(1)  # stands in for a network request
    return f"Data from {url}"


async def main():
    urls = [f"api.example.com/user/{n}" for n in (1, 2, 3)]

    start = time.perf_counter()
    results = [await fetch_data(url) for url in urls]  # one by one
    print(f"one by one: {time.perf_counter() - start:.1f}s")

    start = time.perf_counter()
    results = await asyncio.gather(*(fetch_data(url) for url in urls))
    print(f"gathered:   {time.perf_counter() - start:.1f}s")
    print(results)


asyncio.run(main())
