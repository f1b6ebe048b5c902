"""Single sign-on with OpenID Connect (authorization code flow with PKCE), built on Authlib.

Each organisation may have one identity provider (Entra ID, Feide, ID-porten's OIDC, Keycloak, ...).
`begin` makes the authorization request and the state to keep in the signed session cookie; `complete`
checks the callback against that state, exchanges the code, validates the ID token (signature from the
provider's JWKS, issuer, audience, expiry, nonce) and turns its claims into a Kravbygger user.

The provider's discovery document and keys are cached in this process for five minutes: they are
public, and any server can fetch them again, so this is no state the servers need to share.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from ..domain import ROLES
from ..extensions import db
from ..models import Organisation, SignInConfig, User
from ..models._types import utcnow
from . import ServiceError, audit
from .sso_settings import client_secret

# Authlib, joserfc and requests are imported where the protocol needs them, on the first sign-in:
# together they cost every app, worker and command about 0.15 s of start-up otherwise.
if TYPE_CHECKING:
    from authlib.integrations.requests_client import OAuth2Session
    from authlib.oidc.core import CodeIDToken
    from joserfc.jwk import KeySet

HTTP_TIMEOUT = 10
CACHE_SECONDS = 300
LEEWAY_SECONDS = 60
_cache: dict[str, tuple[float, dict[str, Any]]] = {}


class SignInRefused(ServiceError):
    """The identity provider's answer cannot sign anyone in; `reason` is for the log and the audit."""

    def __init__(self, message: str, reason: str):
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class Begun:
    url: str
    state: str
    data: dict[str, Any]  # kept in the session under the state until the callback


def enabled_configs() -> list[tuple[Organisation, SignInConfig]]:
    rows = db.session.execute(select(Organisation, SignInConfig).join(
        SignInConfig, SignInConfig.organisation_id == Organisation.id).where(SignInConfig.enabled.is_(True))
        .order_by(Organisation.name))
    return [(org, config) for org, config in rows]


def config_for_email(email: str) -> SignInConfig | None:
    """The enabled provider of the organisation that owns this e-mail domain (home-realm discovery)."""
    domain = email.strip().lower().rpartition("@")[2]
    if not domain:
        return None
    return next((c for _org, c in enabled_configs() if domain in (c.email_domains or [])), None)


def enabled_config(organisation_id: int) -> SignInConfig | None:
    config = db.session.scalar(select(SignInConfig).where(SignInConfig.organisation_id == organisation_id))
    return config if config is not None and config.enabled else None


def _get_json(url: str) -> dict[str, Any]:
    import requests

    try:
        response = requests.get(url, timeout=HTTP_TIMEOUT)
        response.raise_for_status()
        return response.json()
    except (requests.RequestException, ValueError) as exc:
        raise SignInRefused(_l("Your organisation's sign-in service does not answer. Try again in a moment, "
                               "or sign in with your password if your organisation allows it."),
                            f"cannot fetch {url}: {exc}") from exc


def metadata(issuer: str, *, fresh: bool = False) -> dict[str, Any]:
    """The provider's discovery document; its `issuer` must be exactly the configured one."""
    cached = _cache.get(issuer)
    if cached and not fresh and cached[0] > time.monotonic():
        return cached[1]
    meta = _get_json(issuer.rstrip("/") + "/.well-known/openid-configuration")
    if meta.get("issuer") != issuer:
        raise SignInRefused(_l("The sign-in service is not set up correctly. Tell your administrator."),
                            f"discovery issuer {meta.get('issuer')!r} is not the configured {issuer!r}")
    _cache[issuer] = (time.monotonic() + CACHE_SECONDS, meta)
    return meta


def _keys(meta: dict[str, Any], *, fresh: bool = False) -> KeySet:
    from joserfc.jwk import KeySet

    url = meta["jwks_uri"]
    cached = _cache.get(url)
    if not cached or fresh or cached[0] <= time.monotonic():
        cached = (time.monotonic() + CACHE_SECONDS, _get_json(url))
        _cache[url] = cached
    return KeySet.import_key_set(cached[1])


def _session(config: SignInConfig, redirect_uri: str) -> OAuth2Session:
    from authlib.integrations.requests_client import OAuth2Session

    return OAuth2Session(config.client_id, client_secret(config), scope=config.scopes, redirect_uri=redirect_uri,
                         code_challenge_method="S256", default_timeout=HTTP_TIMEOUT)


def begin(config: SignInConfig, redirect_uri: str, next_url: str | None = None) -> Begun:
    meta = metadata(config.issuer)
    nonce, verifier = secrets.token_urlsafe(24), secrets.token_urlsafe(48)
    url, state = _session(config, redirect_uri).create_authorization_url(
        meta["authorization_endpoint"], code_verifier=verifier, nonce=nonce)
    return Begun(url, state, {"org": config.organisation_id, "nonce": nonce, "verifier": verifier,
                              "next": next_url, "at": int(time.time())})


def _refuse(reason: str, message=None) -> SignInRefused:
    return SignInRefused(message or _l("Signing in through your organisation did not work. Try again; if it "
                                       "happens again, tell your administrator."), reason)


