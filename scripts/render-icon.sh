#!/bin/sh
# Renders the Marketplace icon media/icon.png (128×128) from media/icon.svg.
# Needs rsvg-convert (Debian: apt-get install librsvg2-bin). The PNG is committed, so packaging does not.
set -eu
cd "$(dirname "$0")/.."
rsvg-convert --width 128 --height 128 --format png --output media/icon.png media/icon.svg
