#!/usr/bin/env bash
# Renders report.html in headless Chromium and fails unless it renders cleanly.
#
# usage: scripts/check-report.sh REPORT.html OUT.png [WIDTHxHEIGHT] [FRAGMENT]
#
#   REPORT.html   the report to check (e.g. Outputs/report.html)
#   OUT.png       where to write the screenshot
#   WIDTHxHEIGHT  window size of the screenshot (default 1280x900: the first screen)
#   FRAGMENT      the id of one section to photograph on its own, e.g. coverage
#                 (headless Chromium does not paint a page scrolled to an anchor, so
#                 the screenshot is taken of a copy that hides the other sections)
#
# It fails (exit 1) when
#   - the page logs anything to the console (script errors and the like), or
#   - the page requests anything from the network (the network is cut off, and
#     Chromium's net log shows every request the page makes), or
#   - the rendered DOM has no SVG chart with drawn shapes, or
#   - Chromium cannot render the page or the screenshot is not written.
#
# Chromium (Debian package `chromium`) is installed with apt-get when it is absent and
# the script runs as root; set CHECK_REPORT_NO_INSTALL=1 to forbid that. Set CHROMIUM
# to use another binary. Safe as root in CI: --no-sandbox, a throw-away profile, timeouts.
set -euo pipefail

die() { echo "check-report: $*" >&2; exit 1; }

[[ $# -ge 2 && $# -le 4 ]] || { sed -n '4,12p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 64; }
report=$1
png=$2
size=${3:-1280x900}
fragment=${4:-}
[[ -f $report ]] || die "$report: no such file"
[[ $size =~ ^[0-9]+x[0-9]+$ ]] || die "window size must be WIDTHxHEIGHT, not $size"

find_chromium() {
    if [[ -n ${CHROMIUM:-} ]]; then command -v "$CHROMIUM" && return; fi
    command -v chromium || command -v chromium-browser || command -v google-chrome || return 1
}

if ! browser=$(find_chromium); then
    if [[ ${CHECK_REPORT_NO_INSTALL:-0} != 1 && $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
        echo "check-report: installing chromium with apt-get" >&2
        apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=600 chromium fonts-dejavu-core >&2
        browser=$(find_chromium) || die "chromium is still missing after apt-get install"
    else
        die "chromium not found: install the Debian package 'chromium' (or set CHROMIUM)"
    fi
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/check-report.XXXXXX")
trap 'rm -rf "$work"' EXIT
url="file://$(cd "$(dirname "$report")" && pwd)/$(basename "$report")"
shot_url=$url
if [[ -n $fragment ]]; then
    [[ $fragment =~ ^[A-Za-z][A-Za-z0-9_-]*$ ]] || die "fragment must be a section id, not $fragment"
    grep -q "<section id=\"$fragment\"" "$report" || die "$report has no section with id $fragment"
    style="<style>header.page, footer, main > section:not(#$fragment) { display: none !important; }</style>"
    sed "s|</head>|$style</head>|" "$report" >"$work/section.html"
    shot_url="file://$work/section.html"
fi

run_chromium() {
    # A fresh profile per call, no network at all (every host unresolvable, a dead proxy),
    # and console messages logged to stderr so they can be checked.
    local profile
    profile=$(mktemp -d "$work/profile.XXXXXX")
    timeout --kill-after=10 90 "$browser" \
        --headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage \
        --user-data-dir="$profile" --no-first-run --no-default-browser-check \
        --disable-extensions --disable-background-networking --disable-sync \
        --disable-component-update --disable-default-apps --mute-audio \
        --host-resolver-rules="MAP * ~NOTFOUND" --proxy-server="127.0.0.1:9" \
        --enable-logging=stderr --v=0 --hide-scrollbars --force-device-scale-factor=1 \
        --run-all-compositor-stages-before-draw \
        --virtual-time-budget=5000 "$@"
}

# 1. The DOM as rendered, and what the page said on the console while rendering it.
run_chromium --log-net-log="$work/net.json" --dump-dom "$url" >"$work/dom.html" 2>"$work/dom.log" || {
    cat "$work/dom.log" >&2
    die "chromium failed to render $report"
}
if grep -E 'CONSOLE|Uncaught|net::ERR_' "$work/dom.log" >"$work/console.log"; then
    cat "$work/console.log" >&2
    die "$report logs console errors (above)"
fi
# Requests made on behalf of the page carry its file:// isolation key; the browser's own
# background requests do not. Only file:, data: and blob: URLs may be loaded.
if grep '"network_isolation_key":"file://' "$work/net.json" | grep -oE '"url":"[^"]*"' \
        | grep -vE '"url":"(file|data|blob):' | sort -u >"$work/requests.log" && [[ -s $work/requests.log ]]; then
    cat "$work/requests.log" >&2
    die "$report requests resources from the network (above)"
fi

# 2. Rendered charts: SVG elements with drawn shapes inside.
charts=$( (grep -o '<svg[^>]*class="chart"' "$work/dom.html" || true) | wc -l)
shapes=$( (grep -oE '<(rect|path|circle|line|polyline|polygon)[ >]' "$work/dom.html" || true) | wc -l)
[[ $charts -ge 1 ]] || die "$report has no rendered SVG chart (no <svg class=\"chart\"> in the DOM)"
[[ $shapes -ge 1 ]] || die "$report has SVG charts but they draw nothing"

# 3. The screenshot.
rm -f "$png"
run_chromium --screenshot="$work/shot.png" --window-size="${size/x/,}" "$shot_url" >"$work/shot.log" 2>&1 || {
    cat "$work/shot.log" >&2
    die "chromium failed to take the screenshot"
}
[[ -s $work/shot.png ]] || die "chromium wrote no screenshot"
mkdir -p "$(dirname "$png")"
mv "$work/shot.png" "$png"
echo "check-report: $report renders: $charts charts, $shapes shapes, no console messages; screenshot $png ($size${fragment:+, #$fragment})"
