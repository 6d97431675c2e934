package io.cairn.rest.internal;

import io.cairn.api.compute.VmAdminService;
import io.cairn.api.compute.VmAnnotationService;
import io.cairn.api.compute.VmService;
import io.cairn.api.compute.VmSnapshotService;
import io.cairn.api.node.NodeActivityService;
import io.cairn.api.metering.LicenseService;
import io.cairn.api.metering.PriceService;
import io.cairn.api.metering.UsageService;
import io.cairn.api.node.NodeService;
import io.cairn.api.security.CertificateAuthorityService;
import io.cairn.api.security.CredentialService;
import io.cairn.api.state.ConsistentStore;
import io.cairn.api.state.StateMembership;
import io.cairn.api.storage.ImageAdminService;
import io.cairn.api.storage.ImageService;
import io.cairn.api.storage.StorageAdminService;
import io.cairn.api.storage.StorageService;
import io.cairn.api.task.TaskService;
import io.cairn.web.CxfEndpoint;
import org.apache.cxf.Bus;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxrs.JAXRSServerFactoryBean;
import org.apache.cxf.jaxrs.lifecycle.SingletonResourceProvider;
import io.cairn.api.network.EdgeAdminService;
import io.cairn.api.network.EdgeService;
import io.cairn.api.network.NetworkAdminService;
import io.cairn.api.network.NetworkService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Publishes the JAX-RS resources at {@code /v1} on CXF's servlet (context {@code /cairn}, see
 * etc/org.apache.cxf.osgi.cfg), so the API lives under {@code /cairn/v1}. Resources are thin:
 * they only call api services.
 */
@Component(immediate = true)
public class RestServer {
    public static final String ADDRESS = "/v1";
    /** Every JAX-RS resource class this server publishes; the OpenAPI test reflects over these. */
    public static final List<Class<?>> RESOURCE_CLASSES = List.of(
            NodesResource.class, VmsResource.class, VmAnnotationsResource.class, TasksResource.class, ClusterStateResource.class,
            ClusterCertificatesResource.class, UsageResource.class, PricesResource.class, LicenseResource.class,
            NetworksResource.class, EdgesResource.class, PoolsResource.class, ImagesResource.class, OpenApiResource.class,
            VmSnapshotsResource.class, VmCloneResource.class);

    @Reference
    private NodeService nodes;
    // optional and dynamic: /nodes keeps working while the VM services are missing or being
    // replaced; /vms and /tasks answer 503 meanwhile
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile VmService vms;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile VmAdminService vmAdmin;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile VmAnnotationService vmAnnotations;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile VmSnapshotService vmSnapshots;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile TaskService tasks;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ConsistentStore store;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile StateMembership membership;
    // only the CA node (the seed) has one; elsewhere /cluster/certificates answers 503
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile CertificateAuthorityService certificateAuthority;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile NodeActivityService activity;
    // metering is its own feature: without it /usage, /prices and /license answer 503
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile UsageService usage;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile PriceService prices;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile LicenseService licenses;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile NetworkService networks;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile NetworkAdminService networkAdmin;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile EdgeService edges;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile EdgeAdminService edgeAdmin;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile StorageService storage;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile StorageAdminService storageAdmin;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ImageService images;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ImageAdminService imageAdmin;
    @Reference
    private CredentialService credentials;

    private CxfEndpoint endpoint;

    @Activate
    void activate() {
        endpoint = CxfEndpoint.publish("REST API", ADDRESS, JAXRSServerFactoryBean.class, (bus, address) ->
                publish(bus, address, nodes, () -> vms, () -> vmAdmin, () -> vmAnnotations, () -> tasks, () -> store,
                        () -> membership, () -> activity, () -> certificateAuthority,
                        new Metering(() -> usage, () -> prices, () -> licenses), () -> networks,
                        () -> networkAdmin, () -> edges, () -> edgeAdmin, new Storage(() -> storage, () -> storageAdmin,
                        () -> images, () -> imageAdmin), credentials, () -> vmSnapshots));
    }

    @Deactivate
    void deactivate() {
        if (endpoint != null) {
            endpoint.close();
            endpoint = null;
        }
    }

