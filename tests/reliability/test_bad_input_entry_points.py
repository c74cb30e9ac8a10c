# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Bad input through the module, the lookup and the inventory plugin (the functional suite has the basic cases).

Refused values fail the task or the parse, naming the option, before any request; accepted
free-text values reach the simulator exactly as written, encoded, with no parameter smuggled.
"""

from __future__ import annotations

import json

import pytest

import reliability_lib as lib

# Module task arguments (YAML) that must fail before any request, and the option the message must name.
MODULE_REFUSED = [
    ("site_id", "site_id: '   '"),
    ("site_id", "site_id: '%s'" % ("x" * 257)),
    ("site_id", 'site_id: "a\\r\\nX-Injected: 1"'),
    ("phone_number", "phone_number: '+1415&type=all'"),
    ("queries", "queries: [{site_id: ''}]"),
    ("endpoint", "endpoint: everywhere"),
    ("timeout", "timeout: .nan"),
    ("api_url", "api_url: 'http://127.0.0.1:99999/v2'"),
    ("client_id", "client_id: 'client:other'"),
    ("access_token", 'access_token: "token\\r\\nX-Injected: 1"'),
]

# Free text that must arrive as written (the module runs a representative part: it validates through the same code).
SITE_IDS = [
    "x&type=all",
    "x&next_page_token=abc",
    "x?type=all#top",
    "../../users/me",
    "%00",
    "%26type%3Dall",
    "a+b c;d",
    "東京オフィス Zoë 📞",
    "{{ lookup('env', 'HOME') }}",
]

MODULE_SITE_IDS = ["x&type=all", "x&next_page_token=abc", "../../users/me", "%00", "東京オフィス Zoë 📞", "{{ lookup('env', 'HOME') }}"]


def yaml_string(text):
    return json.dumps(text, ensure_ascii=False)


def assert_received_exactly(sim, site_ids, minimum):
    """Every list request carried one of ``site_ids``, a page size and the pinned pending_numbers, nothing else;
    each arrived ``minimum`` times."""
    counts = dict((site_id, 0) for site_id in site_ids)
    for entry in sim.stats()["query_log"]:
        if entry["path"] != "/v2/phone/numbers":
            continue
        query = dict(entry["query"])
        query.pop("next_page_token", None)
        assert query.pop("pending_numbers", None) == ["true"], entry["raw_query"]
        assert sorted(query) == ["page_size", "site_id"], entry["raw_query"]
        assert len(query["site_id"]) == 1 and query["site_id"][0] in counts, entry["raw_query"]
        counts[query["site_id"][0]] += 1
    assert all(count >= minimum for count in counts.values()), counts


def test_module_refuses_before_any_request_and_sends_free_text_exactly(ansible, zoom_simulator_factory):
    refused_sim = zoom_simulator_factory(size=60)
    sent_sim = zoom_simulator_factory(size=60)
    tasks = ""
    for index, (dummy, arguments) in enumerate(MODULE_REFUSED):
        tasks += """
- name: Refused {index}
  ucops.zoom.zoom_phone_numbers_info:
    {arguments}
  register: refused_{index}
  ignore_errors: true
""".format(index=index, arguments=arguments)
    for index, site_id in enumerate(MODULE_SITE_IDS):
        tasks += """
- name: Sent {index}
  ucops.zoom.zoom_phone_numbers_info:
    site_id: !unsafe {site_id}
    api_url: {api_url}
    oauth_url: {oauth_url}
    client_secret: "{{{{ lookup('ansible.builtin.env', 'ZOOM_CLIENT_SECRET') }}}}"
  register: sent_{index}
  ignore_errors: true
""".format(index=index, site_id=yaml_string(site_id), api_url=sent_sim.api_url, oauth_url=sent_sim.oauth_url)
    names = ["refused_%d" % index for index in range(len(MODULE_REFUSED))] + ["sent_%d" % index for index in range(len(MODULE_SITE_IDS))]
    run = ansible.playbook(tasks + lib.gather_task(names), saves=["matrix"], sim=refused_sim)
    assert run.rc == 0, run.output[-3000:]
    results = run.result("matrix")
    for index, (option, arguments) in enumerate(MODULE_REFUSED):
        result = results["refused_%d" % index]
        assert result.get("failed") is True, arguments
        assert option in result["msg"] and "Traceback" not in result["msg"], (arguments, result["msg"])
        assert "token\r\n" not in json.dumps(result)
    assert refused_sim.stats()["requests"] == 0
    for index, site_id in enumerate(MODULE_SITE_IDS):
        # Sent as written, listed nothing, and then found to name no site of the account.
        assert results["sent_%d" % index]["msg"].startswith("Option site_id names no site of the account: %r." % site_id)
    assert_received_exactly(sent_sim, MODULE_SITE_IDS, 1)


LOOKUP_REFUSED = [
    ("site_id", "site_id='   '"),
    ("site_id", "site_id='%s'" % ("x" * 257)),
    ("phone_number", "phone_number='+1415&type=all'"),
    ("page_size", "page_size=1.5"),
    ("page_size", "page_size='ten'"),
    ("queries", "queries=[]"),
    ("queries", "queries='site'"),
    ("endpoint", "endpoint='everywhere'"),
    ("timeout", "timeout='soon'"),
    ("max_retries", "max_retries=-1"),
    ("api_url", "api_url='http://127.0.0.1:99999/v2'"),
    ("client_id", "client_id='client:other'"),
    ("term 1", "'+14155550123&type=all'"),
    ("term 1", "'../../users/me'"),
    ("validate_certs", "validate_certs='sometimes'"),
    ("pending_numbers", "pending_numbers='perhaps'"),
]


def test_lookup_refuses_before_any_request(ansible, zoom_simulator):
    tasks = "".join("""
