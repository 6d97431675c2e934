package io.cairn.testing;

import io.cairn.api.storage.PoolDetails;
import io.cairn.api.storage.PoolSpec;
import io.cairn.api.storage.StorageAdminService;
import io.cairn.api.task.Task;

/**
 * A storage admin service for northbound tests that each exercise one operation: they override it,
 * and every other call fails loudly, naming the operation the test did not expect.
 */
public class StorageAdminStandIn implements StorageAdminService {
    @Override
    public PoolDetails createPool(PoolSpec spec) {
        throw unexpected("createPool");
    }

    @Override
    public Task scrub(String name) {
        throw unexpected("scrub");
    }

    @Override
    public Task deletePool(String name) {
        throw unexpected("deletePool");
    }

    @Override
    public Task movePool(String name, String node) {
        throw unexpected("movePool");
    }

    private static UnsupportedOperationException unexpected(String operation) {
        return new UnsupportedOperationException("this test does not expect StorageAdminService." + operation);
    }
}
