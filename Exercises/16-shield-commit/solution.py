"""Solution: the commit is a task behind a shield; the timeout cancels only the waiting."""
import asyncio

commits = set()


async def save_order(order_id):
    await asyncio.sleep(1.5)  # the database commit
    print(f"order {order_id} committed")


async def handle_request(order_id):
    commit = asyncio.create_task(save_order(order_id))
    commits.add(commit)
    commit.add_done_callback(commits.discard)
    try:
        async with asyncio.timeout(1.0):  # the client gives up after a second
            await asyncio.shield(commit)
        print("response: saved")
    except TimeoutError:
        print("response: still saving, check back later")


async def main():
    await handle_request(42)
    await asyncio.sleep(1.0)  # the server goes on serving
    await asyncio.gather(*commits)


asyncio.run(main())