    /** The metering services, each looked up at call time. */
    public record Metering(Supplier<UsageService> usage, Supplier<PriceService> prices,
                           Supplier<LicenseService> licenses) {
    }

    /** The storage services (pools, images), each looked up at call time. */
    public record Storage(Supplier<StorageService> service, Supplier<StorageAdminService> admin,
                          Supplier<ImageService> images, Supplier<ImageAdminService> imageAdmin) {
        /** Pools only: /images answers 503. */
        public Storage(Supplier<StorageService> service, Supplier<StorageAdminService> admin) {
            this(service, admin, () -> null, () -> null);
        }
    }

    /** Creates the JAX-RS endpoint on {@code bus} at {@code address}; used by the component and by tests. */
    public static Server publish(Bus bus, String address, NodeService nodes, Supplier<VmService> vms,
                                 Supplier<VmAdminService> vmAdmin, Supplier<VmAnnotationService> vmAnnotations,
                                 Supplier<TaskService> tasks,
                                 Supplier<ConsistentStore> store, Supplier<StateMembership> membership,
                                 Supplier<NodeActivityService> activity,
                                 Supplier<CertificateAuthorityService> certificateAuthority,
                                 Metering metering, Supplier<NetworkService> networks,
                                 Supplier<NetworkAdminService> networkAdmin,
                                 Supplier<EdgeService> edges, Supplier<EdgeAdminService> edgeAdmin,
                                 Storage storage,
                                 CredentialService credentials) {
        return publish(bus, address, nodes, vms, vmAdmin, vmAnnotations, tasks, store, membership, activity,
                certificateAuthority, metering, networks, networkAdmin, edges, edgeAdmin, storage, credentials,
                () -> null);
    }

    /** As above, with the VM snapshot service (/vms/{name}/snapshots and /clone answer 503 without it). */
    public static Server publish(Bus bus, String address, NodeService nodes, Supplier<VmService> vms,
                                 Supplier<VmAdminService> vmAdmin, Supplier<VmAnnotationService> vmAnnotations,
                                 Supplier<TaskService> tasks,
                                 Supplier<ConsistentStore> store, Supplier<StateMembership> membership,
                                 Supplier<NodeActivityService> activity,
                                 Supplier<CertificateAuthorityService> certificateAuthority,
                                 Metering metering, Supplier<NetworkService> networks,
                                 Supplier<NetworkAdminService> networkAdmin,
                                 Supplier<EdgeService> edges, Supplier<EdgeAdminService> edgeAdmin,
                                 Storage storage,
                                 CredentialService credentials, Supplier<VmSnapshotService> vmSnapshots) {
        List<Object> resources = List.of(new NodesResource(nodes), new VmsResource(vms, vmAdmin),
                new VmAnnotationsResource(vmAnnotations),
                new TasksResource(tasks), new ClusterStateResource(store, membership, activity),
                new ClusterCertificatesResource(certificateAuthority), new UsageResource(metering.usage()),
                new PricesResource(metering.prices()), new LicenseResource(metering.licenses()),
                new NetworksResource(networks, networkAdmin), new EdgesResource(edges, edgeAdmin),
                new PoolsResource(storage.service(), storage.admin()),
                new ImagesResource(storage.images(), storage.imageAdmin()),
                new OpenApiResource(), new VmSnapshotsResource(vmSnapshots), new VmCloneResource(vmSnapshots));
        JAXRSServerFactoryBean factory = new JAXRSServerFactoryBean();
        factory.setBus(bus);
        factory.setAddress(address);
        List<Class<?>> classes = new ArrayList<>();
        resources.forEach(resource -> classes.add(resource.getClass()));
        if (!classes.equals(RESOURCE_CLASSES)) {
            throw new IllegalStateException("RESOURCE_CLASSES is out of step with the published resources");
        }
        factory.setResourceClasses(classes);
        for (Object resource : resources) {
            factory.setResourceProvider(resource.getClass(), new SingletonResourceProvider(resource));
        }
        factory.setProviders(List.of(new JsonProvider(), new StatementCsvWriter(), new ErrorMapper(),
                new BasicAuthFilter(credentials), new StaleReadFilter(store)));
        return factory.create();
    }
}
