"""年报助手 (nianbao): fill, check and export the annual report on government information disclosure.

The core (formats, draft, storage, checks, export, cli) never imports Qt; `app.gui` is a thin layer over it.
"""

__version__ = "0.1.0"
APP_NAME = "年报助手"
