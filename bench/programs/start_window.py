"""年报助手 started as `nianbao FILE` starts it, ending as soon as the window is shown and idle.

Usage: python bench/programs/start_window.py FILE
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from idle_exit import exit_when_idle_once_started  # noqa: E402

exit_when_idle_once_started()

from app.cli import main  # noqa: E402

sys.exit(main(["gui", *sys.argv[1:]]))
