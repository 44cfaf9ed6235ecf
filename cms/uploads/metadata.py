"""Remove metadata (EXIF, GPS, XMP, IPTC, comments, text chunks) from an image file.

A photo taken on a phone carries where and when it was taken and on what device; a
screenshot or diagram may carry its author's name or a comment. None of it is needed to
show the picture, and any of it may identify someone, so `strip_metadata` keeps the
pixels and what is needed to show them right (colour profile, transparency, animation)
and nothing else.

- PNG, GIF and WebP are filtered losslessly at the container level, keeping only the
  chunks / blocks on an allow-list (so unknown or private chunks go too).
- JPEG is re-encoded with its own quantisation tables (no visible loss), which leaves
  only the pixels and the colour profile, and no trailing data (MPO's second image).
- Anything else Pillow reads (AVIF, HEIC) is re-encoded at high quality.

An EXIF orientation is applied to the pixels first, so the picture still shows the right
way up once the tag has gone. The result is checked again: if any metadata remains,
`MetadataError` is raised rather than storing the file.
"""

import io
import struct

from PIL import ExifTags, ImageOps, JpegImagePlugin
from PIL import Image as PILImage

try:  # lets Pillow read HEIC/HEIF, as Willow (Wagtail's image library) does
    from pillow_heif import HeifImagePlugin  # noqa: F401
except ImportError:  # pragma: no cover
    pass


class MetadataError(ValueError):
    """The image could not be read, or metadata would have remained."""


def strip_metadata(data):
    """The image file `data` (bytes) without metadata: (bytes, Pillow format, (width, height))."""
    try:
        source = PILImage.open(io.BytesIO(data))
        source.load()
    except Exception as error:  # any decoder error: refuse, never store unchecked
        raise MetadataError(f"Not an image that can be checked for metadata: {error}") from error

    image_format = source.format
    rotate = _orientation(source) != 1 and not getattr(source, "is_animated", False)
    if image_format in ("JPEG", "MPO"):
        image_format = "JPEG"
        result = _reencode_jpeg(source)
    elif image_format == "PNG":
        result = _png_chunks(_reencode(source, "PNG") if rotate else data)
    elif image_format == "WEBP":
        lossless = b"VP8L" in _webp_chunk_kinds(data)
        params = {"lossless": True} if lossless else {"quality": 95}
        result = _webp_chunks(_reencode(source, "WEBP", **params) if rotate else data)
    elif image_format == "GIF":
        result = _gif_blocks(data)
    else:
        result = _reencode(source, image_format, quality=90)

    return result, image_format, _check(result, image_format)


def _orientation(image):
    try:
        return int(image.getexif().get(ExifTags.Base.Orientation, 1))
    except Exception:  # malformed EXIF: nothing to apply
        return 1


def _transposed(source):
    """The first frame, turned the way the EXIF orientation says, with no info carried over."""
    source.seek(0)
    try:
        image = ImageOps.exif_transpose(source)
    except Exception:  # malformed EXIF: keep the pixels as stored
        image = source.copy()
    keep = {key: source.info[key] for key in ("icc_profile", "transparency", "dpi") if key in source.info}
    image.info = keep
    return image, keep


def _reencode(source, image_format, **params):
    image, keep = _transposed(source)
    out = io.BytesIO()
    image.save(out, image_format, **{**keep, **params})
    return out.getvalue()


def _reencode_jpeg(source):
    params = {"optimize": True}
    if getattr(source, "quantization", None):
        params["qtables"] = source.quantization  # the original's own quality
        sampling = JpegImagePlugin.get_sampling(source)
        if sampling != -1:
            params["subsampling"] = sampling
    else:  # pragma: no cover - every baseline JPEG has tables
        params["quality"] = 95
    if source.info.get("progressive") or source.info.get("progression"):
        params["progressive"] = True
    return _reencode(source, "JPEG", **params)


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# What a decoder needs to show the picture as intended; text (tEXt, zTXt, iTXt), eXIf,
# tIME and every private chunk are dropped.
PNG_KEEP = {
    b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"cHRM", b"gAMA", b"iCCP", b"sBIT", b"sRGB",
    b"cICP", b"mDCV", b"cLLI", b"bKGD", b"pHYs", b"acTL", b"fcTL", b"fdAT",
}  # fmt: skip


