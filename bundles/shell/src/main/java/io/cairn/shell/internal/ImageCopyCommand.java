package io.cairn.shell.internal;

import io.cairn.api.storage.Image;
import io.cairn.api.storage.ImageAdminService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import java.io.PrintStream;

@Service
@Command(scope = "image", name = "copy", description = "Copies a disk image to another pool",
        detailedDescription = "Example: image:copy debian tank2. The owner of the target pool streams the image "
                + "(zfs send | zfs receive) from the owner of a pool holding it over the node-to-node transfer channel, "
                + "and records the copy; VM disks on that pool can then be cloned from it. Refused when the pool holds "
                + "it already or is not imported by its owner; a failed copy leaves nothing on the pool.")
public class ImageCopyCommand implements Action {
    @Reference(optional = true)
    ImageAdminService admin;

    @Argument(index = 0, name = "name", description = "Image name", required = true)
    String name;

    @Argument(index = 1, name = "pool", description = "The pool to copy it to", required = true)
    String pool;

    PrintStream out = System.out;

    @Override
    public Object execute() {
        Image image = Format.require(admin, "image admin service").copyImage(name, pool);
        out.printf("Image %s copied to pool %s (now on %s)%n", image.name(), pool, String.join(", ", image.pools()));
        return null;
    }
}
