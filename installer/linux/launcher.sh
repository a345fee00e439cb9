#!/bin/sh
# 年报助手: the program itself lives in /opt/nianbao (a PyInstaller bundle).
exec /opt/nianbao/nianbao "$@"
