package io.cairn.soap.internal;

import io.cairn.web.ApiFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Supplier;

/** One api call of a SOAP operation: api exceptions become {@link CairnFault}s, mapped as REST maps them. */
final class SoapCalls {
    private static final Logger LOG = LoggerFactory.getLogger(SoapCalls.class);

    private SoapCalls() {
    }

    static <T> T call(Supplier<T> operation) throws CairnFault {
        try {
            return operation.get();
        } catch (RuntimeException e) {
            ApiFailure failure = ApiFailure.of(e);
            if (failure.internal()) {
                LOG.error("Unexpected error answering a SOAP request", e);
            }
            throw new CairnFault(failure.message(), new CairnFaultInfo(failure.code(), failure.message()));
        }
    }
}