- name: Bad lookup {index}
  ansible.builtin.set_fact:
    listed: "{{{{ query('ucops.zoom.zoom_phone_numbers', {arguments}) }}}}"
  register: bad_{index}
  ignore_errors: true
""".format(index=index, arguments=arguments) for index, (dummy, arguments) in enumerate(LOOKUP_REFUSED))
    run = ansible.playbook(tasks + lib.gather_task(["bad_%d" % index for index in range(len(LOOKUP_REFUSED))]), saves=["matrix"],
                           sim=zoom_simulator)
    results = run.result("matrix")
    for index, (option, arguments) in enumerate(LOOKUP_REFUSED):
        result = results["bad_%d" % index]
        assert result.get("failed") is True, arguments
        assert option in result["msg"], (arguments, result["msg"])
    assert "Traceback" not in run.output
    assert zoom_simulator.stats()["requests"] == 0


def test_lookup_sends_free_text_exactly(ansible, zoom_simulator):
    tasks = ""
    for index, site_id in enumerate(SITE_IDS):
        tasks += """
- name: Lookup {index}
  ansible.builtin.set_fact:
    listed_{index}: "{{{{ query('ucops.zoom.zoom_phone_numbers', site_id=wanted) }}}}"
  vars:
    wanted: !unsafe {site_id}
  # No site has this id: the lookup fails after listing nothing.
  ignore_errors: true
""".format(index=index, site_id=yaml_string(site_id))
    run = ansible.playbook(tasks, sim=zoom_simulator)
    assert run.rc == 0, run.output[-3000:]
    output = " ".join(run.output.split())
    assert all("Option site_id names no site of the account: %r." % site_id in output for site_id in SITE_IDS), output[-3000:]
    assert_received_exactly(zoom_simulator, SITE_IDS, 1)


PLUGIN = "plugin: ucops.zoom.zoom_phone_numbers\n"
# Configuration files that must fail to parse, naming the key, before any request.
MALFORMED = [
    ("no root 'plugin' key found", "- plugin: ucops.zoom.zoom_phone_numbers\n"),
    ("unknown plugin 'ucops.zoom.something_else'", "plugin: ucops.zoom.something_else\n"),
    ("hostnames", PLUGIN + "hostnames: {number: 1}\n"),
    ("queries", PLUGIN + "queries: site-a\n"),
    ("queries[0].site_id", PLUGIN + "queries: [{site_id: ''}]\n"),
    ("compose", PLUGIN + "compose: [number]\n"),
    ("cache_timeout", PLUGIN + "cache: true\ncache_timeout: soon\n"),
    ("hostvars_prefix", PLUGIN + "hostvars_prefix: [zoom_]\n"),
    ("max_retries", PLUGIN + "max_retries: many\n"),
    ("api_url", PLUGIN + "api_url: 'http://127.0.0.1:99999/v2'\n"),
    ("extension_type", PLUGIN + "extension_type: user\n"),
    ("phone_number", PLUGIN + "phone_number: '12345'\n"),
    ("endpoint", PLUGIN + "endpoint: somewhere\n"),
    ("site_id", PLUGIN + "site_id: %s\n" % ("x" * 300)),
    ("timeout", PLUGIN + "timeout: .nan\n"),
    ("tÿpe", PLUGIN + "tÿpe: all\n"),
    ("client_secret", PLUGIN + "client_secret: \"{{ undefined_secret_variable }}\"\n"),
    ("validate_certs", PLUGIN + "validate_certs: sometimes\n"),
    ("pending_numbers", PLUGIN + "pending_numbers: perhaps\n"),
    ("default_groups", PLUGIN + "default_groups: perhaps\n"),
]


@pytest.mark.parametrize("key, content", MALFORMED, ids=["%d-%s" % (index, key) for index, (key, dummy) in enumerate(MALFORMED)])
def test_malformed_inventory_configuration_names_the_key(ansible, zoom_simulator, key, content):
    source = ansible.tmp / "bad.zoom_phone_numbers.yml"
    source.write_text(content, encoding="utf-8")
    completed, dummy = ansible.inventory_list(source, sim=zoom_simulator)
    assert completed.returncode != 0
    assert key in completed.stderr, completed.stderr
    assert "Traceback" not in completed.stderr
    assert zoom_simulator.stats()["requests"] == 0


def test_inventory_sends_free_text_exactly(ansible, zoom_simulator):
    sources = []
    for index, site_id in enumerate(SITE_IDS):
        source = ansible.tmp / ("site%d.zoom_phone_numbers.yml" % index)
        # !unsafe: the plugin templates credential options only, but a literal must stay literal anyway.
        source.write_text(PLUGIN + "site_id: !unsafe %s\n" % yaml_string(site_id), encoding="utf-8")
        sources += ["-i", str(source)]
    # Each source fails (no site has its id): let Ansible go on to the next one instead of stopping.
    completed = ansible.command(["ansible-inventory"] + sources + ["--list"], sim=zoom_simulator,
                                env={"ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED": "false"})
    assert completed.returncode == 0, completed.stderr
    output = " ".join(completed.stderr.split())
    assert all("Option site_id names no site of the account: %r." % site_id in output for site_id in SITE_IDS), output[-3000:]
    assert_received_exactly(zoom_simulator, SITE_IDS, 1)
