#!/usr/bin/env bash
# `make deb-check` (CI, as root): install the built .deb with apt, check it, upgrade it over itself
# with an edited site file, remove and purge it, and prove nothing of it is left outside the user's
# own data. Needs apt, desktop-file-utils, xvfb and x11-utils (xwininfo).
set -euo pipefail
cd "$(dirname "$0")/../.."
APP_ID=protocol-desk
DEB=$(ls -t dist/${APP_ID}_*.deb | head -n1)
WORK=build/deb-check
SITE=/etc/$APP_ID/site.toml
export DEBIAN_FRONTEND=noninteractive
APT=(apt-get -y -q -o Dpkg::Use-Pty=0)

fail() { echo "deb-check: FAILED: $*" >&2; exit 1; }
step() { echo "deb-check: $*"; }
[ "$(id -u)" = 0 ] || fail "run as root (it installs and removes a package)"
if dpkg-query -W -f='${Status}' "$APP_ID" 2>/dev/null | grep -q installed; then
  fail "$APP_ID is already installed; remove it first"
fi
rm -rf "$WORK" && mkdir -p "$WORK"
# The user's own data for this check lives here, so what the app writes is known and kept apart.
export PROTOCOL_DESK_HOME=$WORK/home QT_QPA_PLATFORM=offscreen

step "install $DEB"
"${APT[@]}" install "./$DEB" >"$WORK/install.log"
dpkg-query -L "$APP_ID" | sort >"$WORK/owned.txt"
[ "$(command -v $APP_ID)" = "/usr/bin/$APP_ID" ] || fail "$APP_ID is not on the PATH"
[ -f /opt/$APP_ID/_internal/THIRD-PARTY-LICENSES ] || fail "no licence inventory installed"

step "self-test of the installed copy"
$APP_ID self-test --installed --report "$WORK/self-test.json" || fail "self-test (see $WORK/self-test.txt)"
dpkg --verify "$APP_ID" || fail "dpkg --verify found changed files"

step "desktop entry and window class"
desktop-file-validate /usr/share/applications/$APP_ID.desktop || fail "desktop-file-validate"
wanted_class=$(sed -n 's/^StartupWMClass=//p' /usr/share/applications/$APP_ID.desktop)
launcher=$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' /usr/share/applications/$APP_ID.desktop)
# Start the launcher the desktop entry names under a virtual X server; read the window's WM_CLASS.
QT_QPA_PLATFORM=xcb xvfb-run -a sh -c "$launcher & pid=\$!; for i in \$(seq 60); do
    xwininfo -root -tree | grep -q '\"$wanted_class\"' && break; sleep 0.5; done
  xwininfo -root -tree > '$WORK/windows.txt'; kill \$pid" || true
grep -q "(\"$wanted_class\" \"Protocol Desk\")" "$WORK/windows.txt" \
  || fail "no window with WM_CLASS \"$wanted_class\" (see $WORK/windows.txt)"
[ -f "/usr/share/icons/hicolor/256x256/apps/$APP_ID.png" ] || fail "icon missing"

step "upgrade over itself, with the site file edited"
printf '\n[placeholders]\nclinic_name = "Deb check clinic"\n' >>"$SITE"
edited=$(sha256sum "$SITE")
mkdir -p "$WORK/next"
dpkg-deb -R "$DEB" "$WORK/next/root"
version=$(dpkg-deb -f "$DEB" Version)
sed -i "s/^Version: .*/Version: ${version}+check1/" "$WORK/next/root/DEBIAN/control"
dpkg-deb --root-owner-group -Zgzip --build "$WORK/next/root" "$WORK/next/${APP_ID}_next.deb" >/dev/null
"${APT[@]}" install "./$WORK/next/${APP_ID}_next.deb" >"$WORK/upgrade.log"
[ "$(dpkg-query -W -f='${Version}' $APP_ID)" = "${version}+check1" ] || fail "upgrade did not happen"
[ "$(sha256sum "$SITE")" = "$edited" ] || fail "the upgrade overwrote the site's edits to $SITE"
$APP_ID config --json | grep -q '"Deb check clinic"' || fail "the edited site file is not in effect"
$APP_ID self-test --installed --report "$WORK/self-test-upgraded.json" || fail "self-test after upgrade"

step "remove, then purge"
"${APT[@]}" remove "$APP_ID" >"$WORK/remove.log"
[ -f "$SITE" ] || fail "remove (not purge) should keep the site's configuration"
if [ -e /opt/$APP_ID ]; then fail "/opt/$APP_ID is left after removal"; fi
"${APT[@]}" purge "$APP_ID" >"$WORK/purge.log"
left=()
while IFS= read -r path; do
  # Folders shared with other packages (/usr/share/icons/...) stay; anything of ours must be gone.
  if [ -d "$path" ] && [ ! -L "$path" ]; then
    # a folder shared with other packages (/usr/share/icons/...) or holding their files stays
    if dpkg-query -S "$path" >/dev/null 2>&1 || [ -n "$(ls -A "$path")" ]; then continue; fi
  fi
  if [ -e "$path" ] || [ -L "$path" ]; then left+=("$path"); fi
done <"$WORK/owned.txt"
for path in /opt/$APP_ID /etc/$APP_ID /usr/share/doc/$APP_ID; do
  if [ -e "$path" ]; then left+=("$path"); fi
done
[ ${#left[@]} -eq 0 ] || fail "left after purge: ${left[*]}"
step "PASSED (install, self-test, desktop entry, window class, upgrade keeping the site file, removal)"
