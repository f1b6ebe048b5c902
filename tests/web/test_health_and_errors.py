from tests.conftest import dom, login, text_of


def test_healthz_is_liveness_and_readyz_checks_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json["status"] == "ok" and response.json["requirements"] > 0
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.json["checks"] == {"database": "ok"}  # no REDIS_URL: no Redis check


def test_readyz_says_503_when_the_database_is_down(client, monkeypatch):
    from app.services import health

    def broken(*args, **kwargs):
        raise OSError("connection refused")
    monkeypatch.setattr(health.db.session, "execute", broken)
    ready = client.get("/readyz")
    assert ready.status_code == 503 and ready.json["checks"]["database"] == "unavailable"


def test_every_response_carries_a_request_id_honouring_the_proxys(client):
    generated = client.get("/healthz").headers["X-Request-ID"]
    assert len(generated) == 32
    assert client.get("/healthz", headers={"X-Request-ID": "lb-1234.abc"}).headers["X-Request-ID"] == "lb-1234.abc"
    forged = client.get("/healthz", headers={"X-Request-ID": "bad id <script>"}).headers["X-Request-ID"]
    assert forged != "bad id <script>" and len(forged) == 32


def test_log_lines_are_json_with_the_request_id(app, client, monkeypatch):
    import json
    import logging

    from app import logs

    lines = []

    class Capture(logging.Handler):
        def emit(self, record):
            lines.append(logs.JsonFormatter().format(record))

    handler = Capture()
    logging.getLogger("app.web").addHandler(handler)
    try:
        monkeypatch.setattr("app.services.health.readiness", lambda: (_ for _ in ()).throw(RuntimeError("boom")))
        response = client.get("/readyz", headers={"X-Request-ID": "req-42"})
    finally:
        logging.getLogger("app.web").removeHandler(handler)
    assert response.status_code == 500
    entry = json.loads(lines[-1])
    assert entry["request_id"] == "req-42" and entry["path"] == "/readyz" and entry["level"] == "error"
    assert "RuntimeError: boom" in entry["exception"]


def test_unknown_page_is_a_friendly_404(client, users):
    login(client, users["buyer"])
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert text_of(dom(response), "h1") == ["Page not found"]
    assert dom(response).cssselect("a[href='/']")


def test_internal_error_is_a_friendly_500(app, client, users, monkeypatch):
    from app.services import projects

    def broken(user):
        raise RuntimeError("boom")

    monkeypatch.setattr(projects, "list_for", broken)
    login(client, users["buyer"])
    response = client.get("/")
    assert response.status_code == 500
    assert text_of(dom(response), "h1") == ["Something went wrong on our side"]


def test_security_headers_are_set(client):
    headers = client.get("/login").headers
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"


def test_flash_messages_are_in_a_live_region(client, users):
    login(client, users["buyer"])
    region = dom(client.get("/")).cssselect(".flashes")[0]
    assert region.get("role") == "status"
    assert "Welcome" in region.text_content()


def test_accessibility_statement_is_public_and_linked_from_every_page(client):
    page = dom(client.get("/login"))
    link = page.cssselect(".site-footer a[href='/accessibility']")
    assert link
    statement = client.get("/accessibility")
    assert statement.status_code == 200
    assert "WCAG 2.1" in " ".join(text_of(dom(statement), "main p"))
