package io.tapbus.samples.mmsc;

/** How the simulator answers a SubmitReq that passed authentication. */
public enum Mode {
    /** SubmitRsp, or the configured fault. */
    ANSWER,
    /** HTTP 200 with a body that is not a SOAP envelope (a broken MMSC or proxy). */
    GARBAGE,
    /** Close the connection after reading the request, without an answer (an MMSC that crashes mid-request). */
    DROP,
    /** Read the request and never answer (a hung MMSC: the client's timeout must fire). */
    SILENT
}
