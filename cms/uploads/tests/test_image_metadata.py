"""Uploaded images keep no EXIF, GPS, XMP, IPTC or comments, however they arrive."""

import hashlib
import io

import pytest
from django.core.files.base import ContentFile
from PIL import ExifTags, PngImagePlugin, features
from PIL import Image as PILImage
from wagtail.images import get_image_model

from cms.uploads.metadata import MetadataError, strip_metadata

pytestmark = pytest.mark.django_db

Image = get_image_model()

GPS_IFD = ExifTags.IFD.GPSInfo
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF>'
    b"<rdf:Description>Case 123</rdf:Description></rdf:RDF></x:xmpmeta>"
)


def gps_exif(orientation=1):
    exif = PILImage.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Orientation] = orientation
    exif.get_ifd(GPS_IFD).update(
        {
            ExifTags.GPS.GPSLatitudeRef: "N",
            ExifTags.GPS.GPSLatitude: (51.0, 30.0, 12.5),
            ExifTags.GPS.GPSLongitudeRef: "W",
            ExifTags.GPS.GPSLongitude: (0.0, 7.0, 39.0),
        }
    )
    return exif


def picture(size=(40, 20), mode="RGB"):
    image = PILImage.new(mode, size, "white" if mode != "P" else 1)
    # A red block in the top-left corner, to check the orientation is applied.
    image.paste("red" if mode != "P" else 2, (0, 0, 10, 5))
    return image


def encode(image, format, **params):
    out = io.BytesIO()
    image.save(out, format, **params)
    return out.getvalue()


def jpeg_with_gps(orientation=1):
    return encode(
        picture(), "JPEG", quality=90, exif=gps_exif(orientation), comment=b"Child A, 12 High St", xmp=XMP
    )


def stored(image):
    image.refresh_from_db()
    with image.file.storage.open(image.file.name, "rb") as f:
        return f.read()


def reopened(data):
    result = PILImage.open(io.BytesIO(data))
    result.load()
    return result


def assert_no_metadata(data):
    result = reopened(data)
    assert len(result.getexif()) == 0
    assert not result.getexif().get_ifd(GPS_IFD)
    for key in ("exif", "xmp", "XML:com.adobe.xmp", "comment", "photoshop", "Description"):
        assert key not in result.info, key
    assert b"Exif\x00\x00" not in data and b"Case 123" not in data and b"High St" not in data
    return result


def assert_bookkeeping(image, data):
    assert image.file_size == len(data)
    assert image.file_hash == hashlib.sha1(data).hexdigest()
    assert (image.width, image.height) == reopened(data).size


def test_a_jpeg_with_gps_loses_it_and_keeps_its_orientation():
    source = jpeg_with_gps(orientation=6)  # stored sideways: "rotate 90 degrees clockwise to view"
    assert reopened(source).getexif().get_ifd(GPS_IFD)
    image = Image.objects.create(title="Photo", file=ContentFile(source, name="photo.jpg"))
    data = stored(image)
    result = assert_no_metadata(data)
    assert result.format == "JPEG"
    assert result.size == (20, 40)  # the rotation is applied to the pixels
    rgb = result.convert("RGB")
    red, green, _ = rgb.getpixel((17, 2))  # the red corner turned from top-left to top-right
    assert red > 200 and green < 80 and rgb.getpixel((2, 2))[1] > 200
    assert image.file.name.endswith(".jpg")
    assert_bookkeeping(image, data)


