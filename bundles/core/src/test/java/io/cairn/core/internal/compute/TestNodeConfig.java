package io.cairn.core.internal.compute;

import java.lang.annotation.Annotation;

/** etc/io.cairn.node.cfg for tests: the test driver, images in {@code imageDir}, the reserve given. */
record TestNodeConfig(String imageDir, long reserveMiB) implements NodeConfig {
    @Override
    public String image_dir() {
        return imageDir;
    }

    @Override
    public String hypervisor() {
        return "test";
    }

    @Override
    public int stop_timeout_seconds() {
        return 1;
    }

    @Override
    public int resync_interval_seconds() {
        return 10;
    }

    @Override
    public long memory_reserve_mib() {
        return reserveMiB;
    }

    @Override
    public int memory_commit_percent() {
        return 100;
    }

    @Override
    public Class<? extends Annotation> annotationType() {
        return NodeConfig.class;
    }
}
