import os
import shutil
from pathlib import Path

import pytest

# Qt runs without a screen in tests; the GUI never opens a real window here.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "resources" / "samples"
SEED = SAMPLES / "seed-2020-yanchi.nianbao"
SAMPLE_2021 = SAMPLES / "sample-2025.nianbao"


@pytest.fixture
def seed_path(tmp_path) -> Path:
    """A writable copy of the seed sample (2020 report, 2019 format)."""
    return Path(shutil.copy(SEED, tmp_path / SEED.name))


@pytest.fixture
def sample2021_path(tmp_path) -> Path:
    """A writable copy of the invented 2021-format sample."""
    return Path(shutil.copy(SAMPLE_2021, tmp_path / SAMPLE_2021.name))
