package io.cairn.api.transfer;

/** A transfer source refused a stream, or failed before it sent anything; the message says why. */
public class TransferRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TransferRefusedException(String message) {
        super(message);
    }
}
