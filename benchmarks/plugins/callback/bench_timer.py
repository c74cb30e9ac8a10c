# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Benchmark-only callback: when each task started and ended, written as JSON at the end of the run.

Enabled with ``ANSIBLE_CALLBACKS_ENABLED=bench_timer``; the file is named by ``BENCH_TIMINGS``.
The harness uses it to split a playbook's time into its tasks, and keeps the ``seconds`` a
task reports about its own phases (the audit's listing, and its evaluation and writing).
"""

from __future__ import annotations

import json
import os
import time

from ansible.plugins.callback import CallbackBase

DOCUMENTATION = r'''
name: bench_timer
type: aggregate
short_description: Task start and end times as JSON (benchmark only)
description: Writes the start and end time of every task to the file named by the BENCH_TIMINGS environment variable.
author: ucops.zoom maintainers (@ucops)
'''


class CallbackModule(CallbackBase):

    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "bench_timer"
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._started = time.time()
        self._tasks = []

    def _close_task(self, now):
        if self._tasks and self._tasks[-1]["end"] is None:
            self._tasks[-1]["end"] = now

    def v2_playbook_on_task_start(self, task, is_conditional):
        now = time.time()
        self._close_task(now)
        self._tasks.append({"name": task.get_name(), "action": task.action, "start": now, "end": None})

    def v2_playbook_on_handler_task_start(self, task):
        self.v2_playbook_on_task_start(task, False)

    def v2_runner_on_ok(self, result):
        # Modules that time their own phases (the audit's listing and writing) report them here.
        seconds = result._result.get("seconds")  # pylint: disable=protected-access
        if isinstance(seconds, dict) and self._tasks:
            self._tasks[-1]["seconds"] = dict((str(key), value) for key, value in seconds.items() if isinstance(value, (int, float)))

    def v2_playbook_on_stats(self, stats):
        now = time.time()
        self._close_task(now)
        path = os.environ.get("BENCH_TIMINGS")
        if path:
            with open(path, "w", encoding="utf-8") as handle:
                json.dump({"started": self._started, "ended": now, "tasks": self._tasks}, handle)
