#!/usr/bin/env bash
# Installs the BGP peers used by the interop tests (Debian packages):
#   frr (zebra, bgpd, ospfd, ldpd, vtysh), bird2 (bird, birdc) and, where available, exabgp.
# Non-interactive; the packages' system services are NOT started (a temporary
# policy-rc.d forbids it), and afterwards nothing of theirs may be running or
# listening on TCP 179 on the host. Exit 0 when frr and bird2 are usable,
# 1 when they could not be installed (callers treat that as "skip"). With the
# argument `frr`, only FRR is required and installed.
set -u
export DEBIAN_FRONTEND=noninteractive
export PATH="$PATH:/usr/sbin:/sbin:/usr/lib/frr"

have_frr()  { [ -x /usr/lib/frr/bgpd ] && [ -x /usr/lib/frr/zebra ] && [ -x /usr/lib/frr/ospfd ] && [ -x /usr/lib/frr/ldpd ] && command -v vtysh >/dev/null 2>&1; }
have_bird() { command -v bird >/dev/null 2>&1 && command -v birdc >/dev/null 2>&1; }
have_exabgp() { command -v exabgp >/dev/null 2>&1; }
# `install_peers.sh frr`: only FRR is needed (the OSPF/LDP interop test).
if [ "${1:-}" = frr ]; then have_bird() { true; }; fi

if have_frr && have_bird; then
  echo "install_peers: frr and bird2 already installed"
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "install_peers: not root, cannot install frr/bird2" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install_peers: no apt-get, cannot install frr/bird2" >&2
  exit 1
fi

start=$(date +%s)
pkgs=()
have_frr || pkgs+=(frr)
have_bird || pkgs+=(bird2)

# Forbid service starts during the install (invoke-rc.d honours policy-rc.d).
prc=/usr/sbin/policy-rc.d
created_prc=0
if [ ! -e "$prc" ]; then
  printf '#!/bin/sh\nexit 101\n' >"$prc" && chmod 755 "$prc" && created_prc=1
fi
restore() { [ "$created_prc" = 1 ] && rm -f "$prc"; }
trap restore EXIT

apt_q=(-y -q -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold)
# The lists may be missing or stale on a fresh machine.
if ! apt-cache show frr >/dev/null 2>&1 || ! apt-cache show bird2 >/dev/null 2>&1; then
  apt-get update -q >/dev/null 2>&1 || true
fi
if ! apt-get install --no-install-recommends "${apt_q[@]}" "${pkgs[@]}" >/tmp/install_peers.$$.log 2>&1; then
  apt-get update -q >/dev/null 2>&1 || true
  apt-get install --no-install-recommends "${apt_q[@]}" "${pkgs[@]}" >>/tmp/install_peers.$$.log 2>&1 || {
    echo "install_peers: apt-get install ${pkgs[*]} failed (log /tmp/install_peers.$$.log)" >&2
    tail -5 /tmp/install_peers.$$.log >&2
    exit 1
  }
fi
# exabgp is optional.
if [ "${1:-}" != frr ] && ! have_exabgp && apt-cache show exabgp >/dev/null 2>&1; then
  apt-get install --no-install-recommends "${apt_q[@]}" exabgp >>/tmp/install_peers.$$.log 2>&1 \
    || echo "install_peers: exabgp not installed (optional)" >&2
fi
rm -f /tmp/install_peers.$$.log

# Belt and braces: stop anything the packages may have started anyway
# (only the system instances, found by their pid files).
for pidf in /run/frr/*.pid /run/bird/bird.pid /var/run/bird/bird.pid /run/exabgp/*.pid; do
  [ -f "$pidf" ] || continue
  pid=$(cat "$pidf" 2>/dev/null)
  [ -n "$pid" ] && kill "$pid" 2>/dev/null
done
if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
  systemctl disable --now frr bird exabgp >/dev/null 2>&1 || true
fi
if command -v ss >/dev/null 2>&1 && ss -Hltn 'sport = :179' 2>/dev/null | grep -q .; then
  echo "install_peers: WARNING: something listens on TCP 179 on the host" >&2
fi

echo "install_peers: installed ${pkgs[*]} in $(( $(date +%s) - start )) s"
have_frr && have_bird
