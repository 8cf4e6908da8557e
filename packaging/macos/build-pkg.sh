#!/usr/bin/env bash
# macOS installer package (.pkg) of the frozen app bundle, for `sudo installer -pkg ... -target /`
# and MDM tools (Jamf, Intune, Kandji). Run on a Mac after `make dist` (dist/Protocol Desk.app).
#
#   packaging/macos/build-pkg.sh            -> dist/protocol-desk-VERSION.pkg (unsigned)
#   APP_IDENTITY="Developer ID Application: ..." INSTALLER_IDENTITY="Developer ID Installer: ..." \
#   NOTARY_PROFILE=notary packaging/macos/build-pkg.sh      -> signed, notarised and stapled
#
# NOTARY_PROFILE names credentials stored with `xcrun notarytool store-credentials`. Built only by
# .github/workflows/installers.yml on a macOS runner (unsigned); see docs/deploy.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
VERSION=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' app/__init__.py)
APP="dist/Protocol Desk.app"
IDENTIFIER=org.protocoldesk.protocol-desk
OUT=dist/protocol-desk-$VERSION.pkg
WORK=build/macos-pkg
[ -d "$APP" ] || { echo "build-pkg: $APP is missing; run make dist on this Mac first" >&2; exit 1; }
rm -rf "$WORK" "$OUT" && mkdir -p "$WORK/root" "$WORK/scripts"
ditto "$APP" "$WORK/root/Protocol Desk.app"
if [ -n "${APP_IDENTITY:-}" ]; then
  # Hardened runtime and a secure timestamp: both are required for notarisation.
  codesign --force --deep --options runtime --timestamp --sign "$APP_IDENTITY" "$WORK/root/Protocol Desk.app"
  codesign --verify --deep --strict "$WORK/root/Protocol Desk.app"
fi
install -m 755 packaging/macos/scripts/postinstall "$WORK/scripts/postinstall"
install -m 644 packaging/site.toml "$WORK/scripts/site.toml"
pkgbuild --root "$WORK/root" --install-location /Applications --identifier "$IDENTIFIER" \
  --version "$VERSION" --scripts "$WORK/scripts" "$WORK/component.pkg"
sign=()
[ -n "${INSTALLER_IDENTITY:-}" ] && sign=(--sign "$INSTALLER_IDENTITY")
productbuild --package "$WORK/component.pkg" "${sign[@]}" "$OUT"
if [ -n "${NOTARY_PROFILE:-}" ]; then
  xcrun notarytool submit "$OUT" --keychain-profile "$NOTARY_PROFILE" --wait
  xcrun stapler staple "$OUT"
fi
echo "$OUT"
