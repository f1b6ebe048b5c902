"""A real OpenID Connect provider for the tests: oidc-provider-mock (an Authlib server) in a thread.

`sign_in_at_provider` plays the person at the provider's login form: it tells the provider which claims
the user has (including, for the negative tests, forged `iss`, `aud`, `exp` or `nonce` values, which the
provider then signs into the ID token with its real key) and returns the callback URL it redirects to.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from urllib.parse import quote

import oidc_provider_mock
import requests


@contextmanager
def provider():
    os.environ["AUTHLIB_INSECURE_TRANSPORT"] = "1"  # the provider runs on http://localhost in the tests
    with oidc_provider_mock.run_server_in_thread(require_nonce=True) as server:
        yield f"http://localhost:{server.server_port}"


def set_claims(issuer: str, sub: str, claims: dict) -> None:
    response = requests.put(f"{issuer}/users/{quote(sub, safe='')}", json=claims, timeout=5)
    assert response.status_code == 204, response.text


def sign_in_at_provider(authorize_url: str, sub: str) -> str:
    """Submit the provider's authorization form as `sub`; the redirect back to the app."""
    response = requests.post(authorize_url, data={"sub": sub}, allow_redirects=False, timeout=5)
    assert response.status_code == 302, response.text[:500]
    return response.headers["Location"]
