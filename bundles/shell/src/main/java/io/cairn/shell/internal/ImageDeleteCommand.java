package io.cairn.shell.internal;

import io.cairn.api.storage.ImageAdminService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import java.io.PrintStream;

@Service
@Command(scope = "image", name = "delete", description = "Deletes a disk image no VM disk is cloned from",
        detailedDescription = "Example: image:delete debian. Refused while VMs have disks cloned from it (delete them "
                + "first), and while ZFS keeps it for volumes still cloned from it.")
public class ImageDeleteCommand implements Action {
    @Reference(optional = true)
    ImageAdminService admin;

    @Argument(index = 0, name = "name", description = "Image name", required = true)
    String name;

    PrintStream out = System.out;

    @Override
    public Object execute() {
        Format.require(admin, "image admin service").deleteImage(name);
        out.printf("Image %s deleted%n", name);
        return null;
    }
}
