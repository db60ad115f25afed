"""Who is acting, and what they may do: organisations, roles, and the refusal.

Every `Library` call acts as an `Actor`. A case belongs to one organisation (its owner); the
actor's role there decides what they may do with it: a reader reads, an editor also saves,
renames, deletes and restores, an administrator also shares and manages members. A case
shared read-only with one of the actor's organisations (or published to everyone signed in,
`EVERYONE`) can be read, never changed. Without sign-in there is one local user, `LOCAL`,
administrator of the one local organisation, so a laptop library works as it always did.
"""

from __future__ import annotations

from dataclasses import dataclass

from storage.errors import StorageError
from storage.tables import LOCAL_ORGANISATION

READER, EDITOR, ADMIN = "reader", "editor", "admin"
ROLES = (READER, EDITOR, ADMIN)
EVERYONE = "*"


class AccessDenied(StorageError, PermissionError):
    """The actor may see the case but not do this with it (or may not act in this
    organisation). Code "forbidden"."""

    def __init__(self, actor: Actor, action: str, organisation: str, needed: str):
        super().__init__(
            "forbidden",
            f"{actor.label or actor.subject} may not {action}: it needs the role {needed} in "
            f"the organisation {organisation!r}, and they have "
            f"{actor.role(organisation) or 'no role'} there",
        )
        self.action = action
        self.organisation = organisation
        self.needed = needed


@dataclass(frozen=True)
class Actor:
    """The identity a library call acts for: the signed-in user (or the local user).

    memberships: (organisation, role) pairs; role is reader, editor or admin.
    """

    subject: str
    name: str = ""
    email: str = ""
    memberships: tuple[tuple[str, str], ...] = ()
    local: bool = False

    def __post_init__(self) -> None:
        unknown = {role for _, role in self.memberships} - set(ROLES)
        if unknown:
            raise ValueError(f"unknown role(s) {sorted(unknown)}: use one of {ROLES}")

    @property
    def label(self) -> str:
        """Name and e-mail as written in a version's author and the audit trail."""
        if self.name and self.email:
            return f"{self.name} <{self.email}>"
        return self.name or self.email

    @property
    def organisations(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(org for org, _ in self.memberships))

    def role(self, organisation: str) -> str | None:
        """The highest role held in the organisation, None when not a member."""
        held = [ROLES.index(role) for org, role in self.memberships if org == organisation]
        return ROLES[max(held)] if held else None

    def may(self, organisation: str, needed: str) -> bool:
        held = self.role(organisation)
        return held is not None and ROLES.index(held) >= ROLES.index(needed)

    def require(self, organisation: str, needed: str, action: str) -> None:
        if not self.may(organisation, needed):
            raise AccessDenied(self, action, organisation, needed)

    def home(self) -> str:
        """Where a new case goes by default: the first organisation the actor edits in."""
        for org in self.organisations:
            if self.may(org, EDITOR):
                return org
        raise AccessDenied(self, "save a new case", self.organisations[0]
                           if self.organisations else "(none)", EDITOR)

    def author(self, typed: str) -> str:
        """The author of a version: the signed-in identity; only the local user types it."""
        return typed if self.local else self.label or self.subject

    def with_memberships(self, more: list[tuple[str, str]]) -> Actor:
        return Actor(self.subject, self.name, self.email,
                     tuple(dict.fromkeys([*self.memberships, *more])), self.local)


LOCAL = Actor(subject="local", memberships=((LOCAL_ORGANISATION, ADMIN),), local=True)
