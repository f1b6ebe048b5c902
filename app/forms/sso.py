"""The administrator's single sign-on settings."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, RadioField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from ..domain import ROLE_NAMES, ROLES


def _max(n: int):
    return Length(max=n, message=_l("At most %(n)d characters.", n=n))


class SignInForm(FlaskForm):
    enabled = RadioField(_l("Single sign-on"), choices=[("yes", _l("On: people can sign in through the identity provider")),
                                                       ("no", _l("Off"))],
                         validators=[DataRequired(_l("Choose whether single sign-on is on."))])
    display_name = StringField(_l("Name on the sign-in button"), validators=[Optional(), _max(120)],
                               description=_l("For example “Eksempel kommune (Entra ID)”. Without a name the organisation's name is used."))
    issuer = StringField(_l("Issuer"), validators=[Optional(), _max(500)],
                         description=_l("The provider's issuer address, exactly as in its /.well-known/openid-configuration, for example https://login.microsoftonline.com/<tenant>/v2.0 or https://auth.dataporten.no."))
    client_id = StringField(_l("Client ID"), validators=[Optional(), _max(255)])
    client_secret = PasswordField(_l("Client secret"), validators=[Optional(), _max(500)],
                                  description=_l("Stored encrypted and never shown again. Leave empty to keep the stored secret."))
    scopes = StringField(_l("Scopes"), default="openid email profile", validators=[DataRequired(_l("Enter the scopes.")), _max(200)],
                         description=_l("Separated by spaces; must include openid. Add the scope that gives group claims if your provider needs one."))
    email_claim = StringField(_l("Claim with the e-mail address"), default="email", validators=[DataRequired(_l("Enter a claim name.")), _max(60)],
                              description=_l("Entra ID often gives it as preferred_username or upn."))
    name_claim = StringField(_l("Claim with the name"), default="name", validators=[DataRequired(_l("Enter a claim name.")), _max(60)])
    groups_claim = StringField(_l("Claim with the groups"), default="groups", validators=[DataRequired(_l("Enter a claim name.")), _max(60)])
    role_map = TextAreaField(_l("Groups that give a role"), validators=[Optional(), _max(5000)],
                             description=_l("One line per group: “group = role”, the first line that matches wins. Roles: %(roles)s. A person signing in gets the role of their group each time.",
                                            roles=", ".join(ROLES)))
    default_role = RadioField(_l("People who have no account yet"), validators=[DataRequired(_l("Choose what happens to people who have no account."))],
                              choices=[("refuse", _l("Refuse them: an administrator adds every user"))]
                              + [(r, _l("Create their account with the role from their group, or else: %(role)s", role=_l(ROLE_NAMES[r])))
                                 for r in ROLES])
    email_domains = StringField(_l("E-mail domains"), validators=[Optional(), _max(1000)],
                                description=_l("For example eksempel.kommune.no. Someone who types an address in these domains on the sign-in page is sent to your identity provider."))
    passwords_enabled = RadioField(_l("Passwords"), choices=[("yes", _l("Allowed: people can also sign in with a Kravbygger password")),
                                                             ("no", _l("Switched off: only single sign-on"))],
                                   validators=[DataRequired(_l("Choose whether passwords are allowed."))])
