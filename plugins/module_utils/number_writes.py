# -*- coding: utf-8 -*-
# Copyright (c) ucops.zoom contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Carrying out a plan: the write requests in order, and the truth about each one.

A write is sent once. The transport resends it only after a 429 (Zoom refused it before
acting). Any other failure leaves the outcome to be found out: the numbers of the request are
read again, those already changed count as done, and the request is sent again for the rest
only when the failure could have lost the answer (a 5xx, a reset, a timeout) and the numbers
are still as they were. Otherwise the run stops, and says which numbers were changed and
which were not, so that running the task again finishes the job.
"""

from __future__ import annotations

import time

from ansible_collections.ucops.zoom.plugins.module_utils.number_changes import ACTIONS, build_steps, in_effect, still_before
from ansible_collections.ucops.zoom.plugins.module_utils.zoom_errors import (
    ZoomError, ZoomRateLimitError, ZoomTransportError,
)
from ansible_collections.ucops.zoom.plugins.module_utils.zoom_retry import backoff_delay

# Requests whose Phone API path Zoom retires (their Number Management twins replace them).
REPLACED_ACTIONS = ("update", "release")


class WriteStopped(Exception):
    """A write failed for good; ``error`` is the ZoomError that stopped the run."""

    def __init__(self, error):
        super().__init__(str(error))
        self.error = error


class Writer:
    """Sends the steps of every action in order through ``client.write``; ``requests`` lists what was sent."""

    def __init__(self, client, reader, plans, sleep=time.sleep):
        self.client = client
        self.reader = reader
        self.plans = plans
        self.requests = []
        self._sleep = sleep

    def run(self):
        """Carry out every plan; raise WriteStopped at the first write that cannot be completed."""
        for action in ACTIONS:
            steps = build_steps(action, self.plans, self.reader.endpoint)
            while steps:
                endpoint = self.reader.endpoint
                self._send(steps.pop(0))
                if self.reader.endpoint != endpoint:
                    # The Phone API is gone: what is left of this action goes to its replacement, in its batch sizes.
                    steps = build_steps(action, self.plans, self.reader.endpoint)

    def _send(self, step):
        attempt = 0
        while True:
            entry = step.entry()
            self.requests.append(entry)
            try:
                reply = self.client.write(step.method, step.path, params=step.params, body=step.body)
            except ZoomError as exc:
                entry.update(status=exc.status, error=str(exc))
                if step.action in REPLACED_ACTIONS and self.reader.moved(exc):
                    return
                rest = self._not_in_effect(step, exc)
                if not rest:
                    entry["applied"] = True
                    return
                if not _answer_lost(exc) or attempt >= self.client.connection.max_retries or not rest[1]:
                    raise WriteStopped(exc) from None
                step.plans = rest[0]
                self._sleep(backoff_delay(attempt))
                attempt += 1
                continue
            entry["status"] = reply.status
            for plan in step.plans:
                plan.completed.append(step.action)
            return

    def _not_in_effect(self, step, error):
        """``(plans not yet changed, whether sending to them again is safe)`` after a failed request.

        Reads the request's numbers again; those already changed are marked done. A refused
        daily limit is not read again: the reads would be refused too.
        """
        if isinstance(error, ZoomRateLimitError):
            return step.plans, False
        try:
            current = self.reader.read_ids([plan.id for plan in step.plans])
        except ZoomError:
            raise WriteStopped(error) from None
        rest = []
        for plan in step.plans:
            if in_effect(step.action, plan, current.get(plan.id)):
                plan.completed.append(step.action)
            else:
                rest.append(plan)
        if not rest:
            return None
        return rest, all(still_before(step.action, plan, current.get(plan.id)) for plan in rest)


def _answer_lost(error):
    """True when the request may have been applied but its answer did not arrive."""
    return isinstance(error, ZoomTransportError) or (error.status is not None and error.status >= 500)
