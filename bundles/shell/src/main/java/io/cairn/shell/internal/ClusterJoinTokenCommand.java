package io.cairn.shell.internal;

import io.cairn.api.security.CertificateAuthorityService;
import io.cairn.api.security.JoinToken;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import java.io.PrintStream;
import java.time.Duration;

@Service
@Command(scope = "cluster", name = "join-token", description = "Prints a new one-time join token with which a new "
        + "member gets its cluster certificate (only on the node holding the cluster CA: the first configured member)")
public class ClusterJoinTokenCommand implements Action {
    @Reference(optional = true)
    private CertificateAuthorityService ca;

    @Option(name = "--ttl", description = "Hours the token stays valid (default: join.token.ttl.hours, 24)")
    private Long ttlHours;

    @Option(name = "--reissue", description = "A member that already holds a certificate and may be issued one for a "
            + "new key with this token (a node whose key was lost or replaced)")
    private String reissue;

    @Override
    public Object execute() {
        print(System.out, Format.require(ca, "cluster CA (it runs on the first configured member)")
                .issueJoinToken(ttl(), reissue));
        return null;
    }

    Duration ttl() {
        if (ttlHours == null) {
            return null;
        }
        if (ttlHours <= 0) {
            throw new IllegalArgumentException("--ttl must be a positive number of hours");
        }
        return Duration.ofHours(ttlHours);
    }

    static void print(PrintStream out, JoinToken token) {
        out.println(token.token());
        out.printf("valid until %s, once%s%n", token.expires(),
                token.reissueFor() == null ? "" : ", to re-issue the certificate of " + token.reissueFor());
        out.println("On the new member put it in data/cairn/tls/join.token (mode 0600), or in the file that "
                + "join.token.file of etc/io.cairn.cluster.cfg names, before its first start.");
    }
}
