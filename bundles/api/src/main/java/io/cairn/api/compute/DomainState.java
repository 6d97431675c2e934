package io.cairn.api.compute;

/** The hypervisor's view of a domain. */
public enum DomainState { RUNNING, PAUSED, SHUTTING_DOWN, SHUTOFF, CRASHED, OTHER }
