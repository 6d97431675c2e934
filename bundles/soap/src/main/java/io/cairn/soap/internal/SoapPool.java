package io.cairn.soap.internal;

import io.cairn.api.storage.PoolDetails;
import io.cairn.api.storage.PoolMember;
import io.cairn.api.storage.PoolSpec;
import io.cairn.api.storage.PoolStatus;

import javax.xml.bind.annotation.XmlAccessType;
import javax.xml.bind.annotation.XmlAccessorType;
import javax.xml.bind.annotation.XmlElement;
import javax.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;

/**
 * The wire form of a pool: its spec (create: name, redundancy, compression, dedup, owner) and, in
 * answers, its member nodes, owner and epoch, and what its owner's ZFS shows.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "Pool", propOrder = {"name", "redundancy", "compression", "dedup", "owner", "epoch", "memberNodes",
        "imported", "health", "layout", "members", "sizeBytes", "allocatedBytes", "lastScrub", "repairedBytes",
        "backend", "error"})
public class SoapPool {
    @XmlElement(required = true)
    public String name;
    public int redundancy;
    public String compression;
    public boolean dedup;
    /** In a create: the node that should own it (optional); in answers: the node that owns it. */
    public String owner;
    public Long epoch;
    @XmlElement(name = "memberNode")
    public List<String> memberNodes = new ArrayList<>();
    public Boolean imported;
    public String health;
    public String layout;
    @XmlElement(name = "member")
    public List<SoapPoolMember> members = new ArrayList<>();
    public Long sizeBytes;
    public Long allocatedBytes;
    public String lastScrub;
    public Long repairedBytes;
    public String backend;
    public String error;

    public SoapPool() {
    }

    PoolSpec toSpec() {
        return new PoolSpec(name, redundancy, compression, dedup, owner);
    }

    static SoapPool of(PoolDetails details) {
        PoolSpec s = details.pool().spec();
        SoapPool p = new SoapPool();
        p.name = s.name();
        p.redundancy = s.redundancy();
        p.compression = s.compression();
        p.dedup = s.dedup();
        p.owner = details.owner().node();
        p.epoch = details.owner().epoch();
        details.pool().members().stream().map(PoolMember::node).forEach(p.memberNodes::add);
        PoolStatus status = details.status();
        if (status != null) {
            p.imported = status.imported();
            p.health = status.health() == null ? null : status.health().name();
            p.layout = status.layout();
            status.members().stream().map(SoapPoolMember::of).forEach(p.members::add);
            p.sizeBytes = status.sizeBytes();
            p.allocatedBytes = status.allocatedBytes();
            p.lastScrub = status.scrub() == null ? null : status.scrub().summary();
            p.repairedBytes = status.scrub() == null ? null : status.scrub().repairedBytes();
            p.backend = status.backend() == null ? null : status.backend().name();
            p.error = status.error() == null || status.error().isEmpty() ? null : status.error();
        }
        return p;
    }
}
