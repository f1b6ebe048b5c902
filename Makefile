# Kravbygger. `make run` installs everything and serves the app; `make test` runs every test.
SHELL := /bin/bash
PY := .venv/bin/python
FLASK := .venv/bin/flask --app app
VENDOR := app/static/vendor
export FLASK_APP := app

.PHONY: run serve install assets translations db test test-sqlite test-postgres bench lint messages clean

run: install db
	@echo "Kravbygger: http://127.0.0.1:5000 (Ctrl+C stops it)"
	$(FLASK) run --host 127.0.0.1 --port 5000

# Production in one command: migrations, then gunicorn (gunicorn.conf.py) and, with REDIS_URL, the job
# worker; needs DATABASE_URL (PostgreSQL) and SECRET_KEY. Ctrl+C or SIGTERM stops every part cleanly.
serve: install
	$(FLASK) db upgrade
	$(FLASK) serve

install: .venv/.installed assets translations

.venv/.installed: pyproject.toml
	test -x $(PY) || python3 -m venv .venv
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

assets: $(VENDOR)/designsystemet.css $(VENDOR)/theme.css

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

$(VENDOR)/designsystemet.css $(VENDOR)/theme.css: node_modules/.package-lock.json
	mkdir -p $(VENDOR)
	cp node_modules/@digdir/designsystemet-css/dist/src/index.css $(VENDOR)/designsystemet.css
	cp node_modules/@digdir/designsystemet-theme/brand/digdir.css $(VENDOR)/theme.css
	cp node_modules/@digdir/designsystemet-css/LICENSE* $(VENDOR)/ 2>/dev/null || true

translations: .venv/.installed
	.venv/bin/pybabel compile -d app/translations

messages: .venv/.installed
	.venv/bin/pybabel extract -F babel.cfg -k _l -k lazy_gettext -o app/translations/messages.pot --no-location --sort-output .
	for lang in nb nn sv; do \
	  if [ -f app/translations/$$lang/LC_MESSAGES/messages.po ]; then \
	    .venv/bin/pybabel update -i app/translations/messages.pot -d app/translations -l $$lang --no-fuzzy-matching --ignore-obsolete; \
	  else .venv/bin/pybabel init -i app/translations/messages.pot -d app/translations -l $$lang; fi; \
	done

db: .venv/.installed
	$(FLASK) db upgrade
	$(FLASK) library check > /dev/null
	$(FLASK) seed-demo

# Every test on SQLite, then again on PostgreSQL when TEST_DATABASE_URL is set (CI sets it).
test: install
	$(PY) -m pytest -n 2 -p no:cacheprovider
	@if [ -n "$$TEST_DATABASE_URL" ]; then \
	  echo "=== again on PostgreSQL ($$TEST_DATABASE_URL) ==="; \
	  KRAVBYGGER_TEST_DB=postgres $(PY) -m pytest -n 2 -p no:cacheprovider; \
	fi

bench: install
	$(PY) -m tests.bench

lint: .venv/.installed
	.venv/bin/ruff check .

clean:
	rm -rf .venv node_modules $(VENDOR) instance/*.sqlite
