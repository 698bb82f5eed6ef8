package io.tapbus.runtime.write;

/**
 * State kept outside write units that rides along with every batch (a reader's last sequence number):
 * the writer asks for its rows at each flush, and flushes on its own when only contributors have work.
 */
public interface BatchContributor {
    boolean pending();

    /** Stages the rows of what changed since the last call. */
    void contribute(Batch batch);
}
