package io.cairn.storage.zfs.internal;

import io.cairn.api.host.HostCommands;
import io.cairn.api.storage.DiskExport;
import io.cairn.api.storage.DiskExportDriver;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@link DiskExportDriver} over NBD: nbdkit on member nodes, nbdfuse on the owner. */
@Component(service = DiskExportDriver.class, property = "cairn.driver=nbd", configurationPid = StorageConfig.PID)
public class NbdDiskExports implements DiskExportDriver {
    @Reference
    private HostCommands host;

    private NbdkitServers servers;
    private NbdfuseClients clients;

    @Activate
    void activate(StorageConfig config) {
        Path run = Path.of(System.getProperty("karaf.home", ".")).resolve(config.run_dir());
        Duration timeout = Duration.ofSeconds(config.command_timeout_seconds());
        servers = new NbdkitServers(host, run.resolve("exports"), timeout);
        clients = new NbdfuseClients(host, Path.of(config.attach_dir()), run.resolve("clients"), timeout);
    }

    @Override
    public void serve(DiskExport export) {
        servers.serve(export);
    }

    @Override
    public void stop(String pool) {
        servers.stop(pool);
    }

    @Override
    public List<String> servedPools() {
        return servers.pools();
    }

    @Override
    public Optional<String> served(String pool) {
        return servers.served(pool);
    }

    @Override
    public Path attach(String pool, String member, String address, int port, String exportName) {
        return clients.attach(pool, member, address, port, exportName);
    }

    @Override
    public Path attachLocal(String pool, String member, String disk) {
        return clients.attachLocal(pool, member, Path.of(disk));
    }

    @Override
    public boolean attached(String pool, String member) {
        return clients.attached(pool, member);
    }

    @Override
    public void detach(String pool, String member) {
        clients.detach(pool, member);
    }

    @Override
    public Path attachmentDir(String pool, String member) {
        return clients.mountDir(pool, member);
    }
}
