"""Files and media: uploaded parts -> stored files -> `MessageMedia`.

`upload.SaveFilePart` / `SaveBigFilePart` collect parts in the world; an
`InputMediaUploaded*` assembles them (a missing part is answered
`FILE_PART_X_MISSING`, which Kurigram re-uploads); `InputMediaPhoto` /
`InputMediaDocument` (what a file_id turns into) look a stored file up by id and
access hash. Other input media are not supported yet: `MediaConverter.register` is
the extension point (e.g. `InputMediaInvoice` in the payments issue).
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from typing import Any, TypeVar

from fake_telegram import tl
from fake_telegram.failures import RpcFailure
from fake_telegram.render import Renderer
from fake_telegram.state import StoredFile, Upload, World

MediaT = TypeVar("MediaT")
Converter = Callable[[int, Any], tl.BaseMessageMedia]

_JPEG_SOF = frozenset(
    {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}
)


def image_size(data: bytes) -> tuple[int, int] | None:
    """Width and height of a PNG or JPEG, None for anything else."""
    if data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return int(width), int(height)
    if data[:2] == b"\xff\xd8":
        i = 2
        while i + 9 <= len(data) and data[i] == 0xFF:
            marker = data[i + 1]
            if marker in _JPEG_SOF:
                height, width = struct.unpack(">HH", data[i + 5 : i + 9])
                return int(width), int(height)
            (length,) = struct.unpack(">H", data[i + 2 : i + 4])
            i += 2 + int(length)
    return None


class MediaConverter:
    def __init__(self, world: World, render: Renderer) -> None:
        self.world = world
        self.render = render
        self._converters: dict[type[Any], Converter] = {}
        self.register(tl.InputMediaUploadedPhoto, self._uploaded_photo)
        self.register(tl.InputMediaPhoto, self._photo)
        self.register(tl.InputMediaUploadedDocument, self._uploaded_document)
        self.register(tl.InputMediaDocument, self._document)
        self.register(tl.InputMediaContact, self._contact)

    def register(
        self, media_type: type[MediaT], converter: Callable[[int, MediaT], tl.BaseMessageMedia]
    ) -> None:
        """Teach the fake an input media type: `converter(bot_id, input_media)` returns the
        `MessageMedia` the sent message carries (or raises `RpcFailure`)."""
        self._converters[media_type] = converter

    def convert(self, bot_id: int, media: object) -> tl.BaseMessageMedia:
        converter = self._converters.get(type(media))
        if converter is None:
            name = getattr(media, "QUALNAME", type(media).__name__)
            raise NotImplementedError(
                f"the fake Telegram does not support {name} yet "
                "(add a converter with MediaConverter.register)"
            )
        return converter(bot_id, media)

    # -- uploads -----------------------------------------------------------------------

    def save_part(self, file_id: int, part: int, data: bytes, total: int | None = None) -> None:
        if not data:
            raise RpcFailure("FILE_PART_EMPTY")
        upload = self.world.uploads.get(file_id)
        if upload is None:
            upload = self.world.uploads[file_id] = Upload(file_id=file_id)
        upload.parts[part] = data
        if total is not None:
            upload.total_parts = total

    def read_upload(self, input_file: tl.BaseInputFile) -> tuple[bytes, str]:
        if not isinstance(input_file, tl.InputFile | tl.InputFileBig):
            raise NotImplementedError(f"the fake Telegram does not support {input_file.QUALNAME}")
        upload = self.world.uploads.get(input_file.id)
        if upload is None:
            raise RpcFailure("FILE_PART_0_MISSING")
        data = upload.assemble(input_file.parts)
        if data is None:
            raise RpcFailure(f"FILE_PART_{upload.first_missing(input_file.parts)}_MISSING")
        return data, input_file.name

    # -- converters --------------------------------------------------------------------

    def _uploaded_photo(
        self, _bot_id: int, media: tl.InputMediaUploadedPhoto
    ) -> tl.BaseMessageMedia:
        data, name = self.read_upload(media.file)
        width, height = image_size(data) or (800, 600)
        stored = self.world.store_file(
            data, kind="photo", name=name, mime_type="image/jpeg", width=width, height=height
        )
        return self.render.media(stored)

    def _photo(self, _bot_id: int, media: tl.InputMediaPhoto) -> tl.BaseMessageMedia:
        return self.render.media(self._lookup(media.id, "photo"))

    def _uploaded_document(
        self, _bot_id: int, media: tl.InputMediaUploadedDocument
    ) -> tl.BaseMessageMedia:
        data, name = self.read_upload(media.file)
        for attribute in media.attributes:
            if isinstance(attribute, tl.DocumentAttributeFilename):
                name = attribute.file_name
        stored = self.world.store_file(data, kind="document", name=name, mime_type=media.mime_type)
        return self.render.media(stored)

    def _document(self, _bot_id: int, media: tl.InputMediaDocument) -> tl.BaseMessageMedia:
        return self.render.media(self._lookup(media.id, "document"))

    def _contact(self, _bot_id: int, media: tl.InputMediaContact) -> tl.BaseMessageMedia:
        digits = "".join(c for c in media.phone_number if c.isdigit())
        owner = next(
            (
                u
                for u in self.world.users.values()
                if u.phone and "".join(c for c in u.phone if c.isdigit()) == digits
            ),
            None,
        )
        return tl.MessageMediaContact(
            phone_number=media.phone_number,
            first_name=media.first_name,
            last_name=media.last_name,
            vcard=media.vcard,
            user_id=owner.id if owner is not None else 0,
        )

    def _lookup(self, reference: object, kind: str) -> StoredFile:
        file_id = getattr(reference, "id", None)
        stored = self.world.files.get(file_id) if isinstance(file_id, int) else None
        if stored is None or stored.kind != kind:
            raise RpcFailure("MEDIA_EMPTY")
        if getattr(reference, "access_hash", None) != stored.access_hash:
            raise RpcFailure("MEDIA_EMPTY")
        if getattr(reference, "file_reference", None) != stored.file_reference:
            raise RpcFailure("FILE_REFERENCE_EXPIRED")
        return stored

    def find_file(self, location: object) -> StoredFile:
        """The stored file an upload.GetFile location points at."""
        if not isinstance(location, tl.InputPhotoFileLocation | tl.InputDocumentFileLocation):
            name = getattr(location, "QUALNAME", type(location).__name__)
            raise NotImplementedError(f"the fake Telegram does not serve {name}")
        stored = self.world.files.get(location.id)
        if stored is None or stored.access_hash != location.access_hash:
            raise RpcFailure("LOCATION_INVALID")
        if stored.file_reference != location.file_reference:
            raise RpcFailure("FILE_REFERENCE_EXPIRED")
        return stored
