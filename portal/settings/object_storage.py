"""Uploaded files on S3-compatible object storage, when the environment names a bucket.

Read by portal/settings/base.py. `STORAGE_URL=s3://bucket/prefix?endpoint_url=…&region=…` names
the bucket, an optional key prefix, and for a provider other than Amazon its endpoint; without
STORAGE_URL, `AWS_STORAGE_BUCKET_NAME` (with `AWS_S3_ENDPOINT_URL`, `AWS_S3_REGION_NAME`) does the
same. The keys come from `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY`, read by the S3 client
itself, never from STORAGE_URL (a URL ends up in logs). Nothing set: files stay on local disk.

The bucket is private: objects are written without a public grant, and every URL the storage
hands out is the application's own /media/ route (portal/storage.py), which decides who may
fetch the file before streaming it or redirecting to a signed URL that expires within a minute.
Kept free of Django imports: the settings module reads it before Django is set up.
"""

from urllib.parse import parse_qs, urlsplit


def object_storage_options(env):
    """The options of portal.storage.PrivateObjectStorage, or None for local disk."""
    url = env("STORAGE_URL", default="")
    if url:
        parts = urlsplit(url)
        if parts.scheme != "s3" or not parts.netloc:
            raise ValueError("STORAGE_URL must read s3://bucket[/prefix][?endpoint_url=…&region=…]")
        query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
        bucket = parts.netloc
        prefix = parts.path.strip("/")
        endpoint_url = query.get("endpoint_url") or None
        region = query.get("region") or query.get("region_name") or None
    else:
        bucket = env("AWS_STORAGE_BUCKET_NAME", default="")
        if not bucket:
            return None
        prefix = env("AWS_LOCATION", default="").strip("/")
        endpoint_url = env("AWS_S3_ENDPOINT_URL", default="") or None
        region = env("AWS_S3_REGION_NAME", default="") or None
    return {
        "bucket_name": bucket,
        "location": prefix,
        "endpoint_url": endpoint_url,
        "region_name": region,
        # Another provider's endpoint: the bucket in the path, so that the bucket's origin is
        # the endpoint's own (the signed URLs and the Content-Security-Policy name it).
        "addressing_style": "path" if endpoint_url else None,
        "signature_version": "s3v4",
        # Private objects, signed URLs only, and never two uploads under one name.
        "default_acl": "private",
        "querystring_auth": True,
        "querystring_expire": env.int("MEDIA_SIGNED_URL_SECONDS", default=60),
        "file_overwrite": False,
    }


def object_storage_origin(options):
    """Where the browser fetches a signed URL from (for the Content-Security-Policy)."""
    if options["endpoint_url"]:
        parts = urlsplit(options["endpoint_url"])
        return f"{parts.scheme}://{parts.netloc}"
    region = options["region_name"]
    host = f"s3.{region}.amazonaws.com" if region else "s3.amazonaws.com"
    return f"https://{options['bucket_name']}.{host}"
