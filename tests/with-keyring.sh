#!/usr/bin/env bash
# Runs a command inside a throwaway D-Bus session with an unlocked gnome-keyring
# Secret Service, so keychain tests never touch a user's real keyring.
#   tests/with-keyring.sh npm test
# WARIFU_KEYRING_PASSWORD sets the keyring's password (default: a throwaway one).
# Needs Debian's dbus, gnome-keyring (and libsecret-tools for secret-tool).
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: tests/with-keyring.sh <command> [args...]" >&2
  exit 2
fi
if [ -n "${WARIFU_IN_KEYRING_SESSION:-}" ]; then
  exec "$@"
fi
missing=""
for tool in dbus-run-session gnome-keyring-daemon dbus-send; do
  command -v "$tool" >/dev/null || missing="$missing $tool"
done
if [ "$(uname -s)" != "Linux" ] || [ -n "$missing" ]; then
  # macOS/Windows use their own keychain; a Linux box without the tools runs
  # the keychain tests skipped (and CI, which has them, never gets here).
  echo "with-keyring: no throwaway Secret Service here (missing:${missing:- not Linux}); running without it" >&2
  exec "$@"
fi

if [ -z "${WARIFU_IN_KEYRING_INNER:-}" ]; then
  # XDG dirs must exist before dbus-run-session so the daemon's socket and
  # keyring files land in the throwaway place, not the user's home.
  scratch=$(mktemp -d /tmp/warifu-keyring.XXXXXX)
  trap 'rm -rf "$scratch"' EXIT
  mkdir -m 700 "$scratch/runtime" "$scratch/data"
  export XDG_RUNTIME_DIR="$scratch/runtime" XDG_DATA_HOME="$scratch/data"
  export WARIFU_IN_KEYRING_INNER=1
  # As root without CAP_SYS_RESOURCE (containers, CI), dbus-daemon cannot raise its
  # fd limit to 65536 and says so on every start ("Failed to set fd limit"); a
  # throwaway session bus needs no such limit, so that one line is dropped from the
  # daemon's own stderr (never the tests'). Other daemon messages pass through.
  cat >"$scratch/dbus-daemon" <<'WRAPPER'
#!/usr/bin/env bash
# The filter must not hold the pipe dbus-run-session reads the bus address from
# (it waits for that pipe's end), so it closes every inherited fd above stderr.
drop_fd_limit_line() {
  local fd
  for fd in /proc/$BASHPID/fd/*; do
    fd=${fd##*/}
    if [ "$fd" -gt 2 ]; then eval "exec $fd>&-"; fi
  done
  exec grep --line-buffered -v 'Failed to set fd limit' >&2
}
exec dbus-daemon "$@" 2> >(drop_fd_limit_line)
WRAPPER
  chmod 700 "$scratch/dbus-daemon"
  # No display inside: a keyring prompt would otherwise hang invisibly.
  status=0
  env -u DISPLAY -u WAYLAND_DISPLAY dbus-run-session --dbus-daemon="$scratch/dbus-daemon" -- "$0" "$@" || status=$?
  exit "$status"
fi

password="${WARIFU_KEYRING_PASSWORD:-warifu-test-keyring}"
printf '%s' "$password" | gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1 &
daemon=$!
trap 'kill "$daemon" 2>/dev/null || true' EXIT

for _ in $(seq 1 100); do
  if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.GetNameOwner string:org.freedesktop.secrets >/dev/null 2>&1; then
    break
  fi
  kill -0 "$daemon" 2>/dev/null || { echo "with-keyring: gnome-keyring-daemon exited early" >&2; exit 1; }
  sleep 0.1
done
dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
  org.freedesktop.DBus.GetNameOwner string:org.freedesktop.secrets >/dev/null 2>&1 \
  || { echo "with-keyring: the Secret Service did not come up" >&2; exit 1; }

export WARIFU_IN_KEYRING_SESSION=1
unset WARIFU_IN_KEYRING_INNER
status=0
"$@" || status=$?
exit "$status"
