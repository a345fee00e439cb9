"""Only one thing pyproject.toml cannot say: a built wheel carries the top-level resources/ folder as app/resources.

app/paths.py looks for resources/ next to the app package first (source checkout, editable install) and then for
app/resources (an installed wheel); the frozen bundle has its own copy (installer/nianbao.spec).
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


class BuildPyWithResources(build_py):
    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install runs from the checkout, where resources/ is found directly
        src = HERE / "resources"
        if src.is_dir():
            shutil.copytree(src, Path(self.build_lib) / "app" / "resources", dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))


setup(cmdclass={"build_py": BuildPyWithResources})
