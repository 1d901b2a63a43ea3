#!/bin/sh
# Put Creditdesk in this user's application menu and "Open with" lists (no root needed):
# the .desktop entry (pointing at this folder), the icons and the AppStream metadata under
# ~/.local/share. Run it again after moving the folder; uninstall with --remove.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
id=io.creditdesk.Creditdesk
if [ "${1:-}" = "--remove" ]; then
    rm -f "$data/applications/$id.desktop" "$data/metainfo/$id.metainfo.xml"
    rm -f "$data"/icons/hicolor/*/apps/$id.png "$data/icons/hicolor/scalable/apps/$id.svg"
    echo "Creditdesk removed from the application menu"
    exit 0
fi
mkdir -p "$data/applications" "$data/metainfo" "$data/icons/hicolor/scalable/apps"
sed -e "s|^Exec=Creditdesk|Exec=\"$here/Creditdesk\"|" -e "s|^TryExec=Creditdesk|TryExec=$here/Creditdesk|" \
    "$here/share/applications/$id.desktop" > "$data/applications/$id.desktop"
cp "$here/share/metainfo/$id.metainfo.xml" "$data/metainfo/"
for png in "$here"/share/icons/hicolor/*/apps/$id.png; do
    size=$(basename "$(dirname "$(dirname "$png")")")
    mkdir -p "$data/icons/hicolor/$size/apps"
    cp "$png" "$data/icons/hicolor/$size/apps/"
done
cp "$here/share/icons/hicolor/scalable/apps/$id.svg" "$data/icons/hicolor/scalable/apps/"
command -v update-desktop-database >/dev/null && update-desktop-database "$data/applications" || true
echo "Creditdesk added to the application menu ($data/applications/$id.desktop)"
