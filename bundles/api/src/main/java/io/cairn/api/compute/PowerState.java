package io.cairn.api.compute;

/** The power state the operator wants a VM in. */
public enum PowerState { RUNNING, STOPPED }
