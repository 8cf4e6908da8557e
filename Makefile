# Everything a fresh machine needs: `make run` starts the app, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BUILD_STAMP := $(VENV)/.installed-build
APP_ID := protocol-desk
VERSION := $(shell sed -n 's/^__version__ = "\(.*\)"/\1/p' app/__init__.py)
FROZEN := dist/$(APP_ID)
TARBALL := dist/$(APP_ID)-$(VERSION)-linux-$(shell uname -m).tar.gz
SBOM := dist/$(APP_ID)-$(VERSION).cdx.json

.PHONY: run test lint typecheck imports pytest pytest-future bench dist dist-check dist-launch deb deb-check icons schema clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/python -m app

lint: $(STAMP)
	$(BIN)/ruff check app tests benchmarks packaging
	$(BIN)/ruff format --check app tests benchmarks packaging

typecheck: $(STAMP)
	$(BIN)/mypy

imports: $(STAMP)
	$(BIN)/lint-imports

pytest: $(STAMP)
	$(BIN)/pytest -n 2 --dist loadgroup

test: lint typecheck imports pytest

# The whole suite with the calendar set two years ahead: no test may depend on today's date. The
# sitecustomize in tests/future_clock moves Python's clocks (time-machine) in pytest and in every Python
# child process; tests/conftest.py refuses to run if the calendar did not move.
pytest-future: $(STAMP)
	PYTHONPATH=$(CURDIR)/tests/future_clock TEST_CALENDAR_AT=2028-01-01T10:00:00+00:00 \
	  $(BIN)/pytest -n 2 --dist loadgroup -p no:time_machine -rs \
	  -W "ignore:Module already imported so cannot be rewritten:pytest.PytestAssertRewriteWarning"

schema: $(STAMP)
	$(BIN)/protocol-desk schema > resources/schema/pack.schema.json
	$(BIN)/protocol-desk schema --site > resources/schema/site.schema.json

bench: $(STAMP)
	$(BIN)/python benchmarks/load.py

# The frozen app (PyInstaller onedir, see build.spec and docs/deploy.md), a tarball of it, and its
# CycloneDX SBOM (packaging/sbom.py). On Linux the build needs binutils, patchelf and icu-devtools.
$(BUILD_STAMP): pyproject.toml $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,build]'
	@touch $(BUILD_STAMP)

dist: $(BUILD_STAMP)
	rm -rf $(FROZEN) $(TARBALL) $(SBOM)
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller build.spec
	tar -C dist -czf $(TARBALL) $(APP_ID)
	$(BIN)/python packaging/sbom.py --python $(BIN)/python --inventory build/inventory.json \
		--bundle $(FROZEN) --out $(SBOM)
	@du -sh $(FROZEN) $(TARBALL)

# The frozen app's own self-test, headless, with a private profile so no real settings interfere.
dist-check:
	rm -rf build/self-test
	QT_QPA_PLATFORM=offscreen PROTOCOL_DESK_HOME=build/self-test/home \
		PROTOCOL_DESK_SITE_CONFIG=build/self-test/no-site.toml \
		$(FROZEN)/$(APP_ID) self-test --installed --report build/self-test/self-test.json

# The frozen window starts offscreen and shows its search field (prints the launch time; target 1.5 s).
dist-launch: $(STAMP)
	$(BIN)/python benchmarks/startup.py --exe $(FROZEN)/$(APP_ID)-gui --runs 3

# The Debian package of the frozen folder, checked by lintian (packaging/deb/build-deb.sh; needs dpkg-dev
# and lintian). deb-check installs, self-tests, upgrades and removes it on this machine (root only).
deb:
	packaging/deb/build-deb.sh

deb-check:
	packaging/deb/check-install.sh

icons: $(STAMP)
	$(BIN)/python resources/icons/make_icons.py

clean:
	rm -rf $(VENV) build dist .mypy_cache .ruff_cache
