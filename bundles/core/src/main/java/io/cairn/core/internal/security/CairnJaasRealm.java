package io.cairn.core.internal.security;

import io.cairn.api.security.CredentialService;
import org.apache.karaf.jaas.boot.ProxyLoginModule;
import org.apache.karaf.jaas.config.JaasRealm;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import javax.security.auth.login.AppConfigurationEntry;
import java.util.HashMap;
import java.util.Map;

/**
 * Replaces Karaf's "karaf" JAAS realm (higher rank) so SSH, JMX and the web console check the
 * same cluster credential as REST and SOAP.
 */
@Component(service = JaasRealm.class, immediate = true)
public class CairnJaasRealm implements JaasRealm {
    static final String CREDENTIALS_OPTION = "cairn.credentials";

    @Reference
    private CredentialService credentials;

    private BundleContext context;

    @Activate
    void activate(BundleContext bundleContext) {
        this.context = bundleContext;
    }

    @Override
    public String getName() {
        return "karaf";
    }

    @Override
    public int getRank() {
        return 100;
    }

    @Override
    public AppConfigurationEntry[] getEntries() {
        Map<String, Object> options = new HashMap<>();
        options.put(ProxyLoginModule.PROPERTY_MODULE, CairnLoginModule.class.getName());
        options.put(ProxyLoginModule.PROPERTY_BUNDLE, Long.toString(context.getBundle().getBundleId()));
        options.put(CREDENTIALS_OPTION, credentials);
        return new AppConfigurationEntry[] {
            new AppConfigurationEntry(ProxyLoginModule.class.getName(),
                    AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, options)
        };
    }
}
