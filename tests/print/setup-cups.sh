#!/usr/bin/env bash
# A real print system for tests/print: CUPS with a cups-pdf queue whose "paper" is a PDF file.
# Installs the Debian packages when missing (CI runs as root on a fresh machine), starts cupsd when it
# is not answering, and adds the queue. Safe to run again. Prints the folder where cups-pdf writes.
set -euo pipefail
QUEUE="${PROTOCOL_DESK_TEST_PRINTER:-ProtocolDeskPDF}"
OUT_DIR="${PROTOCOL_DESK_CUPS_PDF_OUT:-/var/spool/cups-pdf/protocol-desk}"
CONF=/etc/cups/cups-pdf.conf

if ! command -v lpadmin >/dev/null || ! command -v pdftoppm >/dev/null || [ ! -x /usr/lib/cups/backend/cups-pdf ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends cups cups-bsd cups-client printer-driver-cups-pdf \
        poppler-utils >/dev/null
fi

# One output folder for every user (root's jobs may otherwise go to /root/PDF or the anonymous folder).
mkdir -p "$OUT_DIR"
chmod 1777 "$OUT_DIR"
sed -i -E "s|^#?Out .*|Out ${OUT_DIR}|; s|^#?AnonDirName .*|AnonDirName ${OUT_DIR}|" "$CONF"
grep -q "^Out ${OUT_DIR}$" "$CONF" || echo "Out ${OUT_DIR}" >>"$CONF"
grep -q "^AnonDirName ${OUT_DIR}$" "$CONF" || echo "AnonDirName ${OUT_DIR}" >>"$CONF"

if ! lpstat -r 2>/dev/null | grep -q "is running"; then
    mkdir -p /run/cups
    /usr/sbin/cupsd
    for _ in $(seq 50); do lpstat -r 2>/dev/null | grep -q "is running" && break; sleep 0.2; done
fi
lpstat -r | grep -q "is running"

PPD=$(find /usr/share/ppd/cups-pdf -name 'CUPS-PDF_opt.ppd' | head -n 1)
if ! lpstat -p "$QUEUE" >/dev/null 2>&1; then
    lpadmin -p "$QUEUE" -E -v cups-pdf:/ -P "$PPD"
fi
# cups-filters turns the PDF into PostScript for cups-pdf; poppler's pdftocairo keeps the text
# extractable (the default renderers turn fonts into unnamed glyphs, which pypdf cannot read back).
lpadmin -p "$QUEUE" -o pdftops-renderer-default=pdftocairo
cancel -a "$QUEUE" 2>/dev/null || true
cupsenable "$QUEUE"
cupsaccept "$QUEUE"
echo "$OUT_DIR"
