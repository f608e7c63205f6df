"""The optional CV photo: read with Pillow, turned upright, shrunk and saved again as a plain JPEG.

Saving anew drops everything but the pixels – EXIF data (camera, GPS position, time) never
reaches the database or an employer – and a file that only claims to be an image is refused.
"""

from __future__ import annotations

from io import BytesIO

from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD = 5 * 1024 * 1024  # what a phone photo may weigh before it is shrunk (the app refuses larger requests anyway)
MAX_PIXELS = 40_000_000  # refuses decompression bombs long before Pillow's own limit
SIZE = (420, 540)  # 35 x 45 mm at about 300 dpi
ACCEPTED = ("JPEG", "PNG", "WEBP")


class PhotoError(ValueError):
    """The upload is not a photo we can use; the message says why, in plain words."""


def clean_photo(data: bytes) -> bytes:
    if not data:
        raise PhotoError("empty")
    if len(data) > MAX_UPLOAD:
        raise PhotoError("too_big")
    try:
        with Image.open(BytesIO(data)) as image:
            if image.format not in ACCEPTED:
                raise PhotoError("format")
            if image.width * image.height > MAX_PIXELS:
                raise PhotoError("too_big")
            image.load()
            upright = ImageOps.exif_transpose(image).convert("RGB")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        raise PhotoError("format") from error
    upright.thumbnail(SIZE)
    out = BytesIO()
    upright.save(out, format="JPEG", quality=85)
    return out.getvalue()
