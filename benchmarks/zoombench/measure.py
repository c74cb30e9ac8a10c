# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run one command and report its wall time and the peak memory of its processes.

Usage: ``python measure.py REPORT STDOUT STDERR -- COMMAND...``

Meant to run as a fresh process per measured command: ``ru_maxrss`` of RUSAGE_CHILDREN is the
largest resident set of any descendant that has been waited for, so a wrapper that starts
exactly one command reports that command's own peak (ansible-playbook, its forks and the
module processes they wait for) and nothing measured before it.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time


def main(argv):
    if len(argv) < 5 or argv[3] != "--":
        sys.stderr.write("usage: measure.py REPORT STDOUT STDERR -- COMMAND...\n")
        return 2
    report, stdout_path, stderr_path, command = argv[0], argv[1], argv[2], argv[4:]
    with open(stdout_path, "wb") as out, open(stderr_path, "wb") as err:
        started = time.perf_counter()
        wall_start = time.time()
        completed = subprocess.run(command, stdout=out, stderr=err, stdin=subprocess.DEVNULL, check=False)
        wall = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = {
        "rc": completed.returncode,
        "wall_s": wall,
        "started_at": wall_start,
        # Linux reports ru_maxrss in KiB.
        "peak_rss_mb": usage.ru_maxrss / 1024.0,
        "user_s": usage.ru_utime,
        "sys_s": usage.ru_stime,
    }
    with open(report, "w", encoding="utf-8") as handle:
        json.dump(result, handle)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
