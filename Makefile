# The commands people type. Every target sets up what it needs first.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
PIP_QUIET := --quiet --disable-pip-version-check
# The local server: debug mode and, as no SECRET_KEY is set, the embedded (public) key.
LOCAL := DEBUG=1 CMS_INSECURE_EMBEDDED_KEY=1

.PHONY: run test lint format schema setup demo admin clean

$(VENV)/.installed: pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "需要 Python 3.11（$(PYTHON)）"; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install $(PIP_QUIET) --upgrade pip 2>&1 | grep -v "^WARNING: Location" || true
	$(PY) -m pip install $(PIP_QUIET) -e '.[dev]' 2>&1 | grep -v "^WARNING: Location" || true
	@$(PY) -c "import wagtail, strawberry, jieba" || { echo "依赖安装失败"; exit 1; }
	@touch $@

setup: $(VENV)/.installed
	$(LOCAL) $(PY) manage.py migrate --noinput -v0
	$(LOCAL) $(PY) manage.py setup_cms

demo: setup
	$(LOCAL) $(PY) manage.py load_demo_content

admin: setup
	PORT=$(PORT) $(LOCAL) $(PY) manage.py ensure_admin

run: demo admin
	$(LOCAL) $(PY) manage.py runserver 127.0.0.1:$(PORT)

# Test files run in parallel, one worker per core (TEST_WORKERS=0 runs them in-process);
# then the transactional tests (marked serial: they flush the database) on their own.
# The second run may select nothing (exit code 5) when PYTEST_ARGS picks other tests.
TEST_WORKERS ?= auto
test: $(VENV)/.installed
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile -m "not serial" $(PYTEST_ARGS)
	$(PY) -m pytest -m serial $(PYTEST_ARGS); status=$$?; \
	  if [ $$status -ne 0 ] && [ $$status -ne 5 ]; then exit $$status; fi

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

schema: $(VENV)/.installed
	$(PY) manage.py export_schema

clean:
	rm -rf $(VENV) db.sqlite3* .test-media