def _png_chunks(data):
    if not data.startswith(PNG_SIGNATURE):
        raise MetadataError("Not a PNG file.")
    out, pos = [PNG_SIGNATURE], len(PNG_SIGNATURE)
    while pos + 12 <= len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        end = pos + 12 + length
        if end > len(data):
            raise MetadataError("Truncated PNG chunk.")
        if kind in PNG_KEEP:
            out.append(data[pos:end])
        pos = end
        if kind == b"IEND":
            break
    return b"".join(out)


WEBP_KEEP = {b"VP8 ", b"VP8L", b"VP8X", b"ALPH", b"ANIM", b"ANMF", b"ICCP"}
VP8X_EXIF, VP8X_XMP = 0x08, 0x04


def _webp_chunk_list(data):
    """The top-level chunks of a WebP file: [(fourcc, whole chunk with header and padding)]."""
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        raise MetadataError("Not a WebP file.")
    chunks, pos = [], 12
    while pos + 8 <= len(data):
        (size,) = struct.unpack("<I", data[pos + 4 : pos + 8])
        if pos + 8 + size > len(data):
            raise MetadataError("Truncated WebP chunk.")
        end = pos + 8 + size + (size & 1)  # chunks are padded to an even length
        chunks.append((data[pos : pos + 4], data[pos:end]))
        pos = end
    return chunks


def _webp_chunk_kinds(data):
    return {kind for kind, _ in _webp_chunk_list(data)}


def _webp_chunks(data):
    out = []
    for kind, chunk in _webp_chunk_list(data):
        if kind == b"VP8X":
            chunk = bytearray(chunk)
            chunk[8] &= ~(VP8X_EXIF | VP8X_XMP) & 0xFF
            chunk = bytes(chunk)
        if kind in WEBP_KEEP:
            out.append(chunk)
    body = b"WEBP" + b"".join(out)
    return b"RIFF" + struct.pack("<I", len(body)) + body


# Application extensions a GIF needs: looping (NETSCAPE2.0 / ANIMEXTS1.0) and its colour profile.
GIF_KEEP_APPLICATIONS = {b"NETSCAPE2.0", b"ANIMEXTS1.0", b"ICCRGBG1012"}


def _gif_sub_blocks_end(data, pos):
    while True:
        if pos >= len(data):
            raise MetadataError("Truncated GIF.")
        size = data[pos]
        pos += 1 + size
        if size == 0:
            return pos


def _gif_blocks(data):
    """Keep the screen, the frames, graphic control and the looping extension; drop comment
    extensions, XMP and every other application extension, and anything after the trailer."""
    if data[:6] not in (b"GIF87a", b"GIF89a"):
        raise MetadataError("Not a GIF file.")
    packed = data[10]
    pos = 13 + (3 * 2 ** ((packed & 7) + 1) if packed & 0x80 else 0)
    out = [data[:pos]]
    while pos < len(data):
        introducer = data[pos]
        if introducer == 0x3B:  # trailer
            out.append(b"\x3b")
            return b"".join(out)
        if introducer == 0x2C:  # an image: descriptor, local colour table, LZW data
            packed = data[pos + 9]
            start = pos + 10 + (3 * 2 ** ((packed & 7) + 1) if packed & 0x80 else 0) + 1
            end = _gif_sub_blocks_end(data, start)
            out.append(data[pos:end])
        elif introducer == 0x21:  # an extension
            label = data[pos + 1]
            end = _gif_sub_blocks_end(data, pos + 2)
            application = data[pos + 3 : pos + 14] if label == 0xFF else None
            if label in (0xF9, 0x01) or application in GIF_KEEP_APPLICATIONS:
                out.append(data[pos:end])
        else:
            raise MetadataError("Malformed GIF.")
        pos = end
    raise MetadataError("GIF without a trailer.")


INFO_METADATA = ("exif", "xmp", "XML:com.adobe.xmp", "comment", "photoshop", "iptc")


def _check(result, image_format):
    """Reopen the result: the same format, readable, and with no metadata left."""
    try:
        image = PILImage.open(io.BytesIO(result))
        image.load()
    except Exception as error:
        raise MetadataError(f"The image could not be re-read after removing its metadata: {error}") from error
    if image.format not in (image_format, "MPO"):
        raise MetadataError(f"The image changed format ({image_format} to {image.format}).")
    left = [key for key in INFO_METADATA if image.info.get(key)]
    if len(image.getexif()) or getattr(image, "text", None) or left:
        raise MetadataError(f"Metadata remained after stripping: {left or 'EXIF or text'}")
    return image.size
