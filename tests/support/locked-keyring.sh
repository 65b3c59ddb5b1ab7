#!/usr/bin/env bash
# Runs a command against a LOCKED gnome-keyring: the login collection is made
# with one password, then the daemon is restarted with a wrong one.
#   tests/support/locked-keyring.sh <command> [args...]
set -euo pipefail
if [ -z "${WARIFU_LOCKED_INNER:-}" ]; then
  scratch=$(mktemp -d /tmp/warifu-locked.XXXXXX)
  # The unlock prompter and accessibility bus it may start outlive the session:
  # end every process that still runs with this throwaway runtime dir.
  cleanup() {
    for proc in /proc/[0-9]*; do
      if grep -qzs "XDG_RUNTIME_DIR=$scratch/runtime" "$proc/environ" 2>/dev/null; then
        kill "${proc#/proc/}" 2>/dev/null || true
      fi
    done
    rm -rf "$scratch"
  }
  trap cleanup EXIT
  mkdir -m 700 "$scratch/runtime" "$scratch/data"
  export XDG_RUNTIME_DIR="$scratch/runtime" XDG_DATA_HOME="$scratch/data" WARIFU_LOCKED_INNER=1
  status=0
  if [ -n "${WARIFU_LOCKED_KEEP_DISPLAY:-}" ]; then
    dbus-run-session -- "$0" "$@" || status=$?
  else
    env -u DISPLAY -u WAYLAND_DISPLAY dbus-run-session -- "$0" "$@" || status=$?
  fi
  exit "$status"
fi

wait_for_service() {
  for _ in $(seq 1 100); do
    dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
      org.freedesktop.DBus.GetNameOwner string:org.freedesktop.secrets >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "locked-keyring: the Secret Service did not come up" >&2
  return 1
}

printf 'right-password' | gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1 &
daemon=$!
wait_for_service
# Make the login collection exist on disk with an item in it.
printf 'x' | secret-tool store --label=seed service warifu-locked-seed account seed
kill "$daemon"; wait "$daemon" 2>/dev/null || true
# A D-Bus name can outlive the process briefly; wait until it is released.
for _ in $(seq 1 50); do
  dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.GetNameOwner string:org.freedesktop.secrets >/dev/null 2>&1 || break
  sleep 0.1
done

printf 'wrong-password' | gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1 &
daemon=$!
trap 'kill "$daemon" 2>/dev/null || true' EXIT
wait_for_service
status=0
"$@" || status=$?
exit "$status"
