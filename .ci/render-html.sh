#!/usr/bin/env bash
# Renders `adreg report html` for a synthetic registry to PNG with headless Chromium, so that a developer can
# look at the page as a reader would. Not run by CI.
#
# Usage: .ci/render-html.sh [OUT_DIR]   (default: /tmp/adreg-html)
# Environment: ADREG (binary; default: build one with swift build), PATIENTS (default 600), AS_OF (default 2025-06-30),
#              SCRATCH (swift build --scratch-path; default .build), WIDTH/HEIGHT (window, default 1200x6500: the whole page).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-/tmp/adreg-html}
patients=${PATIENTS:-600}
as_of=${AS_OF:-2025-06-30}
width=${WIDTH:-1200}
height=${HEIGHT:-6500}

if [[ -z "${ADREG:-}" ]]; then
  scratch=${SCRATCH:-$root/.build}
  swift build --package-path "$root" --scratch-path "$scratch" >&2
  ADREG="$(swift build --package-path "$root" --scratch-path "$scratch" --show-bin-path)/adreg"
fi

browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [[ -z "$browser" ]]; then
  echo "render-html: no chromium found; install it (Debian: apt-get install -y chromium)" >&2
  exit 1
fi

rm -rf "$out"
mkdir -p "$out"
export ADREG_DB="$out/registry.sqlite" ADREG_USER=render

adreg() { "$ADREG" "$@" --as-of "$as_of"; }

adreg init --site main >/dev/null
adreg synth --patients "$patients" --seed 7 --out "$out/synth" >/dev/null
adreg import patients "$out/synth/patients.csv" >/dev/null
adreg import cases "$out/synth/cases.csv" >/dev/null

# A user-imported reference with a long, hostile name: it must be escaped, truncated in the chart and given in
# full in the notes.
cat >"$out/extra-references.csv" <<'CSV'
source,population,arm,category,percent_low,percent_high,patients,weeks,citation,provenance
"<script>alert(1)</script> A very long registry name: Nordic multicentre real-world dupilumab cohort, 2018–2023",adults,dupilumab,psoriasiform,1,4,812,104,"imported for the rendering check","Made up for the rendering check; <b>not</b> a real source & never to be cited."
CSV
adreg reference import "$out/extra-references.csv" >/dev/null

adreg report html --out "$out/report.html"
"$browser" --headless --disable-gpu --no-sandbox --hide-scrollbars --screenshot="$out/report.png" \
  --window-size="$width,$height" "file://$out/report.html" 2>/dev/null

# The empty registry's page, for comparison.
ADREG_DB="$out/empty.sqlite" adreg init >/dev/null
ADREG_DB="$out/empty.sqlite" adreg report html --out "$out/empty.html"
"$browser" --headless --disable-gpu --no-sandbox --hide-scrollbars --screenshot="$out/empty.png" \
  --window-size="$width,1000" "file://$out/empty.html" 2>/dev/null

echo "$out/report.png"
echo "$out/empty.png"
