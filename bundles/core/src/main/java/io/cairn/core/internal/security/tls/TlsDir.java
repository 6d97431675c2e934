package io.cairn.core.internal.security.tls;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The files of data/cairn/tls. Every node: node.key (0600), node.crt (node certificate then CA), ca.crt. The CA node
 * also: ca.key (0600), join.token (0600, the bootstrap token), tokens.json (0600, hashes of issued tokens) and
 * issued.json (which key each member was issued a certificate for).
 */
record TlsDir(Path dir) {
    Path nodeKey() {
        return dir.resolve("node.key");
    }

    Path nodeChain() {
        return dir.resolve("node.crt");
    }

    Path caCertificate() {
        return dir.resolve("ca.crt");
    }

    Path caKey() {
        return dir.resolve("ca.key");
    }

    Path joinToken() {
        return dir.resolve("join.token");
    }

    Path tokens() {
        return dir.resolve("tokens.json");
    }

    Path issued() {
        return dir.resolve("issued.json");
    }

    boolean holdsCa() {
        return Files.isRegularFile(caKey()) && Files.isRegularFile(caCertificate());
    }
}
