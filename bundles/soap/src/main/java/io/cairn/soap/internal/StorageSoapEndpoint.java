package io.cairn.soap.internal;

import io.cairn.api.storage.PoolName;
import io.cairn.api.storage.StorageAdminService;
import io.cairn.api.storage.StorageService;
import io.cairn.web.RequestNames;
import io.cairn.web.Services;

import javax.jws.WebService;
import java.util.List;
import java.util.function.Supplier;

/** Thin: every operation is one api call ({@link SoapCalls}), as REST's {@code /pools} makes. */
@WebService(serviceName = "StorageService", portName = "StoragePort", targetNamespace = VmSoapService.NS,
        endpointInterface = "io.cairn.soap.internal.StorageSoapService")
public class StorageSoapEndpoint implements StorageSoapService {
    private final Supplier<StorageService> storage;
    private final Supplier<StorageAdminService> admin;

    public StorageSoapEndpoint(Supplier<StorageService> storage, Supplier<StorageAdminService> admin) {
        this.storage = storage;
        this.admin = admin;
    }

    private StorageAdminService admin() {
        return Services.require(admin, "the storage admin service");
    }

    @Override
    public List<SoapPool> list() throws CairnFault {
        return SoapCalls.call(() -> Services.require(storage, "the storage service").pools().stream()
                .map(SoapPool::of).toList());
    }

    @Override
    public SoapPool get(String name) throws CairnFault {
        return SoapCalls.call(() -> SoapPool.of(Services.require(storage, "the storage service")
                .pool(requireName(name)).orElseThrow(() -> RequestNames.notFound("pool", name))));
    }

    @Override
    public SoapPool create(SoapPool spec) throws CairnFault {
        return SoapCalls.call(() -> {
            if (spec == null) {
                throw new IllegalArgumentException("spec is required: a pool with name and redundancy (1-3)");
            }
            return SoapPool.of(admin().createPool(spec.toSpec()));
        });
    }

    @Override
    public SoapTask scrub(String name) throws CairnFault {
        return SoapCalls.call(() -> SoapTask.of(admin().scrub(requireName(name))));
    }

    @Override
    public SoapTask move(String name, String node) throws CairnFault {
        return SoapCalls.call(() -> {
            if (node == null || node.isBlank()) {
                throw new IllegalArgumentException("node is required: the member node to move pool '" + name + "' to");
            }
            return SoapTask.of(admin().movePool(requireName(name), node));
        });
    }

    @Override
    public SoapTask delete(String name) throws CairnFault {
        return SoapCalls.call(() -> SoapTask.of(admin().deletePool(requireName(name))));
    }

    /** A value that is not a pool name names no pool: not found, before any service is asked (as REST). */
    private static String requireName(String name) {
        try {
            return PoolName.require(name);
        } catch (IllegalArgumentException e) {
            throw RequestNames.notFound("pool", name);
        }
    }
}
