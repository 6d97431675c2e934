package io.cairn.core.internal.storage;

import io.cairn.api.common.ConflictException;
import io.cairn.api.state.ConsistentStore;
import io.cairn.api.state.StoreChange;
import io.cairn.api.state.StoreListener;
import io.cairn.api.state.StoreOp;
import io.cairn.api.state.VersionConflictException;
import io.cairn.api.state.Versioned;
import io.cairn.api.storage.Image;
import io.cairn.core.internal.json.Json;
import io.cairn.core.internal.state.EventListeners;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * The image keyspace: {@code storage/image/NAME} (an {@link Image}, written by its pool's owner once
 * the import completed) and {@code storage/image-request/NAME} (an {@link ImageRequestRecord} to that
 * owner). The only code that knows these keys; it turns their changes into {@link ImageStoreEvent}s.
 * Every change is conditional; the owner's carry the check of its ownership ({@link PoolStore#ownedAt}).
 */
@Component(service = ImageStore.class)
public class ImageStore {
    private static final Logger LOG = LoggerFactory.getLogger(ImageStore.class);
    static final String IMAGE = PoolKeys.PREFIX + "image/";
    static final String REQUEST = PoolKeys.PREFIX + "image-request/";

    @Reference
    private ConsistentStore store;

    private final EventListeners<ImageStoreEvent> listeners = new EventListeners<>("image store");
    private final StoreListener storeListener = this::onChange;

    /** A pending request with the store version of its record. */
    record Request(ImageRequestRecord request, long version) {
    }

    public ImageStore() {
    }

    /** Outside OSGi (tests). */
    ImageStore(ConsistentStore store) {
        this.store = store;
        activate();
    }

    @Activate
    void activate() {
        store.addListener(storeListener);
    }

    @Deactivate
    void deactivate() {
        store.removeListener(storeListener);
    }

    void addListener(Consumer<ImageStoreEvent> listener) {
        listeners.add(listener);
    }

    void removeListener(Consumer<ImageStoreEvent> listener) {
        listeners.remove(listener);
    }

    private void onChange(StoreChange change) {
        String key = change.key();
        if (key.startsWith(IMAGE)) {
            listeners.fire(new ImageStoreEvent(change.value() == null ? ImageStoreEvent.Kind.REMOVED
                    : ImageStoreEvent.Kind.RECORDED, key.substring(IMAGE.length())));
        } else if (key.startsWith(REQUEST)) {
            listeners.fire(new ImageStoreEvent(ImageStoreEvent.Kind.REQUEST_CHANGED, key.substring(REQUEST.length())));
        }
    }

    /** Linearizable: every image, by name. */
    List<Image> images() {
        List<Image> out = new ArrayList<>();
        store.list(IMAGE).forEach(v -> out.add(Json.read(v.value(), Image.class)));
        out.sort(Comparator.comparing(Image::name));
        return out;
    }

    /** Linearizable. */
    Optional<Image> image(String name) {
        return store.get(IMAGE + name).map(v -> Json.read(v.value(), Image.class));
    }

    /** Linearizable: the image with the store version of its record (the condition of a change to it). */
    Optional<Recorded> recorded(String name) {
        return store.get(IMAGE + name).map(v -> new Recorded(Json.read(v.value(), Image.class), v.version()));
    }

    /** An image record with its store version. */
    record Recorded(Image image, long version) {
    }

    /** From this node's replica: the cheap look of the owner's pass before a linearizable read. */
    List<Request> localRequests() {
        return store.listLocal(REQUEST).stream().map(ImageStore::request).toList();
    }

    /** Linearizable. */
    Optional<Request> request(String image) {
        return store.get(REQUEST + image).map(ImageStore::request);
    }

    /**
     * Records a request for the owner, conditional on {@code ownerCheck} (the epoch checked by the
     * caller), on no other request of that image pending and, for an import, on the name being free:
     * 409 naming what is in the way.
     */
    void request(ImageRequestRecord request, StoreOp ownerCheck) {
        String name = request.image();
        List<StoreOp> ops = new ArrayList<>(List.of(ownerCheck));
        if (request.imports()) {
            ops.add(StoreOp.check(IMAGE + name, StoreOp.ABSENT));
        }
        Recorded before = null;
        if (request.copies()) {
            before = recorded(name).orElseThrow(() -> new io.cairn.api.common.NotFoundException(
                    "no image named '" + name + "'"));
            if (before.image().isOn(request.pool())) {
                throw new ConflictException("image '" + name + "' is on pool " + request.pool() + " already");
            }
            ops.add(StoreOp.check(IMAGE + name, before.version()));
        }
        ops.add(StoreOp.put(REQUEST + name, Json.write(request), StoreOp.ABSENT));
        try {
            store.commit(ops);
        } catch (VersionConflictException e) {
            if (e.key().equals(IMAGE + name)) {
                throw new ConflictException(before == null ? "an image named '" + name + "' already exists"
                        : "image '" + name + "' changed meanwhile (a copy or deletion ended); retry");
            }
            if (e.key().equals(REQUEST + name)) {
                String pending = request(name).map(r -> r.request().kind() + " (task " + r.request().id() + ")")
                        .orElse("request");
                throw new ConflictException("image '" + name + "' already has a " + pending
                        + " queued or running; wait for its task to end");
            }
            throw new ConflictException("the owner of pool '" + request.pool() + "' changed meanwhile; retry");
        }
    }

