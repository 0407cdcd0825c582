#!/usr/bin/env bash
# Development path: turns a checkout into a local add-on the Supervisor builds on the device itself.
#   addon/make-local.sh /addons/ha_ingestor     (on Home Assistant OS: the "addons" share of the Samba add-on)
# The Supervisor's build context is the add-on's folder, so this copies the add-on files and the sources the
# Dockerfile needs into one folder, and drops `image:` from config.yaml so the Supervisor builds instead of pulls.
# Then: Settings > Add-ons > Add-on Store > ⋮ > Check for updates; "HA Ingestor" appears under Local add-ons.
set -euo pipefail
target=${1:?usage: addon/make-local.sh TARGET_FOLDER}
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$target"
rm -rf "$target/core" "$target/simulator" "$target/connector"
cp "$root"/addon/{build.yaml,DOCS.md,icon.png,logo.png,Dockerfile} "$target/"
cp -r "$root/addon/translations" "$target/"
cp "$root"/{Directory.Build.props,Directory.Build.targets,Directory.Packages.props,BannedSymbols.txt,.editorconfig} "$target/"
for project in core simulator connector; do
  (cd "$root" && tar --exclude=bin --exclude=obj -cf - "$project") | (cd "$target" && tar -xf -)
done
grep -v '^image:' "$root/addon/config.yaml" >"$target/config.yaml"
echo "local add-on ready in $target"
