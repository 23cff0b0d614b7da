"""Write files, and sets of files, so that a failure never destroys what was there.

New content goes to a temporary entry beside its target, on the same file system, and is renamed
into place only when complete and synced: :func:`write_text` for one file, :func:`write_files` for
the tables of a folder.  A failure, Ctrl-C included, removes the temporary entry and leaves the
old content as it was.  A process that is killed cannot clean up, so temporary entries have a
name govplan recognises (``.NAME.govplan-tmp-XXXXXXXX``) and are held under a lock while written:
the next write to the same target removes those that no living process holds.

A destination keeps its nature.  A symbolic link is followed and the file it names is replaced
(the link survives); a device, FIFO or socket (``/dev/null``, a named pipe) is written directly; a
path naming one of this process's own descriptors (``/dev/stdout``, ``/dev/fd/2``) is written to
that descriptor, so that output redirected with ``>>`` is appended to, never replaced.  Errors are
:class:`OSError` subclasses whose ``filename`` is the path as the caller gave it.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import re
import secrets
import stat
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

if sys.platform != "win32":
    import fcntl

__all__ = ["own_descriptor", "write_files", "write_text"]

#: Marks govplan's temporary entries: ``.NAME`` + this + random hex.
_MARK = ".govplan-tmp-"
#: A temporary entry younger than this is never taken for a killed write's leftover: it may be
#: one that a live writer has created and not yet locked.
_GRACE_SECONDS = 60.0
#: The longest part of a target's name that goes into its temporary name (a file name has at
#: most 255 bytes, and a Chinese character takes three).
_NAME_CHARS = 64

_DESCRIPTOR = re.compile(
    r"/dev/(?:(?P<std>stdout|stderr)|fd/(?P<fd>\d+))"
    r"|/proc/(?:(?P<pid>\d+)|self|thread-self)/fd/(?P<proc>\d+)"
)
_STANDARD = {"stdout": 1, "stderr": 2}
_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
_UNSUPPORTED = {errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP}
#: Errors of a folder swap that mean "not possible here" rather than "failed": the set is then
#: written file by file instead.
_CANNOT_SWAP = {errno.EACCES, errno.EPERM, errno.EBUSY, errno.EXDEV, *_UNSUPPORTED}


def write_text(path: str | os.PathLike[str], text: str) -> None:
    """Write *text* as UTF-8 to *path*: a file is replaced atomically, other destinations written.

    Raises:
        OSError: *path* cannot be written (its folder is missing, it is a folder, permission is
            denied…); ``filename`` is *path*, and the old content is intact.

    """
    pending = _Pending(os.fspath(path), text.encode("utf-8"))
    pending.prepare()
    pending.commit()


def write_files(folder: str | os.PathLike[str], files: Mapping[str, str]) -> None:
    """Write *files* (file name -> UTF-8 text) into *folder* as one set, making the folder if needed.

    When the folder is new, or holds nothing but files of this set, the set is written into a
    temporary folder beside it, which then takes its place in one step (two renames where the
    system has no exchange call), so a reader sees the whole old set or the whole new one.  A
    folder holding anything else (its user's files, tables in the other format, a sub-folder) is
    not moved: every file is written under a temporary name first and then renamed into place,
    one after the other, so a failure still changes nothing but a kill during those renames can
    leave a mix.  Files that *files* does not name are never touched.

    Raises:
        OSError: the set cannot be written; ``filename`` is the path as given, and the old set
            is intact.
        ValueError: a key of *files* is not a plain file name.

    """
    name = os.fspath(folder)
    data = {file: text.encode("utf-8") for file, text in files.items()}
    for file in data:
        if file in {"", ".", ".."} or Path(file).name != file or _MARK in file:
            raise ValueError(f"not a plain file name: {file!r}")
    with _naming(name):
        info = _stat(Path(name))
        if info is not None and not stat.S_ISDIR(info.st_mode):
            raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), name)
        real = Path(os.path.realpath(name))  # not Path.resolve: it raises RuntimeError on a loop
        if info is None:
            real.parent.mkdir(parents=True, exist_ok=True)
        _sweep(real.parent, real.name)
        if info is not None:
            for file in data:
                _sweep(real, file)
        if (info is None or _only_these(real, data)) and _swap_in(real, info, data):
            return
    _write_one_by_one(name, data)


def own_descriptor(path: str | os.PathLike[str]) -> int | None:
    """The descriptor *path* names when it is one of this process's own (``/dev/stdout`` is 1).

    Symbolic links to such a path count; None for any other path, and on Windows.
    """
    if sys.platform == "win32":
        return None
    current = Path(path).absolute()
    for _ in range(40):  # the kernel's own limit on links followed
        match = _DESCRIPTOR.fullmatch(current.as_posix())
        if match is not None:
            if match["pid"] is not None and int(match["pid"]) != os.getpid():
                return None  # another process's descriptor: a path like any other
            if match["std"] is not None:
                return _STANDARD[match["std"]]
            return int(match["fd"] or match["proc"])
        try:
            link = current.readlink()
        except OSError:
            return None
        current = Path(os.path.normpath(current.parent / link))
    return None


class _Pending:
    """One destination's new content, put in place in two steps.

    :meth:`prepare` writes and syncs a temporary file beside a plain file, :meth:`commit` renames
    it into place, :meth:`discard` removes it.  A device, FIFO, socket or descriptor has no
    temporary stage: :meth:`commit` writes it.
    """

    def __init__(self, name: str, data: bytes) -> None:
        self.name = name
        self.data = data
        self.descriptor = own_descriptor(name)
        self.real = Path(name if self.descriptor is not None else os.path.realpath(name))
        self.temp: Path | None = None
        self._fd: int | None = None

    def prepare(self) -> None:
        """Write the new content of a plain file to a temporary file beside it, and sync it."""
        if self.descriptor is not None:
            return
        with _naming(self.name):
            info = _stat(self.real)
            if info is not None and stat.S_ISDIR(info.st_mode):
                raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), self.name)
            if info is not None and not stat.S_ISREG(info.st_mode):
                return
            _sweep(self.real.parent, self.real.name)
            self.temp = _fresh_name(self.real, lambda temp: self._create(temp, info))
            try:
                _write_all(self._descriptor(), self.data)
                os.fsync(self._descriptor())
            except BaseException:
                self.discard()
                raise

    def commit(self) -> None:
        """Put the new content in place: rename the temporary file, or write the destination."""
        with _naming(self.name):
            if self.descriptor is not None:
                _write_descriptor(self.descriptor, self.data)
            elif self.temp is None:
                # No O_CREAT, no O_TRUNC: this writes only to an existing device, FIFO or socket.
                fd = os.open(self.real, os.O_WRONLY | getattr(os, "O_BINARY", 0))
                try:
                    _write_all(fd, self.data)
                finally:
                    os.close(fd)
            else:
                if sys.platform == "win32":  # Windows renames no file that is open
                    self._close()
                self.temp.replace(self.real)
                self.temp = None
                self._close()
                _sync_folder(self.real.parent)

    def discard(self) -> None:
        """Remove the temporary file if it is still there; the destination is untouched."""
        self._close()
        if self.temp is not None:
            self.temp.unlink(missing_ok=True)
            self.temp = None

    def _create(self, temp: Path, info: os.stat_result | None) -> None:
        """Create *temp* as open() would (0666 less the umask), or like the file it replaces."""
        self._fd = os.open(temp, _NEW_FILE, 0o666)  # FileExistsError: _fresh_name tries another
        try:
            _hold(self._fd)
            if info is not None:
                _take_mode(temp, info)
        except BaseException:
            self._close()
            temp.unlink(missing_ok=True)
            raise

    def _descriptor(self) -> int:
        if self._fd is None:  # pragma: no cover - prepare sets it before use
            raise RuntimeError("no temporary file is open")
        return self._fd

    def _close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def _write_one_by_one(name: str, data: Mapping[str, bytes]) -> None:
    """Write every file under a temporary name first, then rename them all into place."""
    pending = [_Pending(str(Path(name, file)), content) for file, content in data.items()]
    try:
        for each in pending:
            each.prepare()
        for each in pending:
            each.commit()
    except BaseException:
        for each in pending:
            each.discard()
        raise


def _only_these(folder: Path, data: Mapping[str, bytes]) -> bool:
    """Whether *folder* may be swapped whole: no mount point, only plain files named in *data*."""
    if os.path.ismount(folder):  # not Path.is_mount: Python 3.11 has none on Windows
        return False
    with os.scandir(folder) as entries:
        return all(e.name in data and e.is_file(follow_symlinks=False) for e in entries)


def _swap_in(real: Path, info: os.stat_result | None, data: Mapping[str, bytes]) -> bool:
    """Write *data* into a new folder beside *real* and put that folder in *real*'s place.

    False, with nothing changed, where the folder cannot be swapped (its parent is not
    writable, it is a mount point the system did not recognise as one…).
    """
    try:
        temp = _fresh_name(real, lambda temp: temp.mkdir(0o777))
    except OSError as exc:
        if exc.errno in _CANNOT_SWAP:
            return False
        raise
    locks: list[int | None] = []
    try:
        locks.append(_hold_folder(temp))
        _fill(temp, data, real if info is not None else None)
        if info is None:
            temp.rename(real)
        else:
            _take_mode(temp, info)
            # Held so that no other run takes the old set, once moved aside, for a leftover.
            locks.append(_hold_folder(real))
            if not _exchange(temp, real) and not _rename_aside(real, temp):
                _remove_folder(temp)
                return False
        _sync_folder(real.parent)
    except BaseException:
        _remove_folder(temp)  # the new set, or the old one if it was already swapped out
        raise
    finally:
        for lock in locks:
            if lock is not None:
                os.close(lock)
    if info is not None:
        _keep_others(temp, real, data)
        _remove_folder(temp)  # the old set
    return True


def _keep_others(old: Path, new: Path, data: Mapping[str, bytes]) -> None:
    """Move into *new* what reached *old* after it was checked (a file saved meanwhile)."""
    with contextlib.suppress(OSError), os.scandir(old) as entries:
        others = [e.name for e in entries if e.name not in data]
    for name in others:
        if not os.path.lexists(new / name):
            with contextlib.suppress(OSError):
                (old / name).rename(new / name)


def _fill(temp: Path, data: Mapping[str, bytes], old: Path | None) -> None:
    """Write and sync the files of *data* in folder *temp*, with the modes they had in *old*."""
    for file, content in data.items():
        path = temp / file
        fd = os.open(path, _NEW_FILE, 0o666)
        try:
            _write_all(fd, content)
            os.fsync(fd)
        finally:
            os.close(fd)
        previous = None if old is None else _stat(old / file)
        if previous is not None:
            _take_mode(path, previous)
    _sync_folder(temp)


def _rename_aside(real: Path, temp: Path) -> bool:
    """Swap folders *temp* and *real* in two renames, where no one-step exchange exists.

    Between the two, a reader finds no folder; a failure of the second puts the old one back.
    Afterwards *temp* names the old set.  False, with nothing changed, when *real* cannot move.
    """
    aside = _fresh_name(real, lambda _: None)
    try:
        real.rename(aside)
    except OSError as exc:
        if exc.errno in _CANNOT_SWAP:
            return False
        raise
    try:
        temp.rename(real)
    except BaseException:
        aside.rename(real)
        raise
    aside.rename(temp)
    return True


def _exchange(first: Path, second: Path) -> bool:
    """Swap two entries in one step (Linux ``renameat2`` with RENAME_EXCHANGE).

    False where the system or the file system has no such call.
    """
    call = _renameat2()
    if call is None:
        return False
    at_cwd, exchange = -100, 2  # AT_FDCWD and RENAME_EXCHANGE of <fcntl.h>, <linux/fs.h>
    if call(at_cwd, os.fsencode(first), at_cwd, os.fsencode(second), exchange) == 0:
        return True
    import ctypes  # noqa: PLC0415 - loaded by _renameat2 already

    code = ctypes.get_errno()
    if code in _CANNOT_SWAP:
        return False
    raise OSError(code, os.strerror(code), os.fspath(second))


@functools.cache
def _renameat2() -> Callable[..., int] | None:
    if sys.platform != "linux":
        return None
    import ctypes  # noqa: PLC0415 - only for the first folder swap

    try:
        call = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):  # a C library without it (glibc before 2.28)
        return None
    call.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint)
    call.restype = ctypes.c_int
    found: Callable[..., int] = call
    return found


def _fresh_name(target: Path, make: Callable[[Path], None]) -> Path:
    """A temporary name beside *target* that *make* could create (it raises when taken)."""
    prefix = _prefix(target.name)
    for _ in range(100):
        candidate = target.parent / (prefix + secrets.token_hex(4))
        if os.path.lexists(candidate):
            continue
        try:
            make(candidate)
        except FileExistsError:
            continue
        return candidate
    raise FileExistsError(errno.EEXIST, "no free temporary name", os.fspath(target.parent))


def _prefix(name: str) -> str:
    return f".{name[:_NAME_CHARS]}{_MARK}"


def _sweep(folder: Path, name: str) -> None:
    """Remove what killed writes to *name* left in *folder*.

    That is govplan's temporary entries for it that are older than a minute and that no living
    process holds.
    """
    prefix = _prefix(name)
    try:
        with os.scandir(folder) as entries:
            found = [Path(e.path) for e in entries if e.name.startswith(prefix)]
    except OSError:
        return
    for path in found:
        try:
            info = path.lstat()
        except OSError:
            continue
        if time.time() - info.st_mtime < _GRACE_SECONDS or _held(path):
            continue
        if stat.S_ISDIR(info.st_mode):
            _remove_folder(path)
        elif stat.S_ISREG(info.st_mode):
            with contextlib.suppress(OSError):
                path.unlink()


def _hold(fd: int) -> None:
    """Mark a temporary entry as being written for as long as *fd* is open (a shared lock)."""
    if sys.platform != "win32":
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)


def _hold_folder(path: Path) -> int | None:
    """Hold folder *path* as :func:`_hold` does: the descriptor to close, or None (Windows)."""
    try:
        fd = _open_folder(path)
    except OSError:
        return None
    _hold(fd)
    return fd


def _held(path: Path) -> bool:
    """Whether a living process may hold *path*; True when that cannot be told."""
    if sys.platform == "win32":
        return False  # a file being written cannot be removed there: the removal fails
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)
    return False


def _remove_folder(path: Path) -> None:
    """Remove a temporary folder of plain files; keep it if it holds anything else."""
    with contextlib.suppress(OSError), os.scandir(path) as entries:
        for entry in entries:
            if entry.is_file(follow_symlinks=False):
                Path(entry.path).unlink(missing_ok=True)
    with contextlib.suppress(OSError):
        path.rmdir()


def _take_mode(path: Path, info: os.stat_result) -> None:
    """Give *path* the permissions and, where this process may, the owner that *info* shows."""
    now = path.stat()
    if hasattr(os, "chown") and (now.st_uid, now.st_gid) != (info.st_uid, info.st_gid):
        with contextlib.suppress(OSError):
            os.chown(path, info.st_uid, info.st_gid)
    mask = 0o7777 if stat.S_ISDIR(info.st_mode) else 0o777  # a shared folder keeps its setgid bit
    path.chmod(info.st_mode & mask)


def _stat(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except FileNotFoundError:
        return None


def _open_folder(path: Path) -> int:
    return os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))


def _sync_folder(path: Path) -> None:
    """Make the renames in folder *path* durable; skipped where folders cannot be synced."""
    try:
        fd = _open_folder(path)
    except OSError:
        return  # Windows opens no folder
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in _UNSUPPORTED | {errno.EBADF}:
            raise
    finally:
        os.close(fd)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _write_descriptor(fd: int, data: bytes) -> None:
    """Write *data* to descriptor *fd*, after what Python's own streams on it still hold."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError, OSError):
            if stream.fileno() == fd:
                stream.flush()
    _write_all(fd, data)


@contextlib.contextmanager
def _naming(name: str) -> Iterator[None]:
    """Report an OSError with *name*, the path the caller gave, not a temporary or real name."""
    try:
        yield
    except OSError as exc:
        if exc.errno is None or exc.filename == name:
            raise
        raise OSError(exc.errno, exc.strerror, name) from exc
