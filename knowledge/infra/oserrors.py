"""Norwegian words for operating-system errors (never the English `strerror`)."""

from __future__ import annotations

import errno

_REASONS = {
    errno.ENOSPC: "disken er full",
    errno.EDQUOT: "diskkvoten er brukt opp",
    errno.EACCES: "ingen tilgang",
    errno.EPERM: "ikke tillatt",
    errno.EROFS: "disken er skrivebeskyttet",
    errno.ENOENT: "finnes ikke",
    errno.ENOTDIR: "en del av stien er ikke en mappe",
    errno.EISDIR: "er en mappe, ikke en fil",
    errno.ENAMETOOLONG: "filnavnet er for langt",
    errno.EEXIST: "finnes allerede",
    errno.ELOOP: "for mange symbolske lenker (lenke i ring?)",
    errno.EIO: "lese- eller skrivefeil på disken",
    errno.EMFILE: "for mange åpne filer",
    errno.ENXIO: "enheten finnes ikke",
    errno.EBUSY: "filen er i bruk",
    errno.EINVAL: "ugyldig filnavn eller operasjon",
}


def os_reason(error: OSError) -> str:
    """A short Norwegian reason for `error` ("disken er full")."""
    reason = _REASONS.get(error.errno or 0)
    if reason:
        return reason
    code = errno.errorcode.get(error.errno or 0)
    return f"systemfeil {code}" if code else f"systemfeil ({type(error).__name__})"
