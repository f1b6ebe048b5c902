"""An organisation's single sign-on settings: checked, saved, audited; the client secret encrypted.

The client secret is encrypted with a key derived from SECRET_KEY (Fernet), is never shown back, and is
left out of organisation backups: after a restore on another instance the admin enters it again.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from cryptography.fernet import Fernet, InvalidToken
from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from .. import policy
from ..domain import ROLES
from ..extensions import db
from ..models import SignInConfig, User
from ..policy import Action
from . import ServiceError, audit

CLAIM = re.compile(r"^[A-Za-z0-9_:./-]{1,60}$")
DOMAIN = re.compile(r"^(?=.{3,253}$)[a-z0-9-]+(\.[a-z0-9-]+)+$")


def _fernet() -> Fernet:
    digest = hashlib.sha256(b"kravbygger sign-in client secret\0" + current_app.config["SECRET_KEY"].encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def client_secret(config: SignInConfig) -> str:
    if not config.client_secret_enc:
        return ""
    try:
        return _fernet().decrypt(config.client_secret_enc.encode()).decode()
    except InvalidToken:  # SECRET_KEY changed since it was saved: the admin must enter it again
        return ""


def settings_of(organisation_id: int) -> SignInConfig:
    """The organisation's settings (a new, unsaved, disabled one if it has none yet)."""
    config = db.session.scalar(select(SignInConfig).where(SignInConfig.organisation_id == organisation_id))
    return config or SignInConfig(organisation_id=organisation_id, enabled=False, scopes="openid email profile",
                                  email_claim="email", name_claim="name", groups_claim="groups", role_map=[],
                                  email_domains=[], passwords_enabled=True, display_name="", issuer="",
                                  client_id="", client_secret_enc="")


@dataclass
class Settings:
    enabled: bool
    display_name: str
    issuer: str
    client_id: str
    client_secret: str  # empty: keep the stored one
    scopes: str
    email_claim: str
    name_claim: str
    groups_claim: str
    role_map: str  # one "group = role" per line
    default_role: str | None
    email_domains: str
    passwords_enabled: bool


def parse_role_map(text: str) -> list[list[str]]:
    pairs = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        group, sep, role = line.rpartition("=")
        group, role = group.strip(), role.strip().lower()
        if not sep or not group:
            raise ServiceError(_l("Line %(n)d: write “group = role”, for example “kravbygger-jurister = reviewer”.",
                                  n=number), field="role_map")
        if role not in ROLES:
            raise ServiceError(_l("Line %(n)d: “%(role)s” is not a role. Use one of: %(roles)s.", n=number,
                                  role=role, roles=", ".join(ROLES)), field="role_map")
        pairs.append([group[:200], role])
    return pairs


def _parse_domains(text: str) -> list[str]:
    domains = [d.strip().lower().lstrip("@") for d in re.split(r"[\s,;]+", text or "") if d.strip()]
    for domain in domains:
        if not DOMAIN.match(domain):
            raise ServiceError(_l("“%(domain)s” is not a domain name such as eksempel.kommune.no.", domain=domain),
                               field="email_domains")
    return sorted(set(domains))


def _check_issuer(issuer: str) -> None:
    parts = urlsplit(issuer)
    local = parts.hostname in ("localhost", "127.0.0.1", "::1")
    if not parts.netloc or parts.scheme not in ("https", "http") or (parts.scheme == "http" and not local) \
            or parts.query or parts.fragment:
        raise ServiceError(_l("Enter the issuer as an https address, for example "
                              "https://login.microsoftonline.com/<tenant>/v2.0."), field="issuer")


def _check(settings: Settings, has_secret: bool) -> None:
    for field in ("email_claim", "name_claim", "groups_claim"):
        if not CLAIM.match(getattr(settings, field) or ""):
            raise ServiceError(_l("Enter a claim name of letters, digits and _ : . / - only."), field=field)
    if "openid" not in (settings.scopes or "").split():
        raise ServiceError(_l("The scopes must include “openid”."), field="scopes")
    if settings.default_role is not None and settings.default_role not in ROLES:
        raise ServiceError(_l("Choose what happens to people who have no account."), field="default_role")
    if settings.enabled or settings.issuer:
        _check_issuer(settings.issuer)
    if settings.enabled and not settings.client_id:
        raise ServiceError(_l("Enter the client ID your identity provider gave Kravbygger."), field="client_id")
    if settings.enabled and not (settings.client_secret or has_secret):
        raise ServiceError(_l("Enter the client secret your identity provider gave Kravbygger."), field="client_secret")
    if not settings.passwords_enabled and not settings.enabled:
        raise ServiceError(_l("Passwords can only be switched off while single sign-on is on."),
                           field="passwords_enabled")


def save(actor: User, settings: Settings) -> SignInConfig:
    """Check and save the actor's organisation's settings. With sign-on enabled, the provider's discovery
    document must answer with the same issuer (so a typo is caught now, not at the first sign-in)."""
    policy.require(actor, Action.ADMINISTER)
    config = settings_of(actor.organisation_id)
    settings.issuer = (settings.issuer or "").strip()  # compared exactly with the tokens' "iss": never rewritten
    role_map, domains = parse_role_map(settings.role_map), _parse_domains(settings.email_domains)
    _check(settings, bool(config.client_secret_enc))
    if settings.enabled:
        from . import sso
        try:
            sso.metadata(settings.issuer, fresh=True)
        except sso.SignInRefused as exc:
            raise ServiceError(_l("Kravbygger could not read the provider's settings at this issuer (%(why)s). "
                                  "Check the address.", why=exc.reason[:200]), field="issuer") from None
    config.enabled, config.display_name = settings.enabled, settings.display_name.strip()[:120]
    config.issuer, config.client_id = settings.issuer, settings.client_id.strip()
    config.scopes = " ".join(settings.scopes.split())
    config.email_claim, config.name_claim = settings.email_claim, settings.name_claim
    config.groups_claim, config.role_map, config.email_domains = settings.groups_claim, role_map, domains
    config.default_role, config.passwords_enabled = settings.default_role, settings.passwords_enabled
    if settings.client_secret:
        config.client_secret_enc = _fernet().encrypt(settings.client_secret.encode()).decode()
    db.session.add(config)
    db.session.flush()
    audit.record(actor, "organisation.sign_in_changed", config, enabled=config.enabled, issuer=config.issuer,
                 passwords_enabled=config.passwords_enabled, default_role=config.default_role or "refuse",
                 secret_changed=bool(settings.client_secret))
    return config


def passwords_allowed(user: User) -> bool:
    config = db.session.scalar(select(SignInConfig).where(SignInConfig.organisation_id == user.organisation_id))
    return config is None or not config.enabled or config.passwords_enabled
