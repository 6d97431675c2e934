package io.cairn.compute.kvm.bench;

import io.cairn.api.compute.BootSpec;
import io.cairn.api.compute.DomainRequest;
import io.cairn.api.compute.NicSpec;
import io.cairn.api.compute.PowerState;
import io.cairn.api.compute.Vm;
import io.cairn.api.compute.VmSpec;
import io.cairn.compute.kvm.internal.DomainXmlBuilder;
import io.cairn.compute.kvm.internal.KvmComputeDriver;
import io.cairn.compute.kvm.internal.KvmSettings;
import io.cairn.compute.kvm.internal.NicAttachment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Domain create+start through the driver vs. the same {@code virDomainCreateXML} calls made directly
 * with libvirt-java (the floor), both against {@code test:///default}. Never run by default:
 * <pre>
 * mvn -Dmaven.repo.local=/work/m2-kvm -f bundles/compute-kvm/pom.xml test -Dtest=StartBenchmark \
 *     -Dcairn.bench=true -Dsurefire.failIfNoSpecifiedTests=false [-Dcairn.bench.n=2000 -Dcairn.bench.rounds=5]
 * </pre>
 */
class StartBenchmark {
    private static final Path CONSOLE_DIR = Path.of("target", "bench-console").toAbsolutePath();

    @Test
    @EnabledIfSystemProperty(named = "cairn.bench", matches = "true")
    void benchmark() throws Exception {
        main(new String[0]);
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.getInteger("cairn.bench.n", 2000);
        int rounds = Integer.getInteger("cairn.bench.rounds", 5);
        KvmComputeDriver driver = new KvmComputeDriver(KvmSettings.of("test:///default"));
        Connect direct = new Connect("test:///default", false);
        try {
            DomainXmlBuilder xmlBuilder = new DomainXmlBuilder(driver.virtType(), NicAttachment.USER);
            // warm-up of both paths (JIT, JNA, libvirt)
            runDriver(driver, requests(500));
            runDirect(direct, xmls(xmlBuilder, requests(500)));
            List<double[]> driverRuns = new ArrayList<>();
            List<double[]> directRuns = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                driverRuns.add(runDriver(driver, requests(n)));
                directRuns.add(runDirect(direct, xmls(xmlBuilder, requests(n))));
            }
            System.out.printf(Locale.ROOT, "create+start of %d transient domains on test:///default, %d rounds "
                    + "(%d cores)%n", n, rounds, Runtime.getRuntime().availableProcessors());
            Stats drv = report("driver.start()          ", driverRuns);
            Stats dir = report("direct domainCreateXML  ", directRuns);
            System.out.printf(Locale.ROOT, "ratio driver/direct: rate %.2fx slower, p50 %.2fx, p99 %.2fx%n",
                    dir.rate / drv.rate, drv.p50 / dir.p50, drv.p99 / dir.p99);
        } finally {
            driver.close();
            direct.close();
        }
    }

    private record Stats(double rate, double p50, double p99) {
    }

    /** Median over rounds of each round's rate and percentiles. */
    private static Stats report(String label, List<double[]> runs) {
        double[] rates = new double[runs.size()];
        double[] p50s = new double[runs.size()];
        double[] p99s = new double[runs.size()];
        for (int i = 0; i < runs.size(); i++) {
            double[] lat = runs.get(i).clone();
            double total = runs.get(i)[lat.length - 1];
            double[] samples = Arrays.copyOf(lat, lat.length - 1);
            Arrays.sort(samples);
            rates[i] = samples.length / (total / 1e9);
            p50s[i] = samples[(int) (samples.length * 0.50)] / 1e3;
            p99s[i] = samples[(int) (samples.length * 0.99)] / 1e3;
        }
        Stats s = new Stats(median(rates), median(p50s), median(p99s));
        System.out.printf(Locale.ROOT, "%s %8.0f domains/s  p50 %7.1f us  p99 %7.1f us   (rates per round %s)%n",
                label, s.rate, s.p50, s.p99, Arrays.toString(Arrays.stream(rates).map(Math::rint).toArray()));
        return s;
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }

    /** @return latencies in ns of each start, then the round's total time in ns as the last element */
    private static double[] runDriver(KvmComputeDriver driver, List<DomainRequest> requests) {
        double[] lat = new double[requests.size() + 1];
        long start = System.nanoTime();
        for (int i = 0; i < requests.size(); i++) {
            long t = System.nanoTime();
            driver.start(requests.get(i));
            lat[i] = System.nanoTime() - t;
        }
        lat[requests.size()] = System.nanoTime() - start;
        for (DomainRequest r : requests) {
            driver.destroy(r.vm().id());
        }
        return lat;
    }

    private static double[] runDirect(Connect c, List<String> xmls) throws LibvirtException {
        double[] lat = new double[xmls.size() + 1];
        List<Domain> domains = new ArrayList<>(xmls.size());
        long start = System.nanoTime();
        for (int i = 0; i < xmls.size(); i++) {
            long t = System.nanoTime();
            domains.add(c.domainCreateXML(xmls.get(i), 0));
            lat[i] = System.nanoTime() - t;
        }
        lat[xmls.size()] = System.nanoTime() - start;
        for (Domain d : domains) {
            d.destroy();
            d.free();
        }
        return lat;
    }

    private static List<String> xmls(DomainXmlBuilder builder, List<DomainRequest> requests) {
        List<String> xmls = new ArrayList<>(requests.size());
        for (DomainRequest r : requests) {
            xmls.add(builder.build(r));
        }
        return xmls;
    }

    private static List<DomainRequest> requests(int n) {
        List<DomainRequest> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            UUID id = UUID.randomUUID();
            String name = "b" + id.toString().substring(0, 8) + "-" + i;
            VmSpec spec = new VmSpec(name, null, 1, 128, List.of(new NicSpec("default", null)),
                    new BootSpec("vmlinuz", "initrd.img", "console=ttyS0"), null, false, null);
            Vm vm = new Vm(id, spec, PowerState.RUNNING, Instant.now());
            list.add(new DomainRequest(vm, "node1", 1, Path.of("/images/vmlinuz"), Path.of("/images/initrd.img"),
                    CONSOLE_DIR.resolve(name + ".log")));
        }
        return list;
    }
}
