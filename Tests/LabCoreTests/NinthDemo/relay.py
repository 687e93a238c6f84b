# relay: each leg starts when the one before hands over (the sum of the legs);
# gathered, the legs overlap (the longest leg).
import asyncio

from _gatherlab import demo, letters, observed, returned

params = demo("relay", legs=[1, 1, 1], mode="relay")


@observed
async def leg(name, seconds):
    await asyncio.sleep(seconds)
    return name


async def main():
    names = letters(len(params.legs))
    if params.mode == "relay":
        returned([await leg(name, seconds) for name, seconds in zip(names, params.legs)], "relay finished")
    else:
        returned(await asyncio.gather(*(leg(name, seconds) for name, seconds in zip(names, params.legs))))


asyncio.run(main())
