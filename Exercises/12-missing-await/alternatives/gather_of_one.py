# A gather of the one email: also correct.
import asyncio


async def create_account(user):
    await asyncio.sleep(0.2)  # the database
    print(f"account created for {user}")


async def send_welcome_email(user):
    await asyncio.sleep(0.3)  # the mail server
    print(f"welcome email sent to {user}")


async def signup(user):
    await create_account(user)
    await asyncio.gather(send_welcome_email(user))
    print("signup done")


asyncio.run(signup("ada"))
