"""The optional CV photo: read with Pillow, turned upright, shrunk and saved again as a plain JPEG.

What is stored carries pixels only: the JPEG is written from a new image that holds nothing but the
pixels, so no EXIF (camera, GPS position, time), no comment, no text chunk, no ICC profile reaches the
database or an employer. A file that only claims to be an image is refused, and so is one too large to
decode cheaply: its size is read from the header before any pixel is decoded, a JPEG is decoded at a
reduced scale (``draft``), and other formats only up to :data:`MAX_FULL_DECODE` pixels. Every failure,
whatever Pillow raises, is a :class:`PhotoError` with a reason the form shows in plain words.
"""

from __future__ import annotations

from io import BytesIO

from PIL import Image, ImageOps

MAX_UPLOAD = 5 * 1024 * 1024  # what a phone photo may weigh before it is shrunk (the app refuses larger requests anyway)
SIZE = (420, 540)  # 35 x 45 mm at about 300 dpi
ACCEPTED = ("JPEG", "PNG", "WEBP")
# A JPEG is decoded at 1/2, 1/4 or 1/8 of its size (just above twice SIZE), so a 50-megapixel phone photo
# costs a few megabytes; PNG and WebP have no such step and are decoded whole, so they stay smaller.
MAX_JPEG_PIXELS = 60_000_000
MAX_FULL_DECODE = 12_000_000  # 4000 x 3000: 36 MB as RGB
MAX_SIDE = 12_000


class PhotoError(ValueError):
    """The upload is not a photo we can use; the message says why, in plain words."""


def clean_photo(data: bytes) -> bytes:
    """The stored photo: upright, at most SIZE, a JPEG of pixels only."""
    if not data:
        raise PhotoError("empty")
    if len(data) > MAX_UPLOAD:
        raise PhotoError("too_big")
    try:
        with Image.open(BytesIO(data)) as image:  # reads the header only
            if image.format not in ACCEPTED:
                raise PhotoError("format")
            width, height = image.size
            limit = MAX_JPEG_PIXELS if image.format == "JPEG" else MAX_FULL_DECODE
            if width * height > limit or max(width, height) > MAX_SIDE:
                raise PhotoError("too_big")
            if image.format == "JPEG":
                image.draft("RGB", (SIZE[0] * 2, SIZE[1] * 2))  # decode at a reduced scale
            image.load()
            ImageOps.exif_transpose(image, in_place=True)
            image.thumbnail(SIZE)  # in place: the full-size pixels are let go at once
            pixels = Image.new("RGB", image.size, "white")  # a new image: nothing of the file's metadata comes along
            pixels.paste(image.convert("RGB"), mask=_alpha(image))
        out = BytesIO()
        pixels.save(out, format="JPEG", quality=85, optimize=True)
        return out.getvalue()
    except PhotoError:
        raise
    except Image.DecompressionBombError as error:  # a header claiming more pixels than Pillow will open
        raise PhotoError("too_big") from error
    except Exception as error:  # Pillow raises many kinds (OSError, ValueError, SyntaxError, DecompressionBombError ...)
        raise PhotoError("format") from error


def _alpha(image: Image.Image) -> Image.Image | None:
    """The transparency of an image that has one (a PNG with a see-through background becomes white, not black)."""
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        return image.convert("RGBA").getchannel("A")
    return None
