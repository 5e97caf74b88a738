#!/bin/sh
# Usage: apt-ensure.sh COMMAND:PACKAGE ...
# Installs PACKAGE with apt-get unless COMMAND is already on the PATH (or /usr/sbin, /sbin).
# COMMAND may be an absolute path instead, for a package without a command (bash-completion): the
# package is installed unless that file exists.
# Quick when everything is there, so every make target can call it.
# APT_ENSURE_OPTS: extra apt-get install options (e.g. --no-install-recommends).
set -e
missing=""
for pair in "$@"; do
  cmd=${pair%%:*}; pkg=${pair#*:}
  case $cmd in
    /*) [ -e "$cmd" ] || missing="$missing $pkg" ;;
    *) PATH="$PATH:/usr/sbin:/sbin" command -v "$cmd" >/dev/null 2>&1 || missing="$missing $pkg" ;;
  esac
done
[ -z "$missing" ] && exit 0
echo "installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq $APT_ENSURE_OPTS $missing >/dev/null
