package io.cairn.shell.internal;

import io.cairn.api.storage.Image;
import io.cairn.api.storage.ImageService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import java.io.PrintStream;

@Service
@Command(scope = "image", name = "list", description = "Lists the disk images with their pools, format and size")
public class ImageListCommand implements Action {
    @Reference(optional = true)
    ImageService images;

    PrintStream out = System.out;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Name");
        table.column("Pool");
        table.column("Copies on");
        table.column("Format");
        table.column("Size MiB").alignRight();
        table.column("Created");
        for (Image i : Format.require(images, "image service").images()) {
            table.addRow().addContent(i.name(), i.pool(), String.join(",", i.pools()), i.format(), i.sizeMiB(), i.created().toString());
        }
        table.print(out);
        return null;
    }
}
