# -*- coding: utf-8 -*-
# Copyright (c) ucops.zoom contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""What every listing module does around its own ``run(params, client)``.

Checks the Python dependencies, builds the client from the validated connection options,
keeps the request log (the system journal always, the result from ``-vvv``), and turns a
ZoomError into the module's one-line failure with ``error_kind``, ``status`` and ``zoom_code``.
"""

from __future__ import annotations

from ansible.module_utils.basic import missing_required_lib

from ansible_collections.ucops.zoom.plugins.module_utils import zoom_connection, zoom_http
from ansible_collections.ucops.zoom.plugins.module_utils.zoom_client import ZoomClient
from ansible_collections.ucops.zoom.plugins.module_utils.zoom_errors import ZoomError

# At this verbosity (-vvv) the result also carries the request log.
LOG_VERBOSITY = 3


def run_module(module, run, requirements=()):
    """Exit ``module`` with ``run(module.params, client)``, or fail it with the ZoomError it raised.

    ``requirements`` are ``(present, package, import_error)`` of Python packages beyond requests.
    """
    for present, package, error in ((zoom_http.HAS_REQUESTS, "requests", zoom_http.REQUESTS_IMPORT_ERROR),) + tuple(requirements):
        if not present:
            module.fail_json(msg=missing_required_lib(package), exception=error)
    http_log = []
    try:
        connection = zoom_connection.connection_from_options(zoom_connection.module_options(module.params))
        client = ZoomClient(connection, warn=module.warn, log=_logger(module, http_log))
        result = run(module.params, client)
    except ZoomError as exc:
        module.fail_json(**dict(exc.fail_kwargs(), **_log_result(module, http_log)))
    result.update(_log_result(module, http_log))
    module.exit_json(**result)


def _logger(module, lines):
    """module.log for every request (the system journal, Ansible's convention); kept for the result at -vvv."""
    keep = module._verbosity >= LOG_VERBOSITY  # pylint: disable=protected-access

    def log(line):
        module.log(line)
        if keep:
            lines.append(line)
    return log


def _log_result(module, lines):
    return {"http_log": lines} if module._verbosity >= LOG_VERBOSITY else {}  # pylint: disable=protected-access
