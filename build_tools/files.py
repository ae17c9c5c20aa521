"""Writing files as users expect: whole or not at all, with the usual permissions."""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import stat
import sys
import tempfile
from pathlib import Path

__all__ = ["umask", "write_output", "write_whole", "replace_folder", "OutputRefused"]


class OutputRefused(Exception):
    """The output path cannot be written to; the message says why."""


def umask() -> int:
    """This process's file-creation mask."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_output(path: Path | str, data: bytes) -> None:
    """Write ``data`` to ``path``: ``-`` is standard output; a device or pipe (``/dev/stdout``) is
    written to as it is; a regular file is written beside and renamed into place, so that a
    failure never leaves half a file, and gets the usual permissions (0666 less the umask).
    Folders, sockets and block devices are refused."""
    if str(path) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    path = Path(path)
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise OutputRefused(f"{path}: {exc.strerror}") from exc
    if mode is not None and stat.S_ISDIR(mode):
        raise OutputRefused(f"{path} is a folder: give the name of a file to write")
    if mode is not None and (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)):
        with open(path, "wb") as out:
            out.write(data)
        return
    if mode is not None and not stat.S_ISREG(mode):
        raise OutputRefused(f"{path} is neither a file nor a pipe nor a terminal: give the name of a file to write")
    target = path.resolve()
    if not target.parent.is_dir():
        raise OutputRefused(f"{target.parent}: no such folder")
    write_whole(target, data, 0o666 & ~umask())


def write_whole(path: Path, data: bytes, mode: int | None = None) -> None:
    """Write ``data`` beside ``path`` and rename it into place: a reader sees the old file or the new one, never
    half of one (``mode``: its permissions; None: only its owner's, as the caches keep theirs). Raises OSError;
    nothing is left behind on failure."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        if mode is not None:
            os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def replace_folder(staging: Path, target: Path) -> None:
    """Put the folder ``staging`` in the place of ``target`` (an existing folder), in one step where the system
    can (a reader sees the old folder or the new one); else in two renames. The old folder is removed."""
    if _exchange(staging, target):
        shutil.rmtree(staging)  # the old one, now at staging's name
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=target.parent))
    target.rename(old / target.name)
    staging.rename(target)
    shutil.rmtree(old)


def _exchange(a: Path, b: Path) -> bool:
    """Exchange two paths atomically with Linux's renameat2(RENAME_EXCHANGE); False where there is none."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False  # not supported by this kernel or file system: fall back
    raise OSError(error, os.strerror(error), str(b))
