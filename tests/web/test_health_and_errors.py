from tests.conftest import dom, login, text_of


def test_healthz_checks_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json["database"] == "ok"
    assert response.json["requirements"] > 0


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
