package dev.isolate4j.internal.rpc;

/**
 * Stands on the wire for an argument or result whose declared type is a {@code @Callee}
 * interface: the object stays where it is and the other side gets a proxy to it.
 *
 * @param objectId the id the object is exported under
 * @param senderOwned true when the object lives on the sender's side; false when the sender passes
 *     back a proxy to an object of the receiver's, which the receiver then unwraps
 */
record RemoteRef(String objectId, boolean senderOwned) {}
