#!/usr/bin/env bash
# Creates the Debian bookworm base image without a registry: debootstrap a minimal root, then
# `docker import` it. Usage: make-base-image.sh <image:tag>. Idempotent: exits at once when the
# image exists (stack/images/build.ts names the tag after this script's hash, so a change to the
# script makes a new base). Needs root, debootstrap and a running engine.
set -euo pipefail
image="${1:?usage: make-base-image.sh <image:tag>}"
mirror="${ONYX_DEBIAN_MIRROR:-http://deb.debian.org/debian}"

if docker image inspect "$image" >/dev/null 2>&1; then
  echo "[base-image] $image exists"
  exit 0
fi
command -v debootstrap >/dev/null || { echo "[base-image] debootstrap is missing: run stack/engine/bootstrap-docker.sh (it installs it)" >&2; exit 1; }

root=$(mktemp -d /var/tmp/onyx-base.XXXXXX)
trap 'rm -rf "$root"' EXIT
echo "[base-image] no registry: building $image with debootstrap (bookworm, minbase; about a minute)"
debootstrap --variant=minbase --include=ca-certificates bookworm "$root" "$mirror" 2>&1 \
  | awk '/^I: (Retrieving|Validating|Extracting|Installing|Configuring) /{n++; if (n % 40 == 0) print "[base-image] " $0; next} /^(I: Base system installed|E:|W:)/{print "[base-image] " $0}'
# Keep the image small and make apt inside `docker build` quiet and non-interactive.
rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
printf 'APT::Install-Recommends "false";\nAPT::Install-Suggests "false";\n' >"$root/etc/apt/apt.conf.d/99onyx-no-recommends"
# Every image built on this base installs no docs, man pages or translations.
printf 'path-exclude=/usr/share/doc/*\npath-include=/usr/share/doc/*/copyright\npath-exclude=/usr/share/man/*\npath-exclude=/usr/share/locale/*\n' \
  >"$root/etc/dpkg/dpkg.cfg.d/01-onyx-nodoc"
tar -C "$root" -c . | docker import --change 'ENV DEBIAN_FRONTEND=noninteractive' \
  --change 'ENV LANG=C.UTF-8' --change 'CMD ["bash"]' - "$image" >/dev/null
echo "[base-image] imported $image ($(docker image inspect -f '{{.Size}}' "$image" | awk '{printf "%.0f MB", $1/1e6}'))"
