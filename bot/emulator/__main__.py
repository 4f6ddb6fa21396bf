"""``python -m bot.emulator``: run the emulator standalone so another process can act as users."""

from __future__ import annotations

import argparse
import asyncio
import contextlib

from bot.emulator.emulator import BotApiEmulator


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bot.emulator", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1", help="loopback address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8081, help="port (0 picks a free one; default 8081)")
    parser.add_argument("--token", default="123456:TEST-TOKEN")
    parser.add_argument("--username", default="baucu_demo_bot")
    args = parser.parse_args(argv)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(BotApiEmulator(args.token, bot_username=args.username, host=args.host, port=args.port)))


async def _serve(emu: BotApiEmulator) -> None:
    await emu.start()
    # flush so a parent process reading our stdout learns the URLs straight away
    print(f"base_url={emu.base_url}", flush=True)
    print(f"base_file_url={emu.base_file_url}", flush=True)
    print(f"control_url={emu.control_url}", flush=True)
    try:
        await asyncio.Event().wait()
    finally:
        await emu.stop()


if __name__ == "__main__":
    main()
