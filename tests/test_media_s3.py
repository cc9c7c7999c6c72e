"""Media on S3-compatible object storage (django-storages), against moto's S3 server on 127.0.0.1: an uploaded
image, its renditions and the API's links to them live in the bucket, configured by the same environment variables
an operator sets."""

import io
import json

import boto3
import pytest
from django.test import Client
from moto.server import ThreadedMotoServer
from PIL import Image as PILImage
from wagtail_factories import ImageFactory

from cms.settings.env import media_storage_from_env

from .server_processes import fetch, free_port

BUCKET = "kronika-media"
REGION = "eu-central-1"
# The bucket policy README's "Media on object storage" asks for: images readable by anyone, documents only
# through the site (Wagtail's serve view checks their collection's privacy).
PUBLIC_IMAGES_POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": [f"arn:aws:s3:::{BUCKET}/media/images/*", f"arn:aws:s3:::{BUCKET}/media/original_images/*"],
        }
    ],
}


@pytest.fixture
def s3_media(settings, monkeypatch):
    """A bucket on a local S3 server, and the site's default storage pointed at it through the environment."""
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    for name, value in {
        "AWS_ACCESS_KEY_ID": "kronika-test",
        "AWS_SECRET_ACCESS_KEY": "kronika-test-secret",
        "AWS_STORAGE_BUCKET_NAME": BUCKET,
        "AWS_S3_ENDPOINT_URL": endpoint,
        "AWS_S3_REGION_NAME": REGION,
    }.items():
        monkeypatch.setenv(name, value)
    client = boto3.client("s3", endpoint_url=endpoint, region_name=REGION)
    client.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION})
    client.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(PUBLIC_IMAGES_POLICY))
    settings.STORAGES = {**settings.STORAGES, "default": media_storage_from_env()}
    yield client, endpoint
    server.stop()


def bucket_keys(client) -> list[str]:
    return sorted(item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []))


@pytest.mark.django_db
def test_images_and_their_renditions_round_trip_through_the_bucket(s3_media):
    client, endpoint = s3_media

    image = ImageFactory(title="Uczestnicy sesji", file__width=640, file__height=480)
    rendition = image.get_rendition("width-320")

    keys = bucket_keys(client)
    assert f"media/{image.file.name}" in keys
    assert f"media/{rendition.file.name}" in keys
    assert rendition.url.startswith(f"{endpoint}/{BUCKET}/media/images/")
    served = fetch(rendition.url)
    assert served.status == 200
    assert PILImage.open(io.BytesIO(served.body)).size == (320, 240)

    with image.open_file() as original:
        assert PILImage.open(original).size == (640, 480)

    download_url = Client().get(f"/api/v2/images/{image.pk}/").json()["meta"]["download_url"]
    assert download_url.startswith(f"{endpoint}/{BUCKET}/media/original_images/")
    assert fetch(download_url).status == 200


def test_without_a_bucket_media_stay_on_the_local_disk(monkeypatch):
    monkeypatch.delenv("AWS_STORAGE_BUCKET_NAME", raising=False)

    assert media_storage_from_env() == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
