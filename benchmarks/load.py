"""Server capacity without browsers: N sessions speak Streamlit's websocket protocol to one server.

Each simulated user is what a browser tab is to the server: a websocket on `/_stcore/stream`
that asks for a script run (a `BackMsg.rerun_script` with the page and the widget states) and
reads the `ForwardMsg`s until `script_finished`. After opening the business case, every user
changes the implementation period (the widget found by its key in the first run's deltas),
waits for the run to finish, thinks for `--think` seconds, and edits again. The latency of an
edit is the time from sending the new widget state to `script_finished`.

The run steps the number of concurrent users up (`--steps 10,20,40`) and reports, per step,
the median and 90th percentile latency, the server's resident memory and the memory per
session, and then the largest number of users per core at which the median stays below the
goal (500 ms). No browser runs, so the two cores measure the server alone.

    python -m benchmarks.load                        # starts its own server
    python -m benchmarks.load --steps 5,10,20 --think 2 --edits 5

Loopback only; users, edits and the whole run are capped and bounded by --timeout.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.NumberInput_pb2 import NumberInput
from streamlit.proto.WidgetStates_pb2 import WidgetState

from benchmarks.stress import rss_mib
from tests.browser.server import running_app
from ui.i18n import translate

GOAL_MEDIAN_MS = 500.0
GOAL_SESSIONS_PER_CORE = 20
MAX_USERS = 200
MAX_EDITS = 50
EDITED_KEY = "implementation@"
EDITED_TAB = "bc.tab_scale"  # the business case's tab that holds the edited field
TABS_KEY = "business_case_tabs"
RESULTS = Path(__file__).resolve().parent / "load_results.md"


@dataclass
class Widget:
    """The id and kind of the widget a simulated user edits."""

    id: str
    kind: str
    integer: bool = False

    def state(self, value: float) -> WidgetState:
        state = WidgetState(id=self.id)
        if self.kind == "number_input":
            if self.integer:
                state.int_value = int(value)
            else:
                state.double_value = float(value)
        else:
            state.string_value = f"{value:g}"
        return state


@dataclass
class User:
    """One simulated browser tab: its websocket and what the first run told it. The business
    case draws only its open tab, so the user opens the tab holding the edited field first and
    sends that choice with every edit, as a browser sends all its widgets' states."""

    socket: websockets.ClientConnection
    page_hash: str = ""
    widget: Widget | None = None
    tab: WidgetState | None = None
    latencies: list[float] = field(default_factory=list)

    def edited(self, value: float) -> list[WidgetState]:
        assert self.widget is not None and self.tab is not None
        return [self.tab, self.widget.state(value)]

    async def run(self, states: list[WidgetState]) -> float:
        """Ask for a script run with these widget states; seconds until it finished."""
        message = BackMsg()
        message.rerun_script.page_script_hash = self.page_hash
        message.rerun_script.widget_states.widgets.extend(states)
        started = time.perf_counter()
        await self.socket.send(message.SerializeToString())
        while True:
            reply = ForwardMsg.FromString(await self.socket.recv())
            kind = reply.WhichOneof("type")
            if kind == "new_session":
                self.page_hash = reply.new_session.page_script_hash
            elif kind == "delta" and self.widget is None:
                self._find_widget(reply)
                self._find_tabs(reply)
            elif kind == "script_finished":
                return time.perf_counter() - started

    def _find_tabs(self, reply: ForwardMsg) -> None:
        if reply.delta.WhichOneof("type") != "add_block":
            return
        tabs_id = reply.delta.add_block.tab_container.id
        if tabs_id.endswith(TABS_KEY):
            self.tab = WidgetState(id=tabs_id, string_value=translate("da", EDITED_TAB))

    def _find_widget(self, reply: ForwardMsg) -> None:
        if reply.delta.WhichOneof("type") != "new_element":
            return
        element = reply.delta.new_element
        kind = element.WhichOneof("type")
        inner = getattr(element, kind)
        widget_id = getattr(inner, "id", "")
        if isinstance(widget_id, str) and EDITED_KEY in widget_id.rsplit("-", 1)[-1]:
            integer = kind == "number_input" and inner.data_type == NumberInput.INT
            self.widget = Widget(widget_id, kind, integer)


