# -*- coding: utf-8 -*-
# Copyright (c) ucops.zoom contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

# The connection options are written once, in DOCUMENTATION. Modules may not declare
# ``env:`` (their fallbacks live in the argument spec), so plugins extend both DOCUMENTATION
# and PLUGINS, which only adds the environment variables; Ansible merges the two per option.


class ModuleDocFragment:

    DOCUMENTATION = r'''
options:
  account_id:
    description:
      - The Zoom account ID of the Server-to-Server OAuth app (Zoom App Marketplace, the app's B(App Credentials) page).
      - Required, with O(client_id) and O(client_secret), unless O(access_token) is given.
      - If not set, the environment variable E(ZOOM_ACCOUNT_ID) is used (one exported empty counts as unset).
    type: str
    version_added: 0.1.0
  client_id:
    description:
      - The client ID of the Server-to-Server OAuth app.
      - If not set, the environment variable E(ZOOM_CLIENT_ID) is used (one exported empty counts as unset).
    type: str
    version_added: 0.1.0
  client_secret:
    description:
      - The client secret of the Server-to-Server OAuth app.
      - Never logged, never part of a result, an error or a file the collection writes.
      - If not set, the environment variable E(ZOOM_CLIENT_SECRET) is used (one exported empty counts as unset).
    type: str
    version_added: 0.1.0
  access_token:
    description:
      - An access token obtained elsewhere, used instead of O(account_id), O(client_id) and O(client_secret).
      - It cannot be renewed; a listing that outlives it fails with a clear message.
      - If not set, the environment variable E(ZOOM_ACCESS_TOKEN) is used (one exported empty counts as unset).
    type: str
    version_added: 0.1.0
  api_url:
    description:
      - Base URL of the Zoom API, including C(/v2).
      - Requests always go here; the C(api_url) that Zoom returns with a token is not followed, nor is any redirect.
      - For ZoomGov use C(https://api.zoomgov.com/v2) (community usage, not confirmed by Zoom).
      - Only Zoom's own hosts over C(https://) and loopback addresses are accepted; see O(allow_unsafe_urls).
      - If not set, the environment variable E(ZOOM_API_URL) is used (one exported empty counts as unset).
    type: str
    default: https://api.zoom.us/v2
    version_added: 0.1.0
  oauth_url:
    description:
      - Zoom's OAuth token endpoint. For ZoomGov use C(https://zoomgov.com/oauth/token).
      - It receives the client ID and secret. Only Zoom's own hosts over C(https://) and loopback addresses are
        accepted; see O(allow_unsafe_urls).
      - If not set, the environment variable E(ZOOM_OAUTH_URL) is used (one exported empty counts as unset).
    type: str
    default: https://zoom.us/oauth/token
    version_added: 0.1.0
  validate_certs:
    description:
      - Verify the TLS certificates of O(api_url) and O(oauth_url).
      - Turn off only against a test server; to trust a private CA use O(ca_path) instead. Each task that runs with
        verification off warns once.
      - If not set, the environment variable E(ZOOM_VALIDATE_CERTS) is used (one exported empty counts as unset).
    type: bool
    default: true
    version_added: 0.1.0
  ca_path:
    description:
      - A PEM file of CA certificates to trust instead of the system's, for example behind a TLS-inspecting proxy.
      - If not set, the environment variable E(ZOOM_CA_PATH) is used (one exported empty counts as unset).
    type: path
    version_added: 0.1.0
  timeout:
    description:
      - Seconds one HTTP attempt may take, from connecting to the last byte of the answer, before it counts as failed
        and is retried (a slow trickle of bytes does not keep it alive).
      - If not set, the environment variable E(ZOOM_TIMEOUT) is used (one exported empty counts as unset).
    type: float
    default: 30
    version_added: 0.1.0
  max_retries:
    description:
      - How many times one request is retried after HTTP 429, 500, 502, 503, 504, a connection reset, a timeout
        or a truncated answer, with capped exponential back-off and jitter. A wait Zoom asks for (C(Retry-After) in
        seconds, as a date or as a Unix time, or C(X-RateLimit-Reset)) is honoured, but never shorter than the back-off.
      - HTTP 400, 401 (after one token renewal), 403 and 404 are never retried, nor is a token without the needed
        scopes. A daily-limit 429 fails at once and says when the limit resets.
      - If not set, the environment variable E(ZOOM_MAX_RETRIES) is used (one exported empty counts as unset).
    type: int
    default: 5
    version_added: 0.1.0
  rate_limit:
    description:
      - Requests per second to stay under, for all the requests of this listing together (C(queries) included).
      - Zoom's limit is per account and shared by every app on it. When unset, requests follow the per-second limit
        Zoom states in headers typed as per second (C(X-RateLimit-Type) C(QPS)), and otherwise a conservative default
        per API, the limits of a Pro account - 10 per second for C(GET /phone/numbers) (Zoom's MEDIUM label),
        20 per second for C(GET /number_management/numbers) (LIGHT). An untyped C(X-RateLimit-Limit) is a daily
        quota and never sets the pace.
      - Business and larger accounts have twice those limits; set V(20) (or V(40) with O(endpoint=number_management))
        to use them, or lower it so that other apps and parallel forks keep their share.
      - If not set, the environment variable E(ZOOM_RATE_LIMIT) is used (one exported empty counts as unset).
    type: float
    version_added: 0.1.0
  token_cache:
    description:
      - Where the access token is shared between the tasks and forks of a run, so that they do not each ask Zoom
        for a token (a new token may revoke the older ones).
      - Unset means the folder C(ucops.zoom/tokens) under C($XDG_CACHE_HOME) or C(~/.cache). A path names another folder.
        V(false) turns sharing off.
      - The folder (and any parent it creates) is created 0700 and each file 0600; a folder that is a symbolic link,
        belongs to someone else or that others can read is ignored, and so is such a file. Files are named by an HMAC
        of account, client, secret and OAuth URL under a random key kept in the folder, and never hold the secret.
      - If not set, the environment variable E(ZOOM_TOKEN_CACHE) is used (one exported empty counts as unset).
    type: str
    version_added: 0.1.0
  endpoint:
    description:
      - Which Zoom API lists the numbers. V(phone) is C(GET /phone/numbers); V(number_management) is its replacement
        C(GET /number_management/numbers), whose records are normalised to the same shape (see the migration guide).
      - V(auto) uses C(GET /phone/numbers) and moves to the replacement, with one warning, when Zoom answers that the
        old endpoint is gone (HTTP 404 or 410 saying so, or a bare 404 to the first request while the replacement
        answers at the same O(api_url)); a not-found answer about a site or a number moves nothing. It also uses the
        replacement when one of its own filters (C(allocated_product), C(number_source), C(number_status),
        C(assigned_to_type), C(keyword)) is set.
      - If not set, the environment variable E(ZOOM_ENDPOINT) is used (one exported empty counts as unset).
    type: str
    choices: [auto, phone, number_management]
    default: auto
    version_added: 0.1.0
  allow_unsafe_urls:
    description:
      - B(Dangerous.) Let O(api_url) and O(oauth_url) name a host that is not Zoom's, or use plain C(http://) on
        another machine. The client secret (in the OAuth request) and every access token are sent to those URLs, so
        whoever runs that server receives them; turn this on only for a gateway or proxy you run and trust, and each
        run then warns that the credentials go there.
      - Without it, the URLs must use C(https://) on C(zoom.us), C(zoomgov.com) or one of their subdomains (such as
        C(api.zoom.us) or C(eu01api.zoom.us)), or name a loopback address (C(localhost), C(127.0.0.1), C([::1])),
        which is the controller itself, over C(http://) or C(https://).
      - Whatever this says, when O(client_secret) or O(access_token) comes from its C(ZOOM_*) environment variable
        (as a controller credential injects it), a URL that is not Zoom's must come from the environment too; one set in
        a task, extra vars, an inventory file or the audit's C(connection) is refused, so that someone who may only
        set those cannot send the secret to their own server.
      - If not set, the environment variable E(ZOOM_ALLOW_UNSAFE_URLS) is used (one exported empty counts as unset).
    type: bool
    default: false
    version_added: 0.2.0
'''

    PLUGINS = r'''
options:
  account_id:
    env:
      - name: ZOOM_ACCOUNT_ID
  client_id:
    env:
      - name: ZOOM_CLIENT_ID
  client_secret:
    env:
      - name: ZOOM_CLIENT_SECRET
  access_token:
    env:
      - name: ZOOM_ACCESS_TOKEN
  api_url:
    env:
      - name: ZOOM_API_URL
  oauth_url:
    env:
      - name: ZOOM_OAUTH_URL
  validate_certs:
    env:
      - name: ZOOM_VALIDATE_CERTS
  ca_path:
    env:
      - name: ZOOM_CA_PATH
  timeout:
    env:
      - name: ZOOM_TIMEOUT
  max_retries:
    env:
      - name: ZOOM_MAX_RETRIES
  rate_limit:
    env:
      - name: ZOOM_RATE_LIMIT
  token_cache:
    env:
      - name: ZOOM_TOKEN_CACHE
  endpoint:
    env:
      - name: ZOOM_ENDPOINT
  allow_unsafe_urls:
    env:
      - name: ZOOM_ALLOW_UNSAFE_URLS
'''

    QUERY = r'''
options:
  type:
    description:
      - Which numbers by assignment. V(byoc) lists Bring Your Own Carrier numbers only; Zoom sends the BYOC fields
        (C(carrier), C(sip_group), C(emergency_address), C(emergency_address_status)) only in answers to a V(byoc) listing.
      - Not sent when unset; Zoom then applies its own default.
    type: str
    choices: [assigned, unassigned, all, byoc]
    version_added: 0.1.0
  extension_type:
    description:
      - The kind of assignee. Only valid together with O(type=assigned).
    type: str
    choices: [user, callQueue, autoReceptionist, commonArea, emergencyNumberPool, companyLocation, meetingService]
    version_added: 0.1.0
  number_type:
    description:
      - Toll or toll-free numbers only.
    type: str
    choices: [toll, tollfree]
    version_added: 0.1.0
  pending_numbers:
    description:
      - Include (V(true)) or exclude (V(false)) numbers whose port or purchase is still pending.
      - What Zoom does when it is not sent is undocumented, so the collection always sends it, V(true) unless set.
        Pending numbers are then listed, as version 0.1.0 listed them, through either endpoint.
    type: bool
    default: true
    version_added: 0.1.0
  site_id:
    description:
      - Only the numbers of this Zoom Phone site.
      - When a filter set with a site id lists no number, the account's sites are checked (C(GET /phone/sites)) and
        the task fails if none has this id, rather than return an empty list.
    type: str
    version_added: 0.1.0
  site_name:
    description:
      - Only the numbers of the Zoom Phone site with exactly this name (case included), instead of O(site_id).
      - Resolved into the site's id through C(GET /phone/sites) before any number is listed; a name no site has fails,
        naming the closest existing site names. Cannot be combined with O(site_id) in the same filter set (a
        O(queries) entry's site replaces the top-level one).
      - Listing sites needs the scope C(phone:read:admin) or C(phone:read:list_sites:admin).
      - M(ucops.zoom.zoom_phone_sites_info) lists the account's sites.
    type: str
    version_added: 0.2.0
  phone_number:
    description:
      - Only this number, in E.164 form (for example V(+14155550123)).
      - Through the Number Management API it is asked for as a prefix of its digits and matched exactly by the collection.
    type: str
    version_added: 0.1.0
  page_size:
    description:
      - Records per request, from 1 to 100 through C(GET /phone/numbers), or to 200 with O(endpoint=number_management).
      - Unset, each endpoint's maximum is used (100, or 200 for Number Management), since fewer requests cost less of
        the account's rate limit.
      - A transport setting, never a limit on the result; every page is always followed to the end with the same size.
    type: int
    version_added: 0.1.0
  allocated_product:
    description:
      - A filter of the Number Management API only (see O(endpoint)); the product the number is allocated to.
      - That API lists the numbers of every product, C(GET /phone/numbers) only Zoom Phone's. When unset, the
        collection asks for V(ZOOM_PHONE), so that both endpoints list the same numbers; set it to list Zoom
        Contact Center numbers (V(ZOOM_CONTACT_CENTER)) or numbers allocated to no product (V(UNALLOCATED)).
    type: str
    choices: [UNALLOCATED, ZOOM_PHONE, ZOOM_CONTACT_CENTER]
    version_added: 0.1.0
  number_source:
    description:
      - A filter of the Number Management API only (see O(endpoint)); where the number comes from.
    type: str
    choices: [Zoom, ZoomPorted, ZoomReserved, ThirdPartyNumber, BYOCCloud, BYOCPremises]
    version_added: 0.1.0
  number_status:
    description:
      - A filter of the Number Management API only (see O(endpoint)).
    type: str
    choices: [Normal, Pending]
    version_added: 0.1.0
  assigned_to_type:
    description:
      - A filter of the Number Management API only (see O(endpoint)); what the number is assigned to.
    type: str
    choices: [PhoneUnassigned, User, CallQueue, AutoReceptionist, CiscoPolycomRoom, SharedLineGroup, GroupCallPickup, CommonArea,
              EmergencyNumberPool, CompanyLocation, PersonalLocation, MeetingService, LocalSurvivability,
              LocalSurvivabilityEmergencyNumberPool, MicrosoftTeamsResourceAccount, DistributionGroup, ContactCenterUnassigned,
              DialInToVideoEngagements, DefaultSystemOutgoingSMS, DefaultAgentOutgoingSMS, DefaultCallerID, Voice, SMS]
    version_added: 0.1.0
  keyword:
    description:
      - A filter of the Number Management API only (see O(endpoint)); numbers whose digits start with this prefix,
        for example V(1205). A leading C(+) is not sent, as Zoom documents a prefix of the digits.
    type: str
    version_added: 0.1.0
  where:
    description:
      - A L(JMESPath,https://jmespath.org/) expression evaluated against each number; the number is kept when the
        result is true in JMESPath's sense (not V(false), V(null), or an empty string, list or object).
      - "For example V(status == 'pending' && number_type == 'tollfree') or V(!assignee)."
      - Evaluated after listing, so it costs no requests; filters that Zoom supports are cheaper as query options.
    type: str
    version_added: 0.1.0
  fields:
    description:
      - Keep only these fields of each number, as dotted paths (V(number), V(assignee.name), V(site.id), or V(site) for the
        whole site); C(id) is always kept. Fields a number does not have stay absent.
      - Applied to each number as its page arrives, after O(where) (which still sees every field), so a large account
        is never held whole. Use it on large accounts and on controllers with little memory - Ansible carries every
        field of every number between tasks, and most reports need two or three of them.
    type: list
    elements: str
    version_added: 0.2.0
  queries:
    description:
      - Several filter sets listed at once, for example one per site. Each entry is a dict of the query options above
        (not O(where)); the top-level query options are defaults that each entry overrides.
      - The sets are listed concurrently under one rate limit and merged in order, without any number twice.
    type: list
    elements: dict
    version_added: 0.1.0
'''

    ATTRIBUTES = r'''
attributes:
  check_mode:
    description: Can run in check mode and return the same result as a normal run.
    support: full
  diff_mode:
    description: Reads only, so there is nothing to diff.
    support: N/A
  action_group:
    description: Use C(group/ucops.zoom.zoom) in C(module_defaults) to set the connection options once.
    support: full
    membership:
      - ucops.zoom.zoom
'''
