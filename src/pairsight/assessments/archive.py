"""The backup file of one assessment: a zip of JSON rows and stored files, with a manifest.

Pure: it knows nothing of the database. `manifest.json` says what wrote the file (format,
schema version, the migrations the rows fit) and holds a SHA-256 checksum of every other
member; `read_backup` refuses a file that is not a zip, was cut short, was changed after
it was written, comes from a newer PAIRsight, or would expand beyond its limits, before
anything is restored.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FORMAT = "pairsight.assessment-backup"
#: Raised when the layout of the file changes; a file with a higher number is refused.
SCHEMA_VERSION = 1
MANIFEST = "manifest.json"
#: Limits checked before anything is unpacked (an assessment with its reports is a few MB).
MAX_MEMBERS = 10_000
MAX_TOTAL_BYTES = 2 * 1024 * 1024 * 1024
MAX_RATIO = 200


class BackupError(ValueError):
    """The file cannot be restored; the message says why, for the person restoring it."""


@dataclass(frozen=True)
class Backup:
    manifest: dict[str, Any]
    members: dict[str, bytes]

    def json(self, name: str) -> Any:
        return json.loads(self.members[name].decode("utf-8"))


def checksum(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def write_backup(path: Path, manifest: Mapping[str, Any], members: Mapping[str, bytes]) -> Path:
    """Write the members and a manifest (with their checksums) to a zip file at `path`."""
    full = {
        **manifest,
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "checksums": {name: checksum(content) for name, content in sorted(members.items())},
    }
    partial = path.with_name(path.name + ".partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, json.dumps(full, indent=2, sort_keys=True))
        for name, content in sorted(members.items()):
            archive.writestr(name, content)
    # Only a complete file takes the name asked for.
    partial.replace(path)
    return path


def read_backup(content: bytes, *, name: str = "the file") -> Backup:
    """Open and check a backup; raise BackupError naming the first problem found."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except zipfile.BadZipFile:
        raise BackupError(
            f"{name} is not a PAIRsight backup: it is not a zip file, or it was cut short."
        ) from None
    with archive:
        infos = archive.infolist()
        _check_sizes(infos, len(content), name)
        manifest = _manifest(archive, name)
        expected = manifest["checksums"]
        present = {info.filename for info in infos} - {MANIFEST}
        missing = sorted(set(expected) - present)
        extra = sorted(present - set(expected))
        if missing or extra:
            raise BackupError(
                f"{name} does not match its manifest ("
                + "; ".join(
                    part
                    for part in (
                        f"missing: {', '.join(missing[:5])}" if missing else "",
                        f"not listed: {', '.join(extra[:5])}" if extra else "",
                    )
                    if part
                )
                + "). It was changed after it was written: nothing was restored."
            )
        members = {}
        for member in sorted(expected):
            try:
                data = archive.read(member)
            except (zipfile.BadZipFile, OSError, EOFError) as error:
                raise BackupError(
                    f"{name} is damaged: {member} cannot be read ({error})."
                ) from None
            if checksum(data) != expected[member]:
                raise BackupError(
                    f"{name} is damaged or was changed: the checksum of {member} does not "
                    "match the manifest. Nothing was restored."
                )
            members[member] = data
    return Backup(manifest, members)


def _check_sizes(infos: list[zipfile.ZipInfo], packed: int, name: str) -> None:
    if len(infos) > MAX_MEMBERS:
        raise BackupError(
            f"{name} holds {len(infos):,} files; a backup holds at most {MAX_MEMBERS:,}."
        )
    total = sum(info.file_size for info in infos)
    if total > MAX_TOTAL_BYTES or total > max(packed, 1) * MAX_RATIO:
        raise BackupError(f"{name} would expand to {total:,} bytes: too large to be a backup.")


def _manifest(archive: zipfile.ZipFile, name: str) -> dict[str, Any]:
    try:
        manifest = json.loads(archive.read(MANIFEST).decode("utf-8"))
    except KeyError:
        raise BackupError(f"{name} is not a PAIRsight backup: it has no {MANIFEST}.") from None
    except (zipfile.BadZipFile, OSError, EOFError, UnicodeDecodeError, ValueError) as error:
        raise BackupError(f"{name} is damaged: its manifest cannot be read ({error}).") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{name} is not a PAIRsight assessment backup.")
    version = manifest.get("schema_version")
    if not isinstance(version, int) or version < 1:
        raise BackupError(f"{name} has no valid schema version in its manifest.")
    if version > SCHEMA_VERSION:
        raise BackupError(
            f"{name} was made by a newer version of PAIRsight (backup schema {version}; this "
            f"one reads up to {SCHEMA_VERSION}). Upgrade PAIRsight, then restore it."
        )
    if not isinstance(manifest.get("checksums"), dict):
        raise BackupError(f"{name} has no checksums in its manifest.")
    return manifest
