"""A badge's code and the signed token in its QR code.

A badge carries a short random code (eight Crockford base-32 characters, printed on the badge so
it can be typed at a door) and a QR code holding ``<edition id>.<code>`` signed with the site's
secret key. The signature answers "forged or altered" without a query; the code is looked up to
answer "revoked" (a reprint draws a new code, so the old badge no longer matches any
registration). The registration id is never in the token: codes are unguessable, ids are not.
"""

import secrets

from django.core import signing

# Crockford's base 32: no I, L, O or U, so a code read aloud or typed is not misread.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 8  # 40 random bits: guessing one live code among 2,000 takes ~5e8 tries.
# What people type for the letters Crockford leaves out.
_TYPED = str.maketrans({"I": "1", "L": "1", "O": "0"})

_SALT = "ponte.badge"


class InvalidBadge(Exception):
    """The token was not signed by this site, or was altered."""


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text: str) -> str:
    """A code as typed ("k7f2-9qx3", "K7F2 9QX3") in its stored form, or "" if it cannot be one."""
    code = "".join(ch for ch in text.upper() if ch not in " -").translate(_TYPED)
    if len(code) != CODE_LENGTH or any(ch not in ALPHABET for ch in code):
        return ""
    return code


def display_code(code: str) -> str:
    """The code as printed: two groups of four, easier to read out."""
    return f"{code[:4]}-{code[4:]}"


def sign(edition_id: int, code: str) -> str:
    return signing.Signer(salt=_SALT).sign(f"{edition_id}.{code}")


def unsign(token: str) -> tuple[int, str]:
    """The edition id and code a token carries; InvalidBadge if it is forged or altered."""
    try:
        value = signing.Signer(salt=_SALT).unsign(token.strip())
    except signing.BadSignature as error:
        raise InvalidBadge from error
    edition_id, _, code = value.partition(".")
    if not edition_id.isdigit() or normalise_code(code) != code:
        raise InvalidBadge
    return int(edition_id), code