    /**
     * The owner takes a request before acting on it, in one commit under its lease ({@code committer})
     * with {@code ownerCheck}.
     *
     * @throws VersionConflictException when the request changed or the pool moved (nothing applied)
     */
    Request take(Request request, String node, StoreOp ownerCheck, ToLongFunction<List<StoreOp>> committer) {
        ImageRequestRecord taken = request.request().takenBy(node);
        long version = committer.applyAsLong(List.of(ownerCheck,
                StoreOp.put(REQUEST + taken.image(), Json.write(taken), request.version())));
        return new Request(taken, version);
    }

    /** Records the imported image and removes its taken request, in one commit under the owner's lease. */
    void imported(Image image, Request taken, StoreOp ownerCheck, ToLongFunction<List<StoreOp>> committer) {
        committer.applyAsLong(List.of(ownerCheck,
                StoreOp.put(IMAGE + image.name(), Json.write(image), StoreOp.ABSENT),
                StoreOp.delete(REQUEST + image.name(), taken.version())));
    }

    /**
     * Records the copy on {@code pool} and removes its taken request, in one commit under the owner's lease,
     * conditional on the image record as it was read.
     */
    void copied(Recorded before, String pool, Request taken, StoreOp ownerCheck, ToLongFunction<List<StoreOp>> committer) {
        Image image = before.image().withCopy(pool);
        committer.applyAsLong(List.of(ownerCheck,
                StoreOp.put(IMAGE + image.name(), Json.write(image), before.version()),
                StoreOp.delete(REQUEST + image.name(), taken.version())));
    }

    /**
     * Removes the destroyed copy on {@code pool} and the taken request, in one commit under the owner's
     * lease: the image record goes with its last copy, else it loses that pool.
     */
    void removed(String image, String pool, Request taken, StoreOp ownerCheck, ToLongFunction<List<StoreOp>> committer) {
        Optional<Recorded> before = recorded(image);
        StoreOp record;
        if (before.isEmpty() || before.get().image().pools().equals(List.of(pool))) {
            record = StoreOp.delete(IMAGE + image, StoreOp.ANY);
        } else if (!before.get().image().isOn(pool)) {
            record = StoreOp.check(IMAGE + image, before.get().version());
        } else {
            record = StoreOp.put(IMAGE + image, Json.write(before.get().image().withoutCopy(pool)), before.get().version());
        }
        committer.applyAsLong(List.of(ownerCheck, record, StoreOp.delete(REQUEST + image, taken.version())));
    }

    /** Removes a request once carried out or refused; a newer one written meanwhile stays. */
    void finish(Request request) {
        try {
            store.delete(REQUEST + request.request().image(), request.version());
        } catch (VersionConflictException e) {
            LOG.info("Image request {} of {} was replaced meanwhile; the new one stays", request.request().id(),
                    request.request().image());
        }
    }

    /**
     * For the commit that removes the pool itself: the deletes of the records of images whose only copy is
     * on {@code pool}, the records without that pool of the images with copies elsewhere, and the deletes
     * of the pool's requests. Destroying a pool destroys its copies with it.
     */
    List<StoreOp> removalOf(String pool) {
        List<StoreOp> ops = new ArrayList<>();
        for (Versioned v : store.list(IMAGE)) {
            Image image = Json.read(v.value(), Image.class);
            if (image.pools().equals(List.of(pool))) {
                ops.add(StoreOp.delete(v.key(), v.version()));
            } else if (image.isOn(pool)) {
                ops.add(StoreOp.put(v.key(), Json.write(image.withoutCopy(pool)), v.version()));
            }
        }
        for (Versioned v : store.list(REQUEST)) {
            ImageRequestRecord r = request(v).request();
            if (r.pool().equals(pool) || pool.equals(r.source())) {
                ops.add(StoreOp.delete(v.key(), v.version()));
            }
        }
        return ops;
    }

    private static Request request(Versioned v) {
        return new Request(Json.read(v.value(), ImageRequestRecord.class), v.version());
    }
}
