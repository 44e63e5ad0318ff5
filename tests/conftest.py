import pytest

import givefirst


@pytest.fixture(scope="session")
def analyze():
    return givefirst.analyze


@pytest.fixture(scope="session")
def app():
    from givefirst.service import create_app
    return create_app({"TESTING": True, "RATE_LIMIT": "100000 per minute"})


@pytest.fixture()
def client(app):
    return app.test_client()
