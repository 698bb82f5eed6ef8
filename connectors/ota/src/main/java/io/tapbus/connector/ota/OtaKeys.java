package io.tapbus.connector.ota;

/**
 * One key set of a card as the sending entity holds it: the ciphering key (KIc) and the checksum key (KID) of one
 * algorithm. Either key may be absent when the packets at hand do not need it. Keys are never printed.
 */
public final class OtaKeys {

    private final OtaAlgorithm algorithm;
    private final byte[] kic;
    private final byte[] kid;

    private OtaKeys(OtaAlgorithm algorithm, byte[] kic, byte[] kid) {
        this.algorithm = algorithm;
        this.kic = kic;
        this.kid = kid;
    }

    /** {@code kic} and {@code kid} may be null; lengths are checked against the algorithm. */
    public static OtaKeys of(OtaAlgorithm algorithm, byte[] kic, byte[] kid) throws OtaException {
        if (kic != null) {
            algorithm.checkKey("the KIc key", kic);
        }
        if (kid != null) {
            algorithm.checkKey("the KID key", kid);
        }
        return new OtaKeys(algorithm, kic == null ? null : kic.clone(), kid == null ? null : kid.clone());
    }

    public OtaAlgorithm algorithm() {
        return algorithm;
    }

    public boolean hasKic() {
        return kic != null;
    }

    public boolean hasKid() {
        return kid != null;
    }

    byte[] kic() throws OtaException {
        if (kic == null) {
            throw OtaException.malformed("ciphering needs the KIc key");
        }
        return kic;
    }

    byte[] kid() throws OtaException {
        if (kid == null) {
            throw OtaException.malformed("a cryptographic checksum needs the KID key");
        }
        return kid;
    }

    @Override
    public String toString() {
        return "OtaKeys[" + algorithm.option() + (kic != null ? ", KIc" : "") + (kid != null ? ", KID" : "") + "]";
    }
}
