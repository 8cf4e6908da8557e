#!/bin/sh
# Remove Protocol Desk installed from the .pkg (macOS has no uninstaller for packages):
#   sudo sh uninstall.sh            keeps the site file in /Library/Application Support/Protocol Desk
#   sudo sh uninstall.sh --purge    removes it too
# Each user's own data (~/Library/Application Support/protocol-desk) is left alone.
set -eu
rm -rf "/Applications/Protocol Desk.app"
pkgutil --forget org.protocoldesk.protocol-desk >/dev/null 2>&1 || true
if [ "${1:-}" = "--purge" ]; then
  rm -rf "/Library/Application Support/Protocol Desk"
fi
