#!/bin/sh
# Builds the tiny test guest used by the qemu:///system boot test of cairn-compute-kvm:
# a Debian kernel plus a busybox-static initramfs that loads the virtio drivers, prints
# CAIRN-GUEST-UP on the serial console and powers off on an ACPI power-button event.
# Output (never committed): <repo>/build/guest/vmlinuz and <repo>/build/guest/initrd.img
# Needs: apt-get (Debian 12), dpkg-deb, busybox-static, cpio, gzip.
set -eu
REPO=$(cd "$(dirname "$0")/../../../../.." && pwd)
OUT="$REPO/build/guest"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
PKG=$(apt-cache depends linux-image-amd64 | awk '/Depends: linux-image-[0-9]/ {print $2; exit}')
apt-get download "$PKG" >/dev/null
dpkg-deb --fsys-tarfile "$PKG"_*.deb | tar -x --wildcards './boot/vmlinuz-*' \
    '*/virtio_ring.ko' '*/virtio.ko' '*/virtio_pci_modern_dev.ko' '*/virtio_pci_legacy_dev.ko' \
    '*/virtio_pci.ko' '*/failover.ko' '*/net_failover.ko' '*/virtio_net.ko' '*/virtio_blk.ko' \
    '*/virtio_balloon.ko' '*/virtio-rng.ko' '*/button.ko' '*/evdev.ko'
mkdir -p root/bin root/proc root/sys root/dev root/lib/modules root/etc/acpi/PWRF root/var/run root/var/log
cp /bin/busybox root/bin/busybox
for a in sh mount insmod sleep echo acpid poweroff ip ping cat; do ln -s busybox "root/bin/$a"; done
find lib -name '*.ko' -exec cp {} root/lib/modules/ \;
cat > root/etc/acpi/PWRF/00000080 <<'EOS'
#!/bin/sh
echo CAIRN-GUEST-ACPI-POWEROFF > /dev/console
poweroff -f
EOS
chmod +x root/etc/acpi/PWRF/00000080
cat > root/init <<'EOS'
#!/bin/sh
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
for m in virtio_ring virtio virtio_pci_modern_dev virtio_pci_legacy_dev virtio_pci failover \
         net_failover virtio_net virtio_blk virtio_balloon virtio-rng button evdev; do
    insmod /lib/modules/$m.ko 2>/dev/null
done
acpid -c /etc/acpi -l /var/log/acpid.log
echo CAIRN-GUEST-UP
while true; do sleep 3600; done
EOS
chmod +x root/init
mkdir -p "$OUT"
cp boot/vmlinuz-* "$OUT/vmlinuz"
(cd root && find . | cpio -o -H newc 2>/dev/null | gzip -9) > "$OUT/initrd.img"
echo "guest in $OUT"
