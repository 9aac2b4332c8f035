#!/usr/bin/env bash
# Builds the initramfs of the sandbox VM (labs/vm/run-in-vm).
#
# Usage: build-initramfs.sh KERNEL_ROOT OUTPUT.cpio.gz
#   KERNEL_ROOT  a Debian linux-image package extracted with dpkg-deb -x, with
#                lib/modules/<release>/modules.dep (run-in-vm makes it with
#                busybox depmod: the package does not ship it).
# Contents: the static busybox (/bin/busybox, package busybox-static), the
# guest's /init (labs/vm/init, next to this script), the modules the guest
# needs and the modules they depend on (from modules.dep), decompressed when
# the package ships them compressed (busybox insmod reads plain .ko only),
# and /etc/modules.load: their file names, each after its dependencies.
# Failure: exits non-zero with a message when a module, busybox or a tool is
# missing; OUTPUT is written only when everything worked.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# The guest's needs: virtio PCI transport, 9p (host root and the per-run
# share), overlayfs, MPLS forwarding and MPLS-in-IP routes, VRF devices, and
# the usual virtual links of test topologies (dummy, veth, bridge).
modules=(virtio virtio_ring virtio_pci_legacy_dev virtio_pci_modern_dev virtio_pci
         9pnet 9pnet_virtio netfs fscache 9p overlay
         ip_tunnel mpls_router mpls_iptunnel vrf dummy veth bridge)

[[ $# -eq 2 ]] || { echo "usage: $0 KERNEL_ROOT OUTPUT.cpio.gz" >&2; exit 2; }
kroot=$1 out=$2
moddir=$(find "$kroot/lib/modules" -mindepth 1 -maxdepth 1 -type d | head -n 1)
[[ -n $moddir && -f $moddir/modules.dep ]] ||
  { echo "build-initramfs: no lib/modules/<release>/modules.dep under $kroot" >&2; exit 1; }
busybox=$(command -v busybox || true)
[[ -n $busybox ]] || { echo "build-initramfs: busybox not found (install busybox-static)" >&2; exit 1; }
if ldd "$busybox" >/dev/null 2>&1; then
  echo "build-initramfs: $busybox is dynamically linked (install busybox-static)" >&2
  exit 1
fi

# modules.dep lines: "kernel/path/name.ko[.xz]: dep.ko dep.ko ...". Module
# names use '_' where file names may use '-'.
declare -A path_of deps_of
while IFS= read -r line; do
  file=${line%%:*}
  name=$(basename "$file"); name=${name%%.ko*}; name=${name//-/_}
  path_of[$name]=$file
  deps_of[$name]=${line#*:}
done <"$moddir/modules.dep"

# Depth-first: every module after the modules it depends on, each once.
declare -A placed
order=()
place() {
  local name=$1 dep depname
  [[ -n ${placed[$name]:-} ]] && return 0
  [[ -n ${path_of[$name]:-} ]] ||
    { echo "build-initramfs: module $name is not in $moddir/modules.dep" >&2; return 1; }
  placed[$name]=1
  for dep in ${deps_of[$name]}; do
    depname=$(basename "$dep"); depname=${depname%%.ko*}; depname=${depname//-/_}
    place "$depname" || return 1
  done
  order+=("$name")
}
for m in "${modules[@]}"; do place "$m"; done

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage"/{bin,dev,etc,proc,sys,lib/modules}
cp "$busybox" "$stage/bin/busybox"
cp "$here/init" "$stage/init"
chmod 755 "$stage/init" "$stage/bin/busybox"
for name in "${order[@]}"; do
  src=$moddir/${path_of[$name]}
  case $src in
    *.ko)     cp "$src" "$stage/lib/modules/$name.ko" ;;
    *.ko.xz)  xz -dc "$src" >"$stage/lib/modules/$name.ko" ;;
    *.ko.gz)  gzip -dc "$src" >"$stage/lib/modules/$name.ko" ;;
    *.ko.zst) zstd -qdc "$src" >"$stage/lib/modules/$name.ko" ;;
    *) echo "build-initramfs: unknown module format $src" >&2; exit 1 ;;
  esac
  echo "$name.ko" >>"$stage/etc/modules.load"
done

# newc cpio, gzip: what the Debian kernel unpacks (CONFIG_RD_GZIP).
(cd "$stage" && find . | LC_ALL=C sort | busybox cpio -o -H newc 2>/dev/null) | gzip -6 >"$out.partial"
mv "$out.partial" "$out"
echo "build-initramfs: $(basename "$out"): ${#order[@]} modules (${order[*]})"
