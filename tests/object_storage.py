"""An S3-compatible server on 127.0.0.1 for the tests (moto in server mode, in a thread).

Two uses. `RELAIS_TEST_S3=1` runs the whole suite with uploads on object storage:
portal/settings/test.py calls `start_for_settings()` before the base settings read STORAGE_URL,
so that each pytest-xdist worker has its own server and bucket. And the dedicated tests
(home/tests/test_object_storage.py) start one for their module through `ObjectStorageServer`.
Never a real provider: the keys are moto's throw-away ones.
"""

import logging
import os
import uuid

CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "relais-test",
    "AWS_SECRET_ACCESS_KEY": "relais-test-secret",
    "AWS_DEFAULT_REGION": "eu-west-3",
}


class ObjectStorageServer:
    """A moto server on a free loopback port, with one private bucket made for the caller."""

    def __init__(self):
        from moto.server import ThreadedMotoServer

        # One line per request to the bucket would drown the test report.
        logging.getLogger("werkzeug").setLevel(logging.WARNING)
        for name, value in CREDENTIALS.items():
            os.environ.setdefault(name, value)
        self._server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        self._server.start()
        host, port = self._server.get_host_and_port()
        self.endpoint_url = f"http://{host}:{port}"
        self.region = CREDENTIALS["AWS_DEFAULT_REGION"]

    def client(self):
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint_url,
            region_name=self.region,
            aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
        )

    def make_bucket(self):
        name = f"relais-{uuid.uuid4().hex[:12]}"
        self.client().create_bucket(
            Bucket=name, CreateBucketConfiguration={"LocationConstraint": self.region}
        )
        return name

    def storage_url(self, bucket):
        return f"s3://{bucket}?endpoint_url={self.endpoint_url}&region={self.region}"

    def stop(self):
        self._server.stop()


def start_for_settings():
    """Start a server and its bucket for this test process and name it in STORAGE_URL. The
    suite's tests read what /media/ answers, so it streams files from the bucket here; the
    redirect to a signed URL, production's default, is proven by home/tests/test_object_storage.py.
    """
    server = ObjectStorageServer()
    os.environ["STORAGE_URL"] = server.storage_url(server.make_bucket())
    os.environ.setdefault("MEDIA_SERVE_METHOD", "stream")
    return server
