# The two commands of the README:  make run  (opens the app on the last draft, or the sample)  and  make test  (whole suite).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

# System libraries Qt needs offscreen and under Xvfb, the CJK font for screenshots, LibreOffice (Calc
# reads back the 汇总 workbook) and poppler for rendering exported reports, binutils for PyInstaller, dpkg-dev (dpkg-shlibdeps) and
# desktop-file-utils for the .deb, Chromium for rendering the web-page export. Installed only as root on Debian, with recommends (as tested).
SYSTEM_PACKAGES := libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 \
	libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 \
	libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 xvfb xauth fonts-noto-cjk libreoffice-writer-nogui libreoffice-calc-nogui \
	poppler-utils binutils dpkg-dev desktop-file-utils chromium

.PHONY: run test system-deps lint installer installer-windows installer-oldglibc bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $@

# The clerk's last draft when there is one, the bundled sample otherwise.
run: $(VENV)/.installed
	$(BIN)/nianbao gui --sample

test: system-deps $(VENV)/.installed-dev
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS)

# The long runs of the reliability suite (RELIABILITY.md): >= 10,000 loader fuzz cases, >= 50 kills.
fuzz: system-deps $(VENV)/.installed-dev
	NIANBAO_FUZZ=full QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -s tests/test_fuzz_loader.py \
		tests/test_reliability_*.py $(PYTEST_ARGS)

system-deps:
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
		if [ -n "$$missing" ]; then \
			echo "installing system packages: $$missing"; \
			{ apt-get -o DPkg::Lock::Timeout=900 update -qq || true; } && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 install -y -qq $$missing >/dev/null; \
		fi; \
	fi

# The Linux bundle (dist/nianbao/) and the Debian package (dist/nianbao_<version>_amd64.deb); see installer/README.md.
installer: system-deps $(VENV)/.installed-dev
	PYTHON=$(BIN)/python installer/build-linux.sh

# Every figure of bench/README.md as a ratio to its baseline, measured in the same run; writes bench/results.json.
# BUNDLE=1 also measures the bundle and installer sizes, building them first when missing (slow).
bench: $(VENV)/.installed $(if $(BUNDLE),system-deps $(VENV)/.installed-dev)
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/run.py $(if $(BUNDLE),--bundle) $(BENCH_ARGS)

# The Windows setup built and tested under Wine, and the .deb for glibc 2.31 systems built in a Debian 11 root
# (both as root; not part of `make test`: .ci/run runs them after the suite). See installer/README.md.
installer-windows: $(VENV)/.installed-dev
	installer/windows/test-under-wine.sh

installer-oldglibc:
	installer/linux/build-oldglibc.sh

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check app tests

clean:
	rm -rf build dist .pytest_cache
