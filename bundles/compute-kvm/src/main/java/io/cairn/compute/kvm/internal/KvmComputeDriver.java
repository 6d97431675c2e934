package io.cairn.compute.kvm.internal;

import io.cairn.api.common.ConflictException;
import io.cairn.api.common.NotFoundException;
import io.cairn.api.compute.ComputeDriver;
import io.cairn.api.compute.DomainInfo;
import io.cairn.api.compute.DomainStats;
import io.cairn.api.compute.DomainRequest;
import io.cairn.api.compute.DomainState;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link ComputeDriver} over libvirt-java. Every Cairn VM is a transient domain (created with
 * {@code virDomainCreateXML}, never defined, never autostarted) whose UUID is the VM's id and whose
 * {@code <metadata>} carries a {@link CairnMetadata} element; domains without that element are
 * invisible to this driver and refused by it.
 */
@Component(service = ComputeDriver.class, property = ComputeDriver.TYPE_PROPERTY + "=" + KvmComputeDriver.TYPE,
        configurationPid = KvmComputeDriver.PID)
@Designate(ocd = KvmConfig.class)
public final class KvmComputeDriver implements ComputeDriver {
    public static final String TYPE = "kvm";
    public static final String PID = "io.cairn.compute.kvm";

    private static final Logger LOG = LoggerFactory.getLogger(KvmComputeDriver.class);
    /** How often a pending ACPI shutdown request is repeated (a guest still booting may miss it). */
    private static final Duration SHUTDOWN_RESEND = Duration.ofSeconds(5);

    private final VirtTypeDetector.HostProbe hostProbe;
    private final NicAttachment nicAttachment;
    private volatile KvmSettings settings;
    private volatile LibvirtSession session;
    private volatile VirtTypeDetector.Decision decision;

    /** For Declarative Services; {@link #activate(KvmConfig)} follows. */
    public KvmComputeDriver() {
        this.hostProbe = VirtTypeDetector.LOCAL_HOST;
        this.nicAttachment = NicAttachment.USER;
    }

    /** Outside OSGi (tests, benchmarks). */
    public KvmComputeDriver(KvmSettings settings) {
        this(settings, VirtTypeDetector.LOCAL_HOST);
    }

    KvmComputeDriver(KvmSettings settings, VirtTypeDetector.HostProbe hostProbe) {
        this.hostProbe = hostProbe;
        this.nicAttachment = NicAttachment.USER;
        open(settings);
    }

    @Activate
    void activate(KvmConfig config) {
        open(KvmSettings.from(config));
    }

    @Deactivate
    void deactivate() {
        close();
    }

    /** Closes the libvirt connection; running domains are left alone. */
    public void close() {
        LibvirtSession s = session;
        if (s != null) {
            s.close();
        }
    }

    private void open(KvmSettings newSettings) {
        this.settings = newSettings;
        LOG.info("KVM driver settings: uri {}, virt.type {}, emulator {}", newSettings.uri(), newSettings.virtType(),
                newSettings.emulator() == null ? "libvirt's default" : newSettings.emulator());
        this.session = new LibvirtSession(newSettings.uri(), this::detectVirtType);
    }

    private void detectVirtType(Connect c) {
        String caps;
        try {
            caps = c.getCapabilities();
        } catch (LibvirtException e) {
            throw new LibvirtCallException("reading host capabilities of " + settings.uri(), e);
        }
        VirtTypeDetector.Decision d = VirtTypeDetector.decide(caps, settings.uri(), settings.virtType(), hostProbe);
        VirtTypeDetector.Decision previous = decision;
        decision = d;
        if (previous == null || !previous.type().equals(d.type())) {
            LOG.info("KVM driver on {}: domain type {} ({})",
                    settings.uri(), d.type(), d.reason());
        }
    }

    /** The domain type in use ({@code kvm}, {@code qemu} or {@code test}); connects if needed. */
    public String virtType() {
        return session.call("reading host capabilities", c -> decision.type());
    }

