package io.cairn.api.storage;

/** How a pool stores VM volumes: block devices (zvols) where the host has them, else image files. */
public enum VolumeBackend {
    ZVOL, FILE
}
