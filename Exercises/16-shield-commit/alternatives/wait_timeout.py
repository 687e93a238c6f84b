# wait() with a timeout, which stops waiting but cancels nothing, where the solution used shield: also correct.
import asyncio


async def save_order(order_id):
    await asyncio.sleep(1.5)
    print(f"order {order_id} committed")


async def handle_request(order_id):
    commit = asyncio.create_task(save_order(order_id))
    done, _ = await asyncio.wait({commit}, timeout=1.0)
    print("response: saved" if done else "response: still saving, check back later")
    return commit


async def main():
    commit = await handle_request(42)
    await asyncio.sleep(1.0)
    await commit


asyncio.run(main())