async def open_user(url: str) -> User:
    socket = await websockets.connect(f"{url.replace('http', 'ws', 1)}/_stcore/stream",
                                      max_size=None)
    user = User(socket)
    await user.run([])
    if user.tab is not None:
        await user.run([user.tab])
    if user.widget is None:
        raise RuntimeError(f"no widget with key {EDITED_KEY}… on the first page")
    return user


async def edit_loop(user: User, index: int, edits: int, think: float) -> None:
    await asyncio.sleep(think * (index % 10) / 10)  # users do not all press Enter at once
    for edit in range(edits):
        months = 1 + (index + edit) % 24
        user.latencies.append(await user.run(user.edited(months)))
        await asyncio.sleep(think)


async def step(url: str, pid: int, users: int, edits: int, think: float) -> dict[str, float]:
    before = rss_mib(pid)
    opened = [await open_user(url) for _ in range(users)]
    after_open = rss_mib(pid)
    await asyncio.gather(*(edit_loop(user, i, edits, think) for i, user in enumerate(opened)))
    after = rss_mib(pid)
    for user in opened:
        await user.socket.close()
    latencies = sorted(ms * 1000 for user in opened for ms in user.latencies)
    cuts = statistics.quantiles(latencies, n=10, method="inclusive")
    return {"users": users, "users per core": users / len(os.sched_getaffinity(0)),
            "edits": len(latencies), "median ms": statistics.median(latencies),
            "p90 ms": cuts[8], "max ms": latencies[-1], "server RSS MiB": after,
            "MiB per session": (after_open - before) / users}


async def measure(url: str, pid: int, steps: list[int], edits: int,
                  think: float) -> list[dict[str, float]]:
    warm = await open_user(url)  # imports and caches: not a user's cost
    await warm.run(warm.edited(6))
    await warm.socket.close()
    results = []
    for users in steps:
        results.append(await step(url, pid, users, edits, think))
        if results[-1]["median ms"] > 4 * GOAL_MEDIAN_MS:
            break  # far past the goal: larger steps only take longer to say so
    return results


def report(results: list[dict[str, float]], think: float) -> str:
    cores = len(os.sched_getaffinity(0))
    rows = "\n".join(
        f"| {r['users']:.0f} | {r['users per core']:.1f} | {r['edits']:.0f} | "
        f"{r['median ms']:,.0f} | {r['p90 ms']:,.0f} | {r['max ms']:,.0f} | "
        f"{r['server RSS MiB']:,.0f} | {r['MiB per session']:.2f} |" for r in results)
    within = [r["users per core"] for r in results if r["median ms"] < GOAL_MEDIAN_MS]
    best = max(within, default=0.0)
    verdict = "met" if best >= GOAL_SESSIONS_PER_CORE else "short"
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    return (
        f"# Load: sessions per core without browsers\n\n{when}, {cores} cores, load average "
        f"{os.getloadavg()[0]:.1f} before the run. Each user edits the implementation period on "
        f"the business case, waits for the run to finish and thinks {think:g} s before the next "
        f"edit; latency = new widget state sent → `script_finished`.\n\n"
        "| users | users per core | edits | median ms | p90 ms | max ms | server RSS MiB | "
        "MiB per session |\n|---:|---:|---:|---:|---:|---:|---:|---:|\n"
        f"{rows}\n\nLargest load with a median below {GOAL_MEDIAN_MS:.0f} ms: **{best:.1f} users "
        f"per core** (goal ≥ {GOAL_SESSIONS_PER_CORE}: {verdict}).\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", default="10,20,40,60",
                        help="numbers of concurrent users, comma-separated")
    parser.add_argument("--edits", type=int, default=6, help="edits per user and step")
    parser.add_argument("--think", type=float, default=5.0, help="seconds between edits")
    parser.add_argument("--timeout", type=float, default=900, help="seconds for the whole run")
    args = parser.parse_args()
    steps = [int(n) for n in args.steps.split(",")]
    if not all(1 <= n <= MAX_USERS for n in steps) or not 1 <= args.edits <= MAX_EDITS:
        parser.error(f"users 1–{MAX_USERS}, edits 1–{MAX_EDITS}")
    with tempfile.TemporaryDirectory() as folder, running_app(Path(folder)) as (url, pid):
        results = asyncio.run(asyncio.wait_for(
            measure(url, pid, steps, args.edits, args.think), args.timeout))
    text = report(results, args.think)
    RESULTS.write_text(text)
    print(text)


if __name__ == "__main__":
    main()
