package dev.docpipe.devstack;

import dev.docpipe.localinfra.LoopbackPorts;

/**
 * Port choices for the command line: a fixed port must be free (a clear error beats a bind failure
 * deep in a log), 0 means any.
 */
final class Ports {
    private Ports() {}

    /** {@code wanted} if it is free, any free port if it is 0; fails naming {@code what} otherwise. */
    static int require(int wanted, String what, String option) {
        if (wanted == 0) {
            return LoopbackPorts.anyFree();
        }
        if (!LoopbackPorts.isFree(wanted)) {
            throw new IllegalStateException(what + " port " + wanted + " on 127.0.0.1 is in use: stop whatever"
                    + " holds it (another dev stack?) or pass " + option + " 0 for any free port");
        }
        return wanted;
    }

    static int preferred(int wanted) {
        return LoopbackPorts.isFree(wanted) ? wanted : LoopbackPorts.anyFree();
    }
}
