package io.cairn.itests;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ClientChannel;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;

/** Runs one Karaf shell command over SSH with password authentication. */
public final class Ssh {
    private Ssh() {
    }

    /** @return the command's output; throws IOException when authentication fails */
    public static String run(String host, int port, String user, String password, String command) throws IOException {
        try (SshClient client = SshClient.setUpDefaultClient()) {
            client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
            client.start();
            try (ClientSession session = client.connect(user, host, port).verify(Duration.ofSeconds(10)).getSession()) {
                session.addPasswordIdentity(password);
                session.auth().verify(Duration.ofSeconds(15));
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ByteArrayOutputStream err = new ByteArrayOutputStream();
                try (ClientChannel channel = session.createExecChannel(command)) {
                    channel.setOut(out);
                    channel.setErr(err);
                    channel.open().verify(Duration.ofSeconds(10));
                    channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), Duration.ofSeconds(60));
                }
                return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
