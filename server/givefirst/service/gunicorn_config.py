"""gunicorn settings for the Give First service (`make serve`, `givefirst serve`).

    gunicorn -c python:givefirst.service.gunicorn_config 'givefirst.service:create_app()'

- Sync workers, one per core (at most 8; GIVEFIRST_WORKERS overrides):
  analysis is CPU-bound, so one request per worker per core is the right shape.
- The app is preloaded: the spaCy pipeline loads once in the master, the
  master's objects are frozen out of the garbage collector, and the workers
  share them copy-on-write.
- A worker is replaced after about GIVEFIRST_MAX_REQUESTS requests (default
  5000, 0 = never): spaCy's string store only grows as new words arrive, so
  recycling keeps a long-running worker's memory flat. The replacement forks
  from the preloaded master in milliseconds.
- SIGTERM: the master stops accepting, lets requests in flight finish (up to
  graceful_timeout), then exits 0. A request that takes longer than
  `timeout` gets its worker killed and replaced.
- Binding beyond loopback without GIVEFIRST_TOKEN is refused at start-up,
  whichever way the address was given (GIVEFIRST_HOST or `-b`).
- Logs never contain email text: see givefirst/service/gunicorn_logging.py.
"""
import gc
import multiprocessing
import os

# One BLAS thread per worker: the workers already fill the cores (set before numpy is imported).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from givefirst.service.gunicorn_logging import ROUTES, PrivateLogger
from givefirst.service.settings import InsecureBinding, bind_host, check_binding

host = os.environ.get("GIVEFIRST_HOST", "127.0.0.1")
port = os.environ.get("GIVEFIRST_PORT", "8765")
bind = [f"[{host}]:{port}" if ":" in host else f"{host}:{port}"]
workers = int(os.environ.get("GIVEFIRST_WORKERS", 0)) or max(1, min(multiprocessing.cpu_count(), 8))
worker_class = "sync"
preload_app = True
timeout = 30
graceful_timeout = 10
keepalive = 2
max_requests = int(os.environ.get("GIVEFIRST_MAX_REQUESTS", 5000))
max_requests_jitter = max_requests // 10
limit_request_line = 4094
limit_request_fields = 50
control_socket_disable = True  # no runtime control socket in $HOME: nothing to manage remotely

logger_class = PrivateLogger
accesslog = "-" if os.environ.get("GIVEFIRST_ACCESS_LOG") else None
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
loglevel = os.environ.get("GIVEFIRST_LOG_LEVEL", "info").lower()


def on_starting(server):
    """Refuse a non-loopback bind without a token, even one given with `-b` on the command line."""
    token = os.environ.get("GIVEFIRST_TOKEN", "")
    for address in server.cfg.bind:
        try:
            check_binding(bind_host(address), token)
        except InsecureBinding as e:
            server.log.error("%s", e)
            raise SystemExit(2) from None
    gc.freeze()  # the preloaded pipeline: keep the collector from touching (and so copying) its pages


def pre_request(worker, req):
    """gunicorn's default logs the raw path at debug level; log only a known route."""
    worker.log.debug("%s %s", req.method, req.path if req.path in ROUTES else "-")


def post_worker_init(worker):
    """One analysis in each new worker before it takes requests: its first copy-on-write page
    faults and first-call costs are paid here, not by the first person typing."""
    from givefirst import analyze
    analyze("Hi Sam,\n\nThanks for the notes. Could you send me the deck by Friday? I've attached the summary.")
