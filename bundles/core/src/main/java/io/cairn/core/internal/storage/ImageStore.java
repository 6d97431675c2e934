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
        ops.add(StoreOp.put(REQUEST + name, Json.write(request), StoreOp.ABSENT));
        try {
            store.commit(ops);
        } catch (VersionConflictException e) {
            if (e.key().equals(IMAGE + name)) {
                throw new ConflictException("an image named '" + name + "' already exists");
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

    /** Removes the destroyed image's record and its taken request, in one commit under the owner's lease. */
    void removed(String image, Request taken, StoreOp ownerCheck, ToLongFunction<List<StoreOp>> committer) {
        committer.applyAsLong(List.of(ownerCheck,
                StoreOp.delete(IMAGE + image, StoreOp.ANY),
                StoreOp.delete(REQUEST + image, taken.version())));
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
     * The deletes of every image record (and request) of {@code pool}, for the commit that removes the
     * pool itself: destroying a pool destroys its images with it.
     */
    List<StoreOp> removalOf(String pool) {
        List<StoreOp> ops = new ArrayList<>();
        for (Versioned v : store.list(IMAGE)) {
            if (Json.read(v.value(), Image.class).pool().equals(pool)) {
                ops.add(StoreOp.delete(v.key(), v.version()));
            }
        }
        for (Versioned v : store.list(REQUEST)) {
            if (request(v).request().pool().equals(pool)) {
                ops.add(StoreOp.delete(v.key(), v.version()));
            }
        }
        return ops;
    }

    private static Request request(Versioned v) {
        return new Request(Json.read(v.value(), ImageRequestRecord.class), v.version());
    }
}
