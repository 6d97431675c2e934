package io.cairn.compute.kvm.internal;

import org.libvirt.Error;
import org.libvirt.LibvirtException;

/** A libvirt call failed; the message names the operation and carries libvirt's own message. */
public class LibvirtCallException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LibvirtCallException(String operation, LibvirtException cause) {
        super(operation + " failed: " + describe(cause), cause);
    }

    static String describe(LibvirtException e) {
        Error error = e.getError();
        String message = error != null && error.getMessage() != null ? error.getMessage() : e.getMessage();
        return error != null && error.getCode() != null ? message + " [" + error.getCode() + "]" : message;
    }

    static boolean is(LibvirtException e, Error.ErrorNumber code) {
        return e.getError() != null && e.getError().getCode() == code;
    }
}
