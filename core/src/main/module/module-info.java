/**
 * Keepsake's platform-neutral core: the async type, the backend contract, errors, codecs, the
 * storage envelope, the manager, stores and state machines. Reads nothing but {@code java.base};
 * the Jackson annotations on the JSON value types are for applications that also use Jackson
 * and are not needed at run time. {@code dev.keepsake.core.internal} is exported only to
 * keepsake-jvm, which installs the JDK's CRC-32C there; keepsake-browser, its other user outside
 * core, is compiled by TeaVM from the class path.
 */
module dev.keepsake.core {
    requires static com.fasterxml.jackson.annotation;

    exports dev.keepsake.core.async;
    exports dev.keepsake.core.backend;
    exports dev.keepsake.core.codec;
    exports dev.keepsake.core.compress;
    exports dev.keepsake.core.crypto;
    exports dev.keepsake.core.error;
    exports dev.keepsake.core.format;
    exports dev.keepsake.core.internal to dev.keepsake.jvm;
    exports dev.keepsake.core.machine;
    exports dev.keepsake.core.manager;
    exports dev.keepsake.core.remote;
    exports dev.keepsake.core.store;
    exports dev.keepsake.core.sync;
    exports dev.keepsake.core.time;
}
