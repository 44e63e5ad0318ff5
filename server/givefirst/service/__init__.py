"""The Flask app: `create_app(config=None)`; serve with
`gunicorn -c gunicorn.conf.py 'givefirst.service:create_app()'`."""
from __future__ import annotations

import logging
import os

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from givefirst.analysis import analyze
from givefirst.parse.pipeline import load as load_pipeline
from givefirst.service import errors, ratelimit, security, testhooks
from givefirst.service.api import bp
from givefirst.service.settings import DEFAULTS, check_binding, text_from_env


def create_app(config: dict | None = None) -> Flask:
    """Build the app: settings from defaults, GIVEFIRST_* env, then `config`."""
    app = Flask(__name__)
    app.config.update(DEFAULTS)
    app.config.from_prefixed_env(prefix="GIVEFIRST")
    app.config.update(text_from_env(os.environ))
    app.config.update(config or {})
    app.json.sort_keys = False
    check_binding(str(app.config["HOST"]), str(app.config["TOKEN"] or ""))
    logging.getLogger("givefirst").setLevel(str(app.config["LOG_LEVEL"]).upper())
    errors.register(app)
    security.install(app)
    ratelimit.install(app)
    app.register_blueprint(bp)
    if app.config["TEST_HOLD_DIR"]:
        testhooks.install(app, str(app.config["TEST_HOLD_DIR"]))
    if int(app.config["TRUSTED_PROXIES"]):
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=int(app.config["TRUSTED_PROXIES"]))
    load_pipeline()  # load the model now, not on the first keystroke
    analyze("Hi,\n\nCould you send it?")  # and every lazy table: in gunicorn's master, before the workers fork
    return app