def test_an_admin_upload_is_stripped(client, editor):
    client.force_login(editor)
    response = client.post(
        "/admin/images/add/", {"title": "Photo", "file": ContentFile(jpeg_with_gps(), name="photo.jpg")}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    image = Image.objects.get()
    data = stored(image)
    assert_no_metadata(data)
    assert_bookkeeping(image, data)


def test_a_multiple_upload_is_stripped(client, champion):
    client.force_login(champion)
    response = client.post(
        "/admin/images/multiple/add/", {"files[]": ContentFile(jpeg_with_gps(), name="a.jpg")}
    )
    assert response.status_code == 200 and response.json()["success"], response.content.decode()[:2000]
    image = Image.objects.get()
    data = stored(image)
    assert_no_metadata(data)
    assert_bookkeeping(image, data)


def test_a_file_saved_to_storage_before_the_image_is_saved_is_stripped_too():
    # Wagtail's "create from uploaded image" view writes the file first, then saves the image.
    image = Image(title="Photo")
    image.file.save("early.jpg", ContentFile(jpeg_with_gps()), save=False)
    first_name = image.file.name
    image.save()
    data = stored(image)
    assert_no_metadata(data)
    assert_bookkeeping(image, data)
    assert image.file.name != first_name and not image.file.storage.exists(first_name)


def test_a_png_loses_its_text_chunks_and_keeps_its_pixels():
    info = PngImagePlugin.PngInfo()
    info.add_text("Description", "Child A, 12 High St")
    info.add_text("Comment", "Case 123", zip=True)
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    original = picture(mode="RGBA")
    source = encode(original, "PNG", pnginfo=info, exif=gps_exif())
    assert b"tEXt" in source and b"eXIf" in source
    image = Image.objects.create(title="Diagram", file=ContentFile(source, name="diagram.png"))
    data = stored(image)
    result = assert_no_metadata(data)
    assert result.format == "PNG" and not result.text
    assert b"tEXt" not in data and b"zTXt" not in data and b"iTXt" not in data and b"eXIf" not in data
    assert result.tobytes() == original.tobytes()
    assert_bookkeeping(image, data)


def test_a_webp_loses_its_exif_and_xmp():
    original = picture(mode="RGBA")
    source = encode(original, "WEBP", lossless=True, exif=gps_exif(), xmp=XMP)
    image = Image.objects.create(title="Photo", file=ContentFile(source, name="photo.webp"))
    data = stored(image)
    result = assert_no_metadata(data)
    assert result.format == "WEBP" and b"EXIF" not in data and b"XMP " not in data
    assert result.convert("RGBA").tobytes() == original.tobytes()
    assert_bookkeeping(image, data)


def test_a_gif_loses_its_comment():
    source = encode(picture(mode="P"), "GIF", comment=b"Child A, 12 High St")
    image = Image.objects.create(title="Icon", file=ContentFile(source, name="icon.gif"))
    data = stored(image)
    result = assert_no_metadata(data)
    assert result.format == "GIF"
    assert_bookkeeping(image, data)


def test_renditions_come_from_the_stripped_original():
    image = Image.objects.create(title="Photo", file=ContentFile(jpeg_with_gps(), name="photo.jpg"))
    rendition = image.get_rendition("width-20")
    with rendition.file.storage.open(rendition.file.name, "rb") as f:
        assert_no_metadata(f.read())


def test_editing_an_image_without_a_new_file_leaves_the_file_alone():
    image = Image.objects.create(title="Photo", file=ContentFile(jpeg_with_gps(), name="photo.jpg"))
    name, data = image.file.name, stored(image)
    image.title = "Renamed"
    image.save()
    assert image.file.name == name and stored(image) == data


@pytest.mark.skipif(not features.check("avif"), reason="Pillow without AVIF")
def test_an_avif_loses_its_exif_and_keeps_its_orientation():
    source = encode(picture(), "AVIF", exif=gps_exif(orientation=6), quality=90)
    image = Image.objects.create(title="Photo", file=ContentFile(source, name="photo.avif"))
    data = stored(image)
    result = assert_no_metadata(data)
    assert result.format == "AVIF" and result.size == (20, 40)
    assert_bookkeeping(image, data)


def test_an_animated_gif_keeps_its_frames_and_loses_xmp_and_trailing_data():
    frames = [picture(mode="P"), picture(mode="P").rotate(180)]
    source = encode(frames[0], "GIF", save_all=True, append_images=frames[1:], loop=0, duration=100)
    packed = source[10]
    header_end = 13 + (3 * 2 ** ((packed & 7) + 1) if packed & 0x80 else 0)
    xmp_extension = b"\x21\xff\x0bXMP DataXMP" + bytes([len(XMP)]) + XMP + b"\x00"
    source = source[:header_end] + xmp_extension + source[header_end:] + b"Case 123 after the trailer"
    image = Image.objects.create(title="Animation", file=ContentFile(source, name="animation.gif"))
    data = stored(image)
    result = assert_no_metadata(data)
    assert result.format == "GIF" and result.n_frames == 2 and result.info.get("loop") == 0
    assert b"XMP DataXMP" not in data


def test_an_image_that_cannot_be_checked_is_refused_not_stored():
    with pytest.raises(MetadataError):
        strip_metadata(jpeg_with_gps()[:-60])  # the header reads, the pixels do not
    readable_first_frame = encode(picture(mode="P"), "GIF")[:-1] + b"\x99 not a GIF block"
    with pytest.raises(MetadataError):
        Image.objects.create(title="Broken", file=ContentFile(readable_first_frame, name="broken.gif"))
    assert not Image.objects.exists()