def _id_token_claims(config: SignInConfig, meta: dict[str, Any], id_token: str, nonce: str,
                     access_token: str) -> CodeIDToken:
    from authlib.oidc.core import CodeIDToken
    from joserfc import jwt
    from joserfc.errors import JoseError
    from joserfc.jws import JWSRegistry

    algorithms = meta.get("id_token_signing_alg_values_supported") or ["RS256"]
    registry = JWSRegistry(algorithms=[a for a in algorithms if a != "none"], strict_check_header=False)
    try:
        try:
            token = jwt.decode(id_token, _keys(meta), registry=registry)
        except JoseError:  # a rotated key: fetch the keys once more
            token = jwt.decode(id_token, _keys(meta, fresh=True), registry=registry)
        options = {"iss": {"essential": True, "value": config.issuer},
                   "aud": {"essential": True, "value": config.client_id},
                   "sub": {"essential": True}, "exp": {"essential": True},
                   "nonce": {"essential": True, "value": nonce}}
        claims = CodeIDToken(token.claims, token.header, options,
                             {"nonce": nonce, "client_id": config.client_id, "access_token": access_token})
        claims.validate(now=int(time.time()), leeway=LEEWAY_SECONDS)
    except (JoseError, ValueError) as exc:
        raise _refuse(f"ID token rejected: {type(exc).__name__}: {exc}") from exc
    return claims


def complete(config: SignInConfig, data: dict[str, Any], args: dict[str, str], redirect_uri: str) -> tuple[User, str]:
    """Finish the callback whose state matched `data`: the signed-in user and the raw ID token."""
    if args.get("error"):
        raise _refuse(f"provider error {args.get('error')}: {args.get('error_description', '')}")
    if not args.get("code"):
        raise _refuse("callback without a code")
    meta = metadata(config.issuer)
    session = _session(config, redirect_uri)
    try:
        token = session.fetch_token(meta["token_endpoint"], code=args["code"], code_verifier=data["verifier"])
    except Exception as exc:  # noqa: BLE001 - any failure of the token request refuses the sign-in
        raise _refuse(f"token request failed: {exc}") from exc
    if "id_token" not in token:
        raise _refuse("token response without an ID token")
    claims = dict(_id_token_claims(config, meta, token["id_token"], data["nonce"], token.get("access_token", "")))
    groups_needed = bool(config.role_map) and config.groups_claim not in claims
    if meta.get("userinfo_endpoint") and (config.email_claim not in claims or groups_needed):
        claims = {**_userinfo(session, meta), **claims}
    return user_for_claims(config, claims), token["id_token"]


def _userinfo(session: OAuth2Session, meta: dict[str, Any]) -> dict[str, Any]:
    try:
        response = session.get(meta["userinfo_endpoint"])
        response.raise_for_status()
        return response.json()
    except Exception:  # noqa: BLE001 - userinfo only adds claims; the ID token already identified the user
        return {}


def role_for(config: SignInConfig, claims: dict[str, Any]) -> str | None:
    """The role of the first mapping line whose group the user has."""
    groups = claims.get(config.groups_claim) or []
    groups = [groups] if isinstance(groups, str) else [str(g) for g in groups]
    return next((role for group, role in (config.role_map or []) if group in groups and role in ROLES), None)


def user_for_claims(config: SignInConfig, claims: dict[str, Any]) -> User:
    """Find (by subject, then by verified e-mail in the same organisation) or create the user."""
    external_id = f"{config.issuer}#{claims['sub']}"
    email = str(claims.get(config.email_claim) or "").strip().lower()
    name = str(claims.get(config.name_claim) or "").strip()[:120] or email
    role = role_for(config, claims)
    user = db.session.scalar(select(User).where(User.external_id == external_id))
    if user is None and email and claims.get("email_verified") is not False:
        user = db.session.scalar(select(User).where(func.lower(User.email) == email))
        if user is not None and user.organisation_id != config.organisation_id:
            raise _refuse(f"{email} belongs to another organisation",
                          _l("This e-mail address belongs to another organisation in Kravbygger."))
    if user is None:
        user = _create(config, external_id, email, name, role)
    if user.organisation_id != config.organisation_id or not user.active:
        raise _refuse(f"user {user.id} is deactivated or in another organisation",
                      _l("Your account in Kravbygger is deactivated. Ask your administrator."))
    changes = {}
    if user.external_id != external_id:
        user.external_id, changes["linked"] = external_id, True
    if role and role != user.role:
        changes["role"], user.role = [user.role, role], role
    if name and name != user.name:
        user.name = name
    user.last_login_at = utcnow()
    audit.record(user, "user.signed_in", user, method="oidc", **changes)
    return user


def _create(config: SignInConfig, external_id: str, email: str, name: str, role: str | None) -> User:
    role = role or config.default_role
    if not role:
        raise _refuse(f"unknown user {external_id} and the organisation refuses unknown users",
                      _l("You have no account in Kravbygger yet. Ask your administrator to add you."))
    if not email:
        raise _refuse(f"no {config.email_claim!r} claim for {external_id}",
                      _l("Your organisation's sign-in service did not give your e-mail address. Tell your administrator."))
    user = User(organisation_id=config.organisation_id, email=email, name=name, role=role, locale="nb",
                password_hash="!sso-only", external_id=external_id)
    db.session.add(user)
    db.session.flush()
    audit.record(None, "user.created", user, organisation_id=config.organisation_id, email=email, role=role,
                 method="oidc")
    return user


def logout_url(config: SignInConfig, id_token: str | None, post_logout_redirect_uri: str) -> str | None:
    """The provider's end-session URL (RP-initiated logout), if it has one."""
    import requests

    try:
        meta = metadata(config.issuer)
    except SignInRefused:
        return None
    endpoint = meta.get("end_session_endpoint")
    if not endpoint:
        return None
    params = {"post_logout_redirect_uri": post_logout_redirect_uri, "client_id": config.client_id}
    if id_token:
        params["id_token_hint"] = id_token
    return requests.Request("GET", endpoint, params=params).prepare().url
