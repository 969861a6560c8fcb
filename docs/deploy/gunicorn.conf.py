"""gunicorn settings for one Relais application server (docs/deploy/README.md).

Run as `gunicorn -c docs/deploy/gunicorn.conf.py portal.wsgi`, one instance per machine or
per port; nginx (docs/deploy/nginx.conf.template) spreads requests over them. The environment
gives the rest: DJANGO_SETTINGS_MODULE=portal.settings.production and the variables of
docs/operator-guide.md. RELAIS_BIND and RELAIS_WEB_WORKERS override the two values below.
"""

import multiprocessing
import os

bind = os.environ.get("RELAIS_BIND", "127.0.0.1:8000")
# Synchronous workers: pages are short; uploads are buffered by nginx before they arrive.
workers = int(os.environ.get("RELAIS_WEB_WORKERS", 2 * multiprocessing.cpu_count() + 1))
worker_class = "sync"
timeout = 60
graceful_timeout = 30
# A worker is replaced after this many requests, so that a slow leak cannot grow for ever.
max_requests = 2000
max_requests_jitter = 200
# Only nginx talks to gunicorn; what it says of the client is read by Django
# (SECURE_PROXY_SSL_HEADER, TRUSTED_CLIENT_IP_HEADER), not by gunicorn.
forwarded_allow_ips = "127.0.0.1"
# No management socket: several instances on one machine would share its default path.
control_socket_disable = True
accesslog = "-"
# No query strings in the access log: they may carry a search term.
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(b)s %(L)ss'
errorlog = "-"
