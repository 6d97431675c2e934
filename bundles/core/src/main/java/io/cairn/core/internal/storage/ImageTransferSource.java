package io.cairn.core.internal.storage;

import io.cairn.api.common.NotFoundException;
import io.cairn.api.common.UnavailableException;
import io.cairn.api.host.HostCommandException;
import io.cairn.api.storage.Image;
import io.cairn.api.storage.ImageName;
import io.cairn.api.storage.PoolName;
import io.cairn.api.storage.PoolOwnership;
import io.cairn.api.storage.PoolStatus;
import io.cairn.api.storage.StorageDriver;
import io.cairn.api.transfer.TransferRefusedException;
import io.cairn.api.transfer.TransferSource;
import io.cairn.core.internal.cluster.ClusterMember;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;

/**
 * The sending side of an image copy: the transfer channel {@value #CHANNEL} with resources
 * {@code POOL/IMAGE}. It serves only while this node owns the pool and has it imported at its epoch,
 * and only an image recorded on that pool; then the driver's {@code zfs send} streams to the peer
 * (a read of the pool, which only its owner may touch).
 */
@Component(service = TransferSource.class)
public class ImageTransferSource implements TransferSource {
    private static final Logger LOG = LoggerFactory.getLogger(ImageTransferSource.class);
    static final String CHANNEL = "image";

    @Reference
    private PoolStore pools;
    @Reference
    private PoolStatusBoard statuses;
    @Reference
    private ImageStore images;
    @Reference
    private ClusterMember member;
    /** Holds this node's storage driver. */
    @Reference
    private PoolVolumes volumes;

    private String self;

    public ImageTransferSource() {
    }

    /** Outside OSGi (tests). */
    ImageTransferSource(PoolStore pools, PoolStatusBoard statuses, ImageStore images, StorageDriver driver, String self) {
        this.pools = pools;
        this.statuses = statuses;
        this.images = images;
        this.volumes = new PoolVolumes("zfs", driver);
        this.self = self;
    }

    @Activate
    void activate() {
        self = member.settings().nodeName();
    }

    static String resource(String pool, String image) {
        return pool + "/" + image;
    }

    @Override
    public String channel() {
        return CHANNEL;
    }

    @Override
    public void write(String resource, String peer, OutputStream out) throws IOException {
        int slash = resource.indexOf('/');
        if (slash < 0) {
            throw new TransferRefusedException("image resource must be POOL/IMAGE, was '" + resource + "'");
        }
        String pool = resource.substring(0, slash);
        String name = resource.substring(slash + 1);
        try {
            PoolName.require(pool);
            ImageName.require(name);
        } catch (IllegalArgumentException e) {
            throw new TransferRefusedException("image resource '" + resource + "': " + e.getMessage());
        }
        StorageDriver driver = ownedAndImported(pool);
        Image image;
        try {
            image = images.image(name).orElseThrow(() -> new TransferRefusedException("node " + self
                    + " has no image named '" + name + "'"));
        } catch (UnavailableException e) {
            throw new TransferRefusedException("node " + self + " cannot read the image records now: " + e.getMessage());
        }
        if (!image.isOn(pool)) {
            throw new TransferRefusedException("image " + name + " has no copy on pool " + pool + " (it is on "
                    + String.join(", ", image.pools()) + ")");
        }
        long started = System.nanoTime();
        try {
            driver.sendImage(pool, name, out);
        } catch (NotFoundException e) {
            throw new TransferRefusedException("node " + self + ": " + e.getMessage());
        } catch (HostCommandException e) {
            if (e.getCause() instanceof IOException io) {
                throw io; // the peer went away: nothing to tell it
            }
            throw e;
        }
        LOG.info("Image {}: sent from pool {} on {} to {} in {} ms", name, pool, self, peer,
                (System.nanoTime() - started) / 1_000_000);
    }

    /** The driver, when this node owns {@code pool} and has imported it at its epoch; else a refusal saying why. */
    private StorageDriver ownedAndImported(String pool) {
        Optional<PoolOwnership> owner;
        try {
            owner = pools.owner(pool);
        } catch (UnavailableException e) {
            throw new TransferRefusedException("node " + self + " cannot read the owner of pool " + pool + " now: "
                    + e.getMessage());
        }
        if (owner.isEmpty() || !owner.get().node().equals(self)) {
            throw new TransferRefusedException("node " + self + " does not own pool " + pool
                    + owner.map(o -> " (its owner is " + o.node() + ")").orElse(" (it has no owner)"));
        }
        Optional<PoolStatus> status = statuses.get(pool);
        if (status.isEmpty() || !status.get().imported() || status.get().epoch() != owner.get().epoch()
                || !self.equals(status.get().owner())) {
            throw new TransferRefusedException("pool " + pool + " is not imported by its owner " + self + " at epoch "
                    + owner.get().epoch() + " yet");
        }
        return volumes.driver().orElseThrow(() -> new TransferRefusedException("node " + self
                + " has no storage driver bound now"));
    }
}
