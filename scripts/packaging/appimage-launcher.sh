#!/bin/sh
# Stampede's AppImage starts here: scripts/packaging/after-pack.mjs puts this script in the
# executable's place and the executable beside it as <name>.bin. Chromium's sandbox needs user
# namespaces, and an AppImage cannot carry the setuid helper that stands in for them. Ubuntu 24.04+
# lets unconfined programs create a namespace but strips it of every right, so Electron aborts with a
# bare FATAL line (electron-builder's AppRun probe is fooled); where namespaces are off altogether,
# AppRun adds --no-sandbox. Either way: say why and what to do, and never run without the sandbox.
# The two *_FILE variables let the tests point at fake files.
restrict_file=${STAMPEDE_USERNS_RESTRICT_FILE:-/proc/sys/kernel/apparmor_restrict_unprivileged_userns}
label_file=${STAMPEDE_APPARMOR_LABEL_FILE:-/proc/self/attr/current}

first_line() { head -n 1 "$1" 2>/dev/null | tr -d '\000'; }

reason=''
if [ -n "${APPIMAGE:-}" ]; then
  label=$(first_line "$label_file")
  # The restriction is on unconfined programs: one under an AppArmor profile of its own is exempt.
  if [ "$(first_line "$restrict_file")" = 1 ] && { [ -z "$label" ] || [ "${label%% *}" = unconfined ]; }; then
    reason="Ubuntu 24.04 and later (kernel.apparmor_restrict_unprivileged_userns=1) keep AppImages from using the user namespaces that Chromium's sandbox needs."
  elif ! unshare -Ur true 2>/dev/null; then
    reason="This system does not allow the unprivileged user namespaces that Chromium's sandbox needs, and an AppImage cannot carry its setuid helper."
  fi
fi

if [ -n "$reason" ]; then
  message="Stampede cannot start from its AppImage here. $reason Stampede does not run without its sandbox.

Install the .deb from the same release instead (sudo apt install ./stampede_*_amd64.deb in the folder it is saved in): it brings the AppArmor profile and sandbox helper that make the sandbox work."
  printf '%s\n' "$message" >&2
  if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    # AppRun points LD_LIBRARY_PATH at the AppImage's libraries; the system's dialog tools need their own.
    if command -v zenity >/dev/null 2>&1; then
      LD_LIBRARY_PATH='' zenity --error --no-markup --title=Stampede --text="$message" 2>/dev/null
    elif command -v kdialog >/dev/null 2>&1; then
      LD_LIBRARY_PATH='' kdialog --title Stampede --error "$message" 2>/dev/null
    fi
  fi
  exit 1
fi

exec "$(readlink -f "$0").bin" "$@"
