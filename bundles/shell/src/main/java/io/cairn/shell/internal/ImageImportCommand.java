package io.cairn.shell.internal;

import io.cairn.api.storage.Image;
import io.cairn.api.storage.ImageAdminService;
import io.cairn.api.storage.PoolDetails;
import io.cairn.api.storage.StorageService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

@Service
@Command(scope = "image", name = "import", description = "Imports a raw or qcow2 disk image file of this node into a pool",
        detailedDescription = "Example: image:import debian /root/debian.qcow2 --pool tank. Run it on the pool's owner "
                + "(pool:list shows it): the file is read on this node. The owner converts it to a raw volume "
                + "POOL/images/NAME and snapshots it; VM disks with \"image\": NAME are clones of it. Without --pool, "
                + "the cluster's only pool.")
public class ImageImportCommand implements Action {
    @Reference(optional = true)
    ImageAdminService admin;
    @Reference(optional = true)
    StorageService storage;

    @Argument(index = 0, name = "name", description = "Image name", required = true)
    String name;

    @Argument(index = 1, name = "file", description = "Image file on this node (raw or qcow2)", required = true)
    @Completion(FileCompleter.class)
    String file;

    @Option(name = "--pool", description = "Pool to import it into (default: the only pool)")
    @Completion(PoolNameCompleter.class)
    String pool;

    PrintStream out = System.out;

    @Override
    public Object execute() {
        String target = pool != null ? pool : onlyPool();
        Image image = Format.require(admin, "image admin service").importImage(name, target,
                Path.of(file).toAbsolutePath().normalize());
        out.printf("Image %s imported into pool %s (%s, %d MiB)%n", image.name(), image.pool(), image.format(),
                image.sizeMiB());
        return null;
    }

    private String onlyPool() {
        List<PoolDetails> pools = Format.require(storage, "storage service").pools();
        if (pools.size() != 1) {
            throw new IllegalArgumentException("--pool is required: the cluster has " + pools.size() + " pools"
                    + (pools.isEmpty() ? "" : " (" + String.join(", ", pools.stream().map(p -> p.pool().name()).toList())
                    + ")"));
        }
        return pools.get(0).pool().name();
    }
}
