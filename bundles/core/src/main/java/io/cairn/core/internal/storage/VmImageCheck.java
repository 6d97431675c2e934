package io.cairn.core.internal.storage;

import io.cairn.api.common.ConflictException;
import io.cairn.api.common.UnavailableException;
import io.cairn.api.common.UnsatisfiableException;
import io.cairn.api.compute.VmDisk;
import io.cairn.api.compute.VmService;
import io.cairn.api.compute.VmSpec;
import io.cairn.api.storage.Image;
import io.cairn.api.storage.ImageService;

import java.util.List;

/** Checks a new VM's disks cloned from images before anything is written, and finds the VMs using an image. */
public final class VmImageCheck {
    private VmImageCheck() {
    }

    /**
     * Each disk's image exists, has a copy on the disk's pool and is not larger than the disk. A disk whose
     * pool holds no copy is refused (it is not copied on the fly: a copy streams the whole image between
     * nodes, which a VM's creation should not wait for): 409 naming {@code image:copy}.
     *
     * @throws UnsatisfiableException naming the disk and what is wrong (422)
     * @throws ConflictException      when the image has no copy on the disk's pool (409)
     */
    public static void check(VmSpec spec, ImageService images) {
        for (VmDisk disk : spec.disks()) {
            if (disk.image() == null) {
                continue;
            }
            if (images == null) {
                throw new UnavailableException("images are not available on this node: VM " + spec.name()
                        + " has a disk cloned from an image and cannot be created now");
            }
            Image image = images.image(disk.image()).orElseThrow(() -> new UnsatisfiableException("disk " + disk.name()
                    + ": image '" + disk.image() + "' does not exist (see GET /images)"));
            if (!image.isOn(disk.pool())) {
                throw new ConflictException("disk " + disk.name() + ": image " + image.name() + " has no copy on pool "
                        + disk.pool() + " (it is on " + String.join(", ", image.pools()) + "); a disk is cloned from the "
                        + "image's copy on its own pool: copy it first with image:copy " + image.name() + " " + disk.pool()
                        + " (POST /images/" + image.name() + "/copies?pool=" + disk.pool() + ")");
            }
            if (disk.sizeMiB() < image.sizeMiB()) {
                throw new UnsatisfiableException("disk " + disk.name() + ": " + disk.sizeMiB() + " MiB is smaller than image "
                        + image.name() + " (" + image.sizeMiB() + " MiB); ask for at least " + image.sizeMiB());
            }
        }
    }

    /** Names of the VMs with a disk cloned from {@code image}, sorted (a linearizable list unless cut off). */
    public static List<String> vmsUsing(String image, VmService vms) {
        return vms.vms().stream().map(d -> d.vm())
                .filter(vm -> vm.spec().disks().stream().anyMatch(d -> image.equals(d.image())))
                .map(vm -> vm.name()).sorted().toList();
    }
}
