# The two commands of the README: `make run` and `make test`. Both set up .venv first.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck clean browser converters fonts

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,ocr]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/dafu run corpora -o out

lint: $(STAMP)
	$(BIN)/ruff check pipeline tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

test: $(STAMP) browser converters fonts lint
	$(BIN)/pytest

# tests/test_report.py opens the HTML report in a real headless Chromium (Debian's package); as root
# (CI) it is installed when missing, elsewhere the test skips and says why.
browser:
	@if [ -x /usr/bin/chromium ]; then echo "chromium: /usr/bin/chromium"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	else echo "chromium missing and not root: tests/test_report.py's browser test will skip"; fi

# tests/test_doc.py reads .doc/.wps with antiword (Debian's, 0.6 MB); as root (CI) it is installed when
# missing, elsewhere those tests skip and say why. LibreOffice, the fallback, is not installed here
# (~260 MB, ~90 s): its tests skip without it, and the .doc fixture is committed (tests/make_doc_fixture.py).
converters:
	@if command -v antiword >/dev/null; then echo "antiword: $$(command -v antiword)"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq antiword; \
	else echo "antiword missing and not root: tests/test_doc.py's .doc tests will skip"; fi

# tests/test_ocr.py draws scanned pages with a CJK font (fc-list :lang=zh); as root (CI) one is installed
# when missing, elsewhere those tests skip and say why.
fonts:
	@if fc-list :lang=zh 2>/dev/null | grep -q .; then echo "CJK font: $$(fc-list :lang=zh file | head -1)"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fontconfig fonts-wqy-zenhei; \
	else echo "no CJK font and not root: tests/test_ocr.py's scanned-page tests will skip"; fi

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
