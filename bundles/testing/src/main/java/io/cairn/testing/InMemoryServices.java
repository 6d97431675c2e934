package io.cairn.testing;

import io.cairn.api.common.ConflictException;
import io.cairn.api.common.DnsLabel;
import io.cairn.api.common.NotFoundException;
import io.cairn.api.common.UnavailableException;
import io.cairn.api.common.UnsatisfiableException;
import io.cairn.api.compute.Ownership;
import io.cairn.api.compute.PowerState;
import io.cairn.api.compute.Vm;
import io.cairn.api.compute.VmAdminService;
import io.cairn.api.compute.VmAnnotation;
import io.cairn.api.compute.VmAnnotationService;
import io.cairn.api.compute.VmDetails;
import io.cairn.api.compute.VmListener;
import io.cairn.api.compute.VmService;
import io.cairn.api.compute.VmSpec;
import io.cairn.api.compute.VmState;
import io.cairn.api.compute.VmStatus;
import io.cairn.api.node.NodeInfo;
import io.cairn.api.node.NodeListener;
import io.cairn.api.node.NodeService;
import io.cairn.api.node.NodeState;
import io.cairn.api.security.CertificateAuthorityService;
import io.cairn.api.security.CertificateRequestException;
import io.cairn.api.security.CredentialService;
import io.cairn.api.security.JoinToken;
import io.cairn.api.security.JoinTokenRejectedException;
import io.cairn.api.security.SignedCertificate;
import io.cairn.api.task.Task;
import io.cairn.api.task.TaskService;
import io.cairn.api.task.TaskState;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Small in-test implementations of the api services the REST and SOAP layers call. They keep the
 * contract's documented failures (404/409/422/503 exceptions) so the northbound mapping can be
 * checked; the real managers are tested in core. One node, {@code node1}; one user, {@link #USER}.
 */
public final class InMemoryServices implements VmService, VmAdminService, VmAnnotationService, TaskService, NodeService,
        CredentialService,
        CertificateAuthorityService {
    public static final String USER = "admin";
    public static final String PASSWORD = "s3cret";
    /** More memory than this is on no node of this fake cluster: create answers UnsatisfiableException. */
    public static final long NODE_MEMORY_MIB = 65536;

    private final Map<String, VmDetails> vms = new TreeMap<>();
    private final Map<String, Map<String, VmAnnotation>> annotations = new TreeMap<>();
    private long annotationVersion;
    private final List<Task> tasks = new ArrayList<>();
    private final List<String> keptDisks = new ArrayList<>();
    private final AtomicInteger taskIds = new AtomicInteger();
    private volatile boolean unavailable;
    private volatile boolean present = true;
    /** false: as if this node did not hold the cluster CA. */
    private volatile boolean caPresent = true;
    /** The one join token the in-test CA accepts; the real policy is tested in core. */
    public static final String TOKEN = "abcdef.0123456789abcdef." + "0f".repeat(32);
    public static final String CHAIN = "-----BEGIN CERTIFICATE-----\nTk9ERQ==\n-----END CERTIFICATE-----\n"
            + "-----BEGIN CERTIFICATE-----\nQ0E=\n-----END CERTIFICATE-----\n";
    public static final String CA = "-----BEGIN CERTIFICATE-----\nQ0E=\n-----END CERTIFICATE-----\n";
    private volatile String lastToken;

    /** Back to no VMs, no tasks, available and present. */
    public synchronized void reset() {
        vms.clear();
        annotations.clear();
        tasks.clear();
        keptDisks.clear();
        unavailable = false;
        present = true;
        caPresent = true;
        lastToken = null;
    }

    /** false: as if this node did not hold the cluster CA; see {@link #caWhenPresent()}. */
    public void caPresent(boolean present) {
        this.caPresent = present;
    }

    /** These services as the CA, or null while it is not {@link #caPresent(boolean) present}. */
    public InMemoryServices caWhenPresent() {
        return caPresent ? this : null;
    }

    /** The last join token the in-test CA was given. */
    public String lastToken() {
        return lastToken;
    }

    /** true: every VM and task call throws UnavailableException, as a node without a Raft majority does. */
    public void unavailable(boolean unavailable) {
        this.unavailable = unavailable;
    }

    /** false: as if the VM and task services were not registered (yet); see {@link #whenPresent()}. */
    public void present(boolean present) {
        this.present = present;
    }

    /** These services, or null while they are not {@link #present(boolean) present}: what a dynamic DS reference holds. */
    public InMemoryServices whenPresent() {
        return present ? this : null;
    }

    private void checkAvailable() {
        if (unavailable) {
            throw new UnavailableException("no quorum: 1 of 3 voting nodes reachable");
        }
    }

    // --- VmService

    @Override
    public synchronized io.cairn.api.compute.VmPage vms(io.cairn.api.compute.VmQuery query) {
        List<VmDetails> matching = vms().stream()
                .filter(d -> query.cursor() == null || d.vm().name().compareTo(query.cursor()) > 0)
                .filter(d -> query.tenant() == null || query.tenant().equals(d.vm().spec().tenant()))
                .filter(d -> query.node() == null || d.owner() != null && query.node().equals(d.owner().node()))
                .filter(d -> query.state() == null || query.state() == d.status().state())
                .toList();
        if (matching.size() > query.limit()) {
            List<VmDetails> page = matching.subList(0, query.limit());
            return new io.cairn.api.compute.VmPage(page, page.get(page.size() - 1).vm().name());
        }
        return new io.cairn.api.compute.VmPage(matching, null);
    }

    @Override
    public synchronized List<VmDetails> vms() {
        checkAvailable();
        return List.copyOf(vms.values());
    }

    @Override
    public synchronized Optional<VmDetails> vm(String name) {
        checkAvailable();
        return Optional.ofNullable(vms.get(name));
    }

    @Override
    public void addListener(VmListener listener) {
    }

    @Override
    public void removeListener(VmListener listener) {
    }

    // --- VmAdminService

    @Override
    public synchronized VmDetails create(VmSpec spec) {
        checkAvailable();
        if (vms.containsKey(spec.name())) {
            throw new ConflictException("a VM named '" + spec.name() + "' already exists");
        }
        if (spec.memoryMiB() > NODE_MEMORY_MIB) {
            throw new UnsatisfiableException("no node has " + spec.memoryMiB() + " MiB free");
        }
        if (spec.node() != null && !spec.node().equals("node1")) {
            throw new UnsatisfiableException("no node named '" + spec.node() + "' to pin to");
        }
        Instant now = Instant.parse("2025-01-02T03:04:05Z");
        UUID id = UUID.nameUUIDFromBytes(spec.name().getBytes());
        VmDetails details = new VmDetails(new Vm(id, spec, PowerState.STOPPED, now),
                new VmStatus(VmState.STOPPED, "node1", now, null), new Ownership(id, "node1", 1));
        vms.put(spec.name(), details);
        return details;
    }

    @Override
    public Task start(String name) {
        return power(name, "vm.start", PowerState.RUNNING);
    }

    @Override
    public Task stop(String name) {
        return power(name, "vm.stop", PowerState.STOPPED);
    }

    @Override
    public Task reboot(String name) {
        VmDetails vm = existing(name);
        if (vm.vm().power() != PowerState.RUNNING) {
            throw new ConflictException("VM '" + name + "' is not running");
        }
        return task("vm.reboot", name);
    }

    @Override
    public Task destroy(String name) {
        return power(name, "vm.destroy", PowerState.STOPPED);
    }

    @Override
    public synchronized Task delete(String name) {
        return delete(name, false);
    }

    @Override
    public synchronized Task delete(String name, boolean keepDisks) {
        existing(name);
        vms.remove(name);
        annotations.remove(name);
        if (keepDisks) {
            keptDisks.add(name);
        }
        return task("vm.delete", name);
    }

    /** The VMs deleted with keepDisks, in order. */
    public synchronized List<String> keptDisks() {
        return List.copyOf(keptDisks);
    }

    private synchronized Task power(String name, String kind, PowerState wanted) {
        VmDetails vm = existing(name);
        if (vm.vm().power() == wanted) {
            throw new ConflictException("VM '" + name + "' is already " + wanted.name().toLowerCase());
        }
        vms.put(name, new VmDetails(vm.vm().withPower(wanted), vm.status(), vm.owner()));
        return task(kind, name);
    }

    synchronized VmDetails existing(String name) {
        checkAvailable();
        if (!DnsLabel.isValid(name)) {
            throw new IllegalArgumentException("name must be a DNS label, was '" + name + "'");
        }
        VmDetails vm = vms.get(name);
        if (vm == null) {
            throw new NotFoundException("no VM named '" + name + "'");
        }
        return vm;
    }

    synchronized Task task(String kind, String target) {
        Instant now = Instant.parse("2025-01-02T03:04:06Z");
        Task task = new Task("t-" + taskIds.incrementAndGet(), kind, target, "node1", TaskState.QUEUED, 0,
                "queued", null, now, now);
        tasks.add(0, task);
        return task;
    }

    // --- VmAnnotationService

    @Override
    public synchronized List<VmAnnotation> annotations(String vm) {
        existing(vm);
        return List.copyOf(annotations.getOrDefault(vm, Map.of()).values());
    }

    @Override
    public synchronized Optional<VmAnnotation> annotation(String vm, String key) {
        existing(vm);
        return Optional.ofNullable(annotations.getOrDefault(vm, Map.of()).get(VmAnnotation.requireKey(key)));
    }

    @Override
    public synchronized VmAnnotation annotate(String vm, String key, String value) {
        existing(vm);
        VmAnnotation annotation = new VmAnnotation(key, value, ++annotationVersion);
        annotations.computeIfAbsent(vm, v -> new TreeMap<>()).put(key, annotation);
        return annotation;
    }

    @Override
    public synchronized boolean removeAnnotation(String vm, String key) {
        existing(vm);
        return annotations.getOrDefault(vm, new TreeMap<>()).remove(VmAnnotation.requireKey(key)) != null;
    }

    // --- TaskService

    @Override
    public synchronized List<Task> tasks() {
        checkAvailable();
        return List.copyOf(tasks);
    }

    @Override
    public synchronized Optional<Task> task(String id) {
        checkAvailable();
        return tasks.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    // --- NodeService

    private static final NodeInfo NODE1 = new NodeInfo("6f1c", "node1", List.of("127.0.0.1"), 2, 65536, 60000,
            NodeState.UP, Instant.parse("2025-01-02T03:04:05Z"));

    @Override
    public List<NodeInfo> nodes() {
        return List.of(NODE1);
    }

    @Override
    public Optional<NodeInfo> node(String name) {
        return NODE1.name().equals(name) ? Optional.of(NODE1) : Optional.empty();
    }

    @Override
    public NodeInfo localNode() {
        return NODE1;
    }

    @Override
    public void addListener(NodeListener listener) {
    }

    @Override
    public void removeListener(NodeListener listener) {
    }

    // --- CertificateAuthorityService

    @Override
    public SignedCertificate signNodeCertificate(String token, String csrPem) {
        lastToken = token;
        if (!TOKEN.equals(token)) {
            throw new JoinTokenRejectedException("unknown join token");
        }
        if (csrPem == null || !csrPem.startsWith("-----BEGIN CERTIFICATE REQUEST-----")) {
            throw new CertificateRequestException("expected one PEM CERTIFICATE REQUEST block, found 0");
        }
        if (csrPem.contains("intruder")) {
            throw new ConflictException("'intruder' is not a configured member");
        }
        return new SignedCertificate("node2", CHAIN, CA);
    }

    @Override
    public JoinToken issueJoinToken(Duration ttl, String reissueFor) {
        return new JoinToken(TOKEN, Instant.parse("2025-01-03T03:04:05Z"), reissueFor);
    }

    // --- CredentialService

    @Override
    public boolean verify(String user, char[] password) {
        return USER.equals(user) && Arrays.equals(PASSWORD.toCharArray(), password);
    }

    @Override
    public boolean ready() {
        return true;
    }
}
