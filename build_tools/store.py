"""The caches' one store: every entry sealed with this user's key, written whole, read only if the seal holds.

A cache folder may sit in the working tree (``.cache/argmap/`` by default), and a pull request can add
files there (``git add -f`` passes ``.gitignore``). So no entry is trusted for where it is: each one
starts with an HMAC-SHA256 of its content under a key that lives outside every project, in this user's
cache folder (``$XDG_CACHE_HOME/argmap/key``, else ``~/.cache/argmap/key``; ``ARGMAP_KEY_FILE`` names
another), made at random on first use and readable by this user only. A file that came with a
repository, or was written by anyone without that key, fails the seal and is treated as missing: the
cache is then worked out again, never read. Where no key can be kept (no writable home), nothing is
cached and nothing is read back.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

from .files import write_whole

__all__ = ["read_entry", "write_entry", "key_file"]

_SEAL = 32  # bytes of HMAC-SHA256 before every entry's content
_key: bytes | None = None
_key_from: Path | None = None


def key_file() -> Path:
    """Where this user's cache key is kept: outside every project's working tree."""
    named = os.environ.get("ARGMAP_KEY_FILE")
    if named:
        return Path(named)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "argmap" / "key"


def _the_key() -> bytes | None:
    """This user's key, made on first use (32 random bytes, mode 0600); None if it cannot be had."""
    global _key, _key_from
    path = key_file()
    if _key is not None and _key_from == path:
        return _key
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        data = b""
    except OSError:
        return None
    if len(data) < 32:
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as out:
                out.write(secrets.token_bytes(32))
        except FileExistsError:
            pass  # another process made it first: read theirs
        except OSError:
            return None
        try:
            data = path.read_bytes()
        except OSError:
            return None
        if len(data) < 32:
            return None
    _key, _key_from = data, path
    return data


def _mac(key: bytes, name: str, content: bytes) -> bytes:
    # The entry's name is sealed too: an entry copied under another key's file name does not pass.
    return hmac.new(key, name.encode("utf-8", "surrogateescape") + b"\0" + content, hashlib.sha256).digest()


def read_entry(path: Path) -> bytes | None:
    """The content of the cache entry at ``path``, or None if it is missing, unreadable, or not sealed with
    this user's key (whoever wrote it)."""
    key = _the_key()
    if key is None:
        return None
    try:
        data = Path(path).read_bytes()
    except OSError:
        return None
    content = data[_SEAL:]
    if len(data) < _SEAL or not hmac.compare_digest(data[:_SEAL], _mac(key, Path(path).name, content)):
        return None
    return content


def write_entry(path: Path, content: bytes) -> bool:
    """Seal ``content`` and write it whole at ``path``; False (nothing written) when it cannot be done:
    a cache that cannot be written is never a reason to fail."""
    key = _the_key()
    if key is None:
        return False
    try:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        write_whole(Path(path), _mac(key, Path(path).name, content) + content)
        return True
    except OSError:
        return False
