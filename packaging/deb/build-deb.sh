#!/usr/bin/env bash
# `make deb`: a Debian package of the frozen folder (dist/protocol-desk, from `make dist`), with the
# standard tools: dpkg-shlibdeps works out Depends for the system libraries the bundle does not
# carry, dpkg-gencontrol writes the control file, dpkg-deb builds, lintian checks.
#
#   /opt/protocol-desk/                      the frozen folder, unchanged (its manifest still matches)
#   /usr/bin/protocol-desk, protocol-desk-gui  links into it
#   /usr/share/applications/, /usr/share/icons/hicolor/*/apps/   desktop entry and icons
#   /etc/protocol-desk/site.toml             example site configuration (a conffile: edits survive upgrades)
#   /usr/share/doc/protocol-desk/            copyright, changelog, deploy guide, SBOM, licence inventory
set -euo pipefail
cd "$(dirname "$0")/../.."
HERE=packaging/deb
APP_ID=protocol-desk
APP_VERSION=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' app/__init__.py)
# PEP 440 pre-releases (1.2.0rc1) sort before the release in Debian only with a tilde (1.2.0~rc1).
VERSION=$(printf '%s' "$APP_VERSION" | sed -E 's/([0-9])(a|b|rc|dev)([0-9]*)$/\1~\2\3/')
FROZEN=dist/$APP_ID
SBOM=dist/$APP_ID-$APP_VERSION.cdx.json
ARCH=$(dpkg --print-architecture)
OUT=dist/${APP_ID}_${VERSION}_${ARCH}.deb
WORK=build/deb
PKG=$WORK/debian/$APP_ID

for need in "$FROZEN/$APP_ID" "$SBOM"; do
  [ -e "$need" ] || { echo "make deb: $need is missing; run make dist first" >&2; exit 1; }
done
rm -rf "$WORK" "$OUT"
mkdir -p "$PKG/DEBIAN" "$PKG/opt"

# The frozen folder, as built; files group- or world-writable in a wheel would be a lintian error.
cp -a "$FROZEN" "$PKG/opt/$APP_ID"
chmod -R u+rwX,go+rX,go-w "$PKG/opt/$APP_ID"
find "$PKG/opt/$APP_ID/_internal" -type f -name '*.so*' -exec chmod 644 {} +  # libraries are not programs
install -d "$PKG/usr/bin"
ln -s "/opt/$APP_ID/$APP_ID" "$PKG/usr/bin/$APP_ID"
ln -s "/opt/$APP_ID/$APP_ID-gui" "$PKG/usr/bin/$APP_ID-gui"
install -Dm644 resources/$APP_ID.desktop "$PKG/usr/share/applications/$APP_ID.desktop"
for icon in resources/icons/$APP_ID-*.png; do
  size=$(basename "$icon" .png); size=${size##*-}
  install -Dm644 "$icon" "$PKG/usr/share/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
done
install -Dm644 packaging/site.toml "$PKG/etc/$APP_ID/site.toml"
printf '/etc/%s/site.toml\n' "$APP_ID" > "$PKG/DEBIAN/conffiles"

DOC=$PKG/usr/share/doc/$APP_ID
install -Dm644 "$HERE/copyright" "$DOC/copyright"
install -Dm644 "$SBOM" "$DOC/sbom.cdx.json"
gzip -9n -c docs/deploy.md > "$DOC/deploy.md.gz"
ln -s "/opt/$APP_ID/_internal/THIRD-PARTY-LICENSES" "$DOC/THIRD-PARTY-LICENSES"
install -Dm644 "$HERE/lintian-overrides" "$PKG/usr/share/lintian/overrides/$APP_ID"

# dpkg-gencontrol and dpkg-shlibdeps read debian/control and debian/changelog, as in a source package.
sed "s/@ARCH@/$ARCH/" "$HERE/control.in" > "$WORK/debian/control"
DATE=$(date -R -d "@${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}")
cat > "$WORK/debian/changelog" <<CHANGES
$APP_ID ($VERSION) stable; urgency=medium

  * Protocol Desk $APP_VERSION, built from the frozen PyInstaller folder.

 -- Protocol Desk maintainers <maintainers@protocoldesk.invalid>  $DATE
CHANGES
gzip -9n -c "$WORK/debian/changelog" > "$DOC/changelog.gz"

# Depends: every ELF file's needed libraries that the bundle does not carry itself. Libraries found
# inside the bundle (the -l folders, and $ORIGIN run paths) are private and need no dependency.
elves=()
while IFS= read -r -d '' candidate; do
  [ "$(head -c4 "$candidate" | od -An -tx1 | tr -d ' \n')" = 7f454c46 ] && elves+=("$candidate")
done < <(find "$PKG/opt" -type f -print0)
# -l takes folders as installed (/opt/...): dpkg-shlibdeps looks for them inside the package first.
mapfile -t libdirs < <(find "$PKG/opt/$APP_ID/_internal" -name '*.so*' -type f -printf '%h\n' | sort -u)
libdirs=("${libdirs[@]#$PKG}")
(
  cd "$WORK"
  dpkg-shlibdeps -T"debian/$APP_ID.substvars" $(printf -- '-l%s ' "${libdirs[@]}") \
    --ignore-missing-info -e "${elves[@]#$WORK/}" 2> >(grep -v 'is not used by\|useless dependency\|found in none of the libraries\|^$' >&2 || true)
  dpkg-gencontrol -p"$APP_ID" -P"debian/$APP_ID" -T"debian/$APP_ID.substvars" -v"$VERSION"
)
echo "make deb: building $OUT"
# xz: the smallest package (DEB_COMPRESSION=gzip builds faster while working on this script).
dpkg-deb --root-owner-group -Z"${DEB_COMPRESSION:-xz}" --build "$PKG" "$OUT" >/dev/null
echo "$OUT: $(du -h "$OUT" | cut -f1)"
dpkg-deb -f "$OUT" Depends
# Errors fail the build; warnings are shown.
echo "make deb: lintian"
lintian --fail-on error "$OUT"