    LibvirtSession session() {
        return session;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<DomainInfo> domains() {
        return session.call("listing domains", c -> {
            List<DomainInfo> result = new ArrayList<>();
            for (Domain d : c.listAllDomains(0)) {
                try {
                    UUID id = UUID.fromString(d.getUUIDString());
                    Optional<CairnMetadata> md = metadata(d, id);
                    if (md.isPresent()) {
                        result.add(info(d, id, md.get()));
                    }
                } catch (LibvirtException e) {
                    if (!LibvirtCallException.is(e, ErrorNumber.VIR_ERR_NO_DOMAIN)) {
                        throw e;
                    }
                    // went away while listing
                } finally {
                    free(d);
                }
            }
            return List.copyOf(result);
        });
    }

    @Override
    public Optional<DomainInfo> domain(UUID vmId) {
        return session.call("looking up domain " + vmId, c -> {
            Domain d = lookup(c, vmId);
            if (d == null) {
                return Optional.empty();
            }
            try {
                Optional<CairnMetadata> md = metadata(d, vmId);
                return md.isPresent() ? Optional.of(info(d, vmId, md.get())) : Optional.<DomainInfo>empty();
            } catch (LibvirtException e) {
                if (LibvirtCallException.is(e, ErrorNumber.VIR_ERR_NO_DOMAIN)) {
                    return Optional.empty();
                }
                throw e;
            } finally {
                free(d);
            }
        });
    }

    @Override
    public Optional<DomainStats> stats(UUID vmId) {
        return session.call("reading the counters of domain " + vmId, c -> {
            Domain d = lookup(c, vmId);
            if (d == null) {
                return Optional.empty();
            }
            try {
                if (metadata(d, vmId).isEmpty()) {
                    return Optional.<DomainStats>empty();
                }
                org.libvirt.DomainInfo info = d.getInfo();
                if (info.state != org.libvirt.DomainInfo.DomainState.VIR_DOMAIN_RUNNING) {
                    return Optional.<DomainStats>empty();
                }
                return Optional.of(new DomainStats(vmId, info.nrVirtCpu, info.memory, info.cpuTime));
            } catch (LibvirtException e) {
                if (LibvirtCallException.is(e, ErrorNumber.VIR_ERR_NO_DOMAIN)) {
                    return Optional.<DomainStats>empty();
                }
                throw e;
            } finally {
                free(d);
            }
        });
    }

    @Override
    public void start(DomainRequest request) {
        UUID id = request.vm().id();
        String name = DomainXmlBuilder.domainName(request.vm().name());
        ensureParentDirectory(request.consoleLog());
        CairnMetadata wanted = new CairnMetadata(id, request.vm().name(), request.owner(), request.epoch());
        session.call("starting domain " + name + " (" + id + ")", c -> {
            Domain existing = lookup(c, id);
            if (existing != null) {
                try {
                    CairnMetadata md = requireCairn(existing, id);
                    if (existing.isActive() != 1) {
                        throw new ConflictException("domain " + existing.getName() + " (" + id + ") exists but is not "
                                + "running; Cairn domains are transient, so it was defined by someone else");
                    }
                    adoptOwnership(existing, md, wanted);
                    return null;
                } finally {
                    free(existing);
                }
            }
            String xml = new DomainXmlBuilder(decision.type(), nicAttachment, settings.emulator()).build(request);
            free(c.domainCreateXML(xml, 0));
            return null;
        });
    }

    /** The domain already runs: refuse a stale owner, record a newer epoch. */
    private static void adoptOwnership(Domain d, CairnMetadata current, CairnMetadata wanted) throws LibvirtException {
        if (wanted.epoch() < current.epoch()) {
            throw new ConflictException("domain " + d.getName() + " runs under owner " + current.owner() + " epoch "
                    + current.epoch() + "; refusing stale epoch " + wanted.epoch() + " of " + wanted.owner());
        }
        if (wanted.epoch() != current.epoch() || !wanted.owner().equals(current.owner())) {
            d.setMetadata(Domain.MetadataType.ELEMENT, wanted.toUnqualifiedXml(), CairnMetadata.PREFIX,
                    CairnMetadata.NAMESPACE, Domain.ModificationImpact.LIVE);
        }
    }

    @Override
    public boolean shutdown(UUID vmId, Duration timeout) {
        Duration wait = timeout == null || timeout.isZero() ? settings.shutdownTimeout() : timeout;
        if (!requestShutdown(vmId, true)) {
            return true; // absent or not running: nothing to shut down
        }
        long deadline = System.nanoTime() + wait.toNanos();
        long resend = System.nanoTime() + SHUTDOWN_RESEND.toNanos();
        while (System.nanoTime() - deadline < 0) {
            sleep(settings.pollInterval());
            if (isGone(vmId)) {
                return true;
            }
            if (System.nanoTime() - resend >= 0) {
                requestShutdown(vmId, false);
                resend = System.nanoTime() + SHUTDOWN_RESEND.toNanos();
            }
        }
        if (isGone(vmId)) {
            return true;
        }
        LOG.info("domain {} did not shut down within {}; powering it off", vmId, wait);
        destroy(vmId);
        return false;
    }

    /** @return true if a shutdown was requested of a running Cairn domain */
    private boolean requestShutdown(UUID vmId, boolean strict) {
        return session.call("shutting down domain " + vmId, c -> {
            Domain d = lookup(c, vmId);
            if (d == null) {
                return false;
            }
            try {
                requireCairn(d, vmId);
                if (d.isActive() != 1) {
                    return false;
                }
                d.shutdown();
                return true;
            } catch (LibvirtException e) {
                if (gone(e)) {
                    return false;
                }
                if (strict) {
                    throw e;
                }
                LOG.debug("repeating the shutdown request of {} failed: {}",
                        vmId, LibvirtCallException.describe(e));
                return true;
            } finally {
                free(d);
            }
        });
    }

    private boolean isGone(UUID vmId) {
        return session.call("polling domain " + vmId, c -> {
            Domain d = lookup(c, vmId);
            if (d == null) {
                return true;
            }
            try {
                return d.isActive() != 1;
            } catch (LibvirtException e) {
                if (gone(e)) {
                    return true;
                }
                throw e;
            } finally {
                free(d);
            }
        });
    }

    @Override
    public void destroy(UUID vmId) {
        session.call("destroying domain " + vmId, c -> {
            Domain d = lookup(c, vmId);
            if (d == null) {
                return null;
            }
            try {
                requireCairn(d, vmId);
                if (d.isActive() == 1) {
                    d.destroy();
                }
            } catch (LibvirtException e) {
                if (!gone(e)) {
                    throw e;
                }
            } finally {
                free(d);
            }
            return null;
        });
    }

    @Override
    public void reboot(UUID vmId) {
        session.call("rebooting domain " + vmId, c -> {
            Domain d = lookup(c, vmId);
            if (d == null) {
                throw new NotFoundException("no domain for VM " + vmId + " on this host");
            }
            try {
                requireCairn(d, vmId);
                d.reboot(0);
            } finally {
                free(d);
            }
            return null;
        });
    }

    // --- helpers; all run under the session lock ---

    private static Domain lookup(Connect c, UUID id) throws LibvirtException {
        try {
            return c.domainLookupByUUIDString(id.toString());
        } catch (LibvirtException e) {
            if (LibvirtCallException.is(e, ErrorNumber.VIR_ERR_NO_DOMAIN)) {
                return null;
            }
            throw e;
        }
    }

    /** The domain's Cairn metadata, if it has some that names this very domain. */
    private static Optional<CairnMetadata> metadata(Domain d, UUID domainId) throws LibvirtException {
        String xml;
        try {
            xml = d.getMetadata(Domain.MetadataType.ELEMENT, CairnMetadata.NAMESPACE, 0);
        } catch (LibvirtException e) {
            if (LibvirtCallException.is(e, ErrorNumber.VIR_ERR_NO_DOMAIN_METADATA)) {
                return Optional.empty();
            }
            throw e;
        }
        try {
            return CairnMetadata.fromLibvirt(xml).filter(md -> md.id().equals(domainId));
        } catch (IllegalArgumentException e) {
            LOG.warn("domain {} has malformed Cairn metadata, ignoring it: {}",
                    domainId, e.getMessage());
            return Optional.empty();
        }
    }

    private static CairnMetadata requireCairn(Domain d, UUID id) throws LibvirtException {
        return metadata(d, id).orElseThrow(() -> new ConflictException(
                "domain " + nameOf(d) + " (" + id + ") is not managed by Cairn (no Cairn metadata in namespace "
                        + CairnMetadata.NAMESPACE + "); refusing to touch it"));
    }

    private static String nameOf(Domain d) {
        try {
            return "'" + d.getName() + "'";
        } catch (LibvirtException e) {
            return "?";
        }
    }

    private static DomainInfo info(Domain d, UUID id, CairnMetadata md) throws LibvirtException {
        return new DomainInfo(id, d.getName(), state(d.getInfo().state), md.owner(), md.epoch());
    }

    static DomainState state(org.libvirt.DomainInfo.DomainState s) {
        if (s == null) {
            return DomainState.OTHER;
        }
        switch (s) {
            case VIR_DOMAIN_RUNNING:
            case VIR_DOMAIN_BLOCKED:
                return DomainState.RUNNING;
            case VIR_DOMAIN_PAUSED:
                return DomainState.PAUSED;
            case VIR_DOMAIN_SHUTDOWN:
                return DomainState.SHUTTING_DOWN;
            case VIR_DOMAIN_SHUTOFF:
                return DomainState.SHUTOFF;
            case VIR_DOMAIN_CRASHED:
                return DomainState.CRASHED;
            default:
                return DomainState.OTHER;
        }
    }

    /** Errors that mean the domain is no longer there or no longer running. */
    private static boolean gone(LibvirtException e) {
        return LibvirtCallException.is(e, ErrorNumber.VIR_ERR_NO_DOMAIN)
                || LibvirtCallException.is(e, ErrorNumber.VIR_ERR_OPERATION_INVALID);
    }

    private static void free(Domain d) {
        if (d != null) {
            try {
                d.free();
            } catch (LibvirtException | RuntimeException e) {
                LOG.debug("freeing a libvirt domain handle failed", e);
            }
        }
    }

    private static void ensureParentDirectory(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            try {
                Files.createDirectories(parent);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the console log directory " + parent, e);
            }
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a domain to shut down", e);
        }
    }
}
