"""gunicorn settings for the Give First service (`make serve`, `givefirst serve`).

The app is preloaded: the spaCy pipeline loads once in the master and the
workers share it copy-on-write. Sync workers: analysis is CPU-bound, so one
request per worker per core is the right shape.
"""
import multiprocessing
import os

host = os.environ.get("GIVEFIRST_HOST", "127.0.0.1")
port = os.environ.get("GIVEFIRST_PORT", "8765")
bind = [f"[{host}]:{port}" if ":" in host else f"{host}:{port}"]
workers = int(os.environ.get("GIVEFIRST_WORKERS", 0)) or max(1, min(multiprocessing.cpu_count(), 8))
worker_class = "sync"
preload_app = True
timeout = 30
graceful_timeout = 10
keepalive = 5
max_requests = 0
# Access log without query strings or bodies: email text never reaches a log.
accesslog = "-" if os.environ.get("GIVEFIRST_ACCESS_LOG") else None
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
loglevel = os.environ.get("GIVEFIRST_LOG_LEVEL", "info").lower()
