package io.cairn.shell.internal;

import io.cairn.api.metering.License;
import io.cairn.api.metering.LicenseService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

@Service
@Command(scope = "license", name = "install", description = "Verifies and installs a signed licence file from "
        + "this node's file system")
public class LicenseInstallCommand implements Action {
    @Reference(optional = true)
    private LicenseService licenses;

    @Argument(index = 0, name = "file", description = "The licence file", required = true)
    private String file;

    @Override
    public Object execute() throws IOException {
        String text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
        License l = Format.require(licenses, "licence").install(text);
        System.out.printf("Installed licence %s (%s) for %s, valid %s to %s%n", l.id(), Format.lower(l.kind()),
                l.customer(), l.notBefore(), l.notAfter());
        return null;
    }
}
