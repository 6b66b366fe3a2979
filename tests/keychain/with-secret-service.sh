#!/bin/sh
# Runs "$@" in a private D-Bus session with an unlocked gnome-keyring (Secret Service) whose
# keyring files live in a temporary home, so tests never touch the user's own keyring and work
# whether or not the caller already runs inside a D-Bus session.
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir -p "$tmp/data" "$tmp/runtime"
chmod 700 "$tmp/runtime"
HOME="$tmp" XDG_DATA_HOME="$tmp/data" XDG_RUNTIME_DIR="$tmp/runtime" \
    dbus-run-session -- sh -c '
        printf %s mediadesk-test | gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1 &
        keyring=$!
        tries=0
        until dbus-send --session --print-reply --dest=org.freedesktop.DBus / org.freedesktop.DBus.NameHasOwner \
                  string:org.freedesktop.secrets 2>/dev/null | grep -q "boolean true"; do
            tries=$((tries + 1))
            if [ $tries -gt 100 ]; then echo "gnome-keyring-daemon did not start" >&2; kill $keyring; exit 1; fi
            sleep 0.1
        done
        status=0
        "$@" || status=$?
        kill $keyring 2>/dev/null || true
        wait $keyring 2>/dev/null || true
        exit $status' sh "$@"
