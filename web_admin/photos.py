"""Product photos uploaded in the web admin, stored in MEDIA_DIR by piccolo_admin's media
storage and sent by the bot like any photo with a local `source`.

piccolo_admin stores an upload under a generated name and puts that name (its key) in
the `source` column; the hook here turns it into the file's absolute path, which is what
the bot sends from (`bot.shop.photos`): the bytes the first time, then the `file_id`
Telegram gave back. A new picture clears the cached `file_id`. New photos go at the end
of the product's album, at most `PHOTOS_MAX`; deletes go through
`models.catalogue_photos.delete_photo` (positions stay 0..n-1, audited).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import anyio
from piccolo.apps.user.tables import BaseUser
from piccolo_api.crud.hooks import Hook, HookType
from piccolo_api.media.local import LocalMediaStorage
from starlette.requests import Request

from models.catalogue import ProductPhoto
from models.catalogue_admin import CatalogueItemNotFound
from models.catalogue_photos import PHOTOS_MAX, delete_photo
from web_admin.acting import acting_admin, refuse
from web_admin.audit_hooks import by_name
from web_admin.catalogue_rules import product_chosen

#: What may be uploaded as a product photo (what Telegram sends as a photo).
PHOTO_EXTENSIONS = ("jpg", "jpeg", "png", "webp")


class MediaDirUnusable(Exception):
    """Raised when MEDIA_DIR cannot be made or written (the web admin does not start)."""

    def __init__(self, media_dir: Path, reason: str) -> None:
        super().__init__(
            f"MEDIA_DIR ({media_dir}) cannot hold uploaded photos: {reason};"
            " point MEDIA_DIR at a writable directory"
        )
        self.media_dir = media_dir


def prepare_media_dir(media_dir: Path) -> Path:
    """MEDIA_DIR as an absolute path, created if missing; `MediaDirUnusable` otherwise."""
    path = media_dir.resolve()
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise MediaDirUnusable(path, error.strerror or type(error).__name__) from error
    if not path.is_dir():
        raise MediaDirUnusable(path, "it is not a directory")
    return path


class PhotoStorage(LocalMediaStorage):
    """piccolo_admin's local storage, showing a stored photo by its file name: the
    column holds the file's absolute path (see the module), the storage serves names."""

    async def generate_file_url(
        self, file_key: str, root_url: str, user: BaseUser | None = None
    ) -> str:
        path = Path(file_key)
        name = path.name if path.parent == Path(self.media_path) else file_key
        return await super().generate_file_url(name, root_url, user)


def photo_storage(media_dir: Path) -> LocalMediaStorage:
    return PhotoStorage(
        ProductPhoto.source,
        media_path=str(media_dir),
        allowed_extensions=PHOTO_EXTENSIONS,
        file_permissions=0o640,
    )


async def uploaded_path(media_dir: Path, value: object) -> str:
    """The absolute path of the upload `value` names (a key piccolo_admin returned, or
    the path this hook stored before)."""
    text = str(value or "").strip()
    candidate = Path(text) if Path(text).is_absolute() else media_dir / text
    if not text or candidate.parent != media_dir or not await anyio.Path(candidate).is_file():
        raise refuse("source: upload the photo (jpg, png or webp) with the file picker.")
    return str(candidate)


def photo_hooks(media_dir: Path) -> list[Hook]:
    async def save(row: ProductPhoto) -> ProductPhoto:
        product_chosen(row.product)
        row.source = await uploaded_path(media_dir, row.source)
        row.file_id = None
        count = await ProductPhoto.count().where(ProductPhoto.product == row.product).run()
        if count >= PHOTOS_MAX:
            raise refuse(f"A product has at most {PHOTOS_MAX} photos.")
        row.position = int(count)
        return row

    async def patch(row_id: Any, values: dict[Any, Any]) -> dict[str, Any]:
        values = by_name(values)
        current = await ProductPhoto.objects().where(ProductPhoto.id == int(row_id)).first().run()
        if current is None:
            raise refuse(f"photo {row_id} not found", 404)
        values.pop("file_id", None)
        values.pop("position", None)  # the bot's photo screen moves photos
        if "product" in values and values["product"] != current.product:
            raise refuse("product: a photo stays with its product; upload it to the other.")
        if "source" in values and values["source"] != current.source:
            values["source"] = await uploaded_path(media_dir, values["source"])
            values["file_id"] = None
        return values

    async def delete(row_id: Any, request: Request) -> None:
        try:
            await delete_photo(acting_admin(request), int(row_id))
        except CatalogueItemNotFound as error:
            raise refuse(str(error), 404) from error

    return [
        Hook(HookType.pre_save, save),
        Hook(HookType.pre_patch, patch),
        Hook(HookType.pre_delete, delete),
    ]
