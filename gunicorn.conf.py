"""gunicorn settings for `gunicorn -c gunicorn.conf.py 'givefirst.service:create_app()'` from a checkout.

The settings live in the package (givefirst/service/gunicorn_config.py), so an
installed givefirst serves the same way: `gunicorn -c python:givefirst.service.gunicorn_config`.
"""
from givefirst.service.gunicorn_config import *  # noqa: F401,F403
